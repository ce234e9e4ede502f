import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#auth';
import { DomainError } from '#domain';
import { clearSessionCookies, setSessionCookies } from '../auth/cookie-writer.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console-settings.js';
import { cookiesSecure, OIDC_COOKIE, oidcCookieOptions, parseCookies } from '../domain/cookies.js';
import { OidcService } from './oidc.service.js';

/** The OIDC redirects. On failure the browser lands on the sign-in page with ?error=<code>. */
@ApiTags('auth')
@Public()
@Controller('auth/oidc')
export class OidcController {
  private readonly logger = new Logger('Oidc');

  constructor(
    private readonly oidc: OidcService,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  @Get('login')
  @ApiOperation({ summary: 'Redirects to the OpenID provider (code flow, PKCE, state, nonce); 404 when OIDC is not configured' })
  @ApiQuery({ name: 'returnTo', required: false, description: 'a path of the console to land on after signing in' })
  async login(@Query('returnTo') returnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) {
      res.status(404).json({ statusCode: 404, message: '统一身份认证未配置' });
      return;
    }
    try {
      const { url, state } = await this.oidc.begin(typeof returnTo === 'string' ? returnTo : undefined);
      res.cookie(OIDC_COOKIE, state, oidcCookieOptions(cookiesSecure(req.secure, this.settings.publicUrl)));
      res.redirect(302, url);
    } catch (error) {
      this.logger.warn({ msg: 'OIDC sign-in could not start', error: (error as Error).message });
      res.redirect(302, '/login?error=oidc_unavailable');
    }
  }

  @Get('callback')
  @ApiOperation({ summary: "The provider's redirect: completes the sign-in, sets the session cookies, redirects to returnTo" })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) {
      res.status(404).json({ statusCode: 404, message: '统一身份认证未配置' });
      return;
    }
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const cookieState = parseCookies(req.headers.cookie)[OIDC_COOKIE];
    res.clearCookie(OIDC_COOKIE, oidcCookieOptions(cookiesSecure(req.secure, this.settings.publicUrl)));
    try {
      const { secret, returnTo } = await this.oidc.complete(search, cookieState, { userAgent: req.get('user-agent'), ip: req.ip });
      setSessionCookies(req, res, secret, this.settings.publicUrl);
      res.redirect(302, returnTo);
    } catch (error) {
      const code = error instanceof DomainError && /^oidc_[a-z_]+$/.test(error.message) ? error.message : 'oidc_failed';
      this.logger.warn({ msg: 'OIDC sign-in refused', code, error: (error as Error).message });
      clearSessionCookies(req, res, this.settings.publicUrl);
      res.redirect(302, `/login?error=${code}`);
    }
  }
}
