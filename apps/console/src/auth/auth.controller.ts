import { Body, Controller, Delete, Get, HttpCode, HttpException, HttpStatus, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '#auth';
import { forbidden } from '#domain';
import { userView, type UserView } from '../accounts/account.view.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console-settings.js';
import { originAllowed } from '../domain/cookies.js';
import { RateWindows } from '../domain/rate-window.js';
import { SessionService, type SessionListItem } from '../sessions/session.service.js';
import { ChangePasswordDto, LoginDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { retryAfterOf } from './busy.js';
import { clearSessionCookies, setSessionCookies } from './cookie-writer.js';
import { InitialPasswordOk, ownOrigin, SessionGuard, type ConsoleRequest } from './session.guard.js';

/**
 * Sign-in, sign-out, the signed-in user, password change and sessions (docs/console.md). The
 * console's routes ride on the session cookie, not on a bearer token: @Public() to the platform's
 * token guard, SessionGuard instead.
 */
@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  private readonly loginWindows = new RateWindows();

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  @Get('config')
  @ApiOperation({ summary: 'How staff can sign in (for the sign-in page)' })
  config(): { localLogin: boolean; oidc: { enabled: boolean; label: string }; portalUrl: string | null } {
    return { localLogin: this.settings.localLogin, oidc: { enabled: !!this.settings.oidc, label: this.settings.oidc?.label ?? '' }, portalUrl: this.settings.portalPublicUrl ?? null };
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Signs in with user name and password; sets sc_session and sc_csrf. 401 wrong, 423 locked, 429 too many from this address, 503 busy' })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ user: UserView }> {
    if (!this.settings.localLogin) throw forbidden('本地账户登录已关闭，请使用统一身份认证登录');
    // Per client address (req.ip honours CONSOLE_TRUST_PROXY), by real time, not the business clock.
    const wait = this.loginWindows.take(req.ip ?? req.socket.remoteAddress ?? '?', this.settings.loginRateLimit, 60_000, performance.now());
    if (wait) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpException(
        { statusCode: 429, message: `登录尝试过于频繁，请 ${wait} 秒后再试 (too many sign-in attempts from this address: at most ${this.settings.loginRateLimit} a minute)`, retryAfterSeconds: wait },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    // No CSRF token before a session exists; the Origin check still keeps another site from signing a browser in (login CSRF).
    if (!originAllowed(req.get('origin'), ownOrigin(req, this.settings))) throw forbidden('cross-origin request refused');
    const { account, secret } = await this.auth.login(dto.username, dto.password, { userAgent: req.get('user-agent'), ip: req.ip }).catch((error: unknown) => {
      // Locked (423) or busy (503): say when to come back in the header too (RFC 9110 §10.2.3).
      const wait = retryAfterOf(error);
      if (wait) res.setHeader('Retry-After', String(wait));
      throw error;
    });
    setSessionCookies(req, res, secret, this.settings.publicUrl);
    return { user: userView(account) };
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(SessionGuard)
  @InitialPasswordOk()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Ends this session and clears the cookies' })
  async logout(@Req() req: ConsoleRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const { account, session } = req.consoleSession!;
    await this.db.transaction((m) => this.sessions.revoke(m, account.id, session.id));
    clearSessionCookies(req, res, this.settings.publicUrl);
  }

  @Get('me')
  @UseGuards(SessionGuard)
  @InitialPasswordOk()
  @ApiCookieAuth()
  me(@Req() req: ConsoleRequest): { user: UserView } {
    return { user: userView(req.consoleSession!.account) };
  }

  @Post('password')
  @HttpCode(204)
  @UseGuards(SessionGuard)
  @InitialPasswordOk()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Changes the own password (≥ 12 characters, not the user name, not a common one); ends the other sessions' })
  async password(@Body() dto: ChangePasswordDto, @Req() req: ConsoleRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const { account, session } = req.consoleSession!;
    await this.auth.changePassword(account, session.id, dto.currentPassword, dto.newPassword).catch((error: unknown) => {
      const wait = retryAfterOf(error);
      if (wait) res.setHeader('Retry-After', String(wait));
      throw error;
    });
  }

  @Get('sessions')
  @UseGuards(SessionGuard)
  @InitialPasswordOk()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The own live sessions' })
  list(@Req() req: ConsoleRequest): Promise<SessionListItem[]> {
    const { account, session } = req.consoleSession!;
    return this.sessions.list(account.id, session.id);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @UseGuards(SessionGuard)
  @InitialPasswordOk()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Ends one of the own sessions (its next request is 401)' })
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: ConsoleRequest): Promise<void> {
    const { account } = req.consoleSession!;
    const found = await this.db.transaction((m) => this.sessions.revoke(m, account.id, id));
    if (!found) throw new NotFoundException('没有这个会话');
  }
}
