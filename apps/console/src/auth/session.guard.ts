import { timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, SetMetadata, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Principal, Role } from '#auth';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console-settings.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, needsCsrf, originAllowed, parseCookies } from '../domain/cookies.js';
import { csrfTokenFor, SessionService, type ActiveSession } from '../sessions/session.service.js';

export interface ConsoleRequest extends Request {
  user?: Principal;
  consoleSession?: ActiveSession;
}

const CONSOLE_ROLES = 'console:roles';
const INITIAL_PASSWORD_OK = 'console:initial-password-ok';

/** The signed-in user needs one of these roles. */
export const ConsoleRoles = (...roles: Role[]) => SetMetadata(CONSOLE_ROLES, roles);
/** The route is open to a user who still has to change an initial password (sign-out, password change, me). */
export const InitialPasswordOk = () => SetMetadata(INITIAL_PASSWORD_OK, true);

export const CSRF_REFUSED = 'CSRF token missing or wrong';
export const MUST_CHANGE_PASSWORD = '请先修改初始密码';

/** The origin the browser must be on for a state-changing request: CONSOLE_PUBLIC_URL's, else the one it asked for. */
export function ownOrigin(req: Request, settings: ConsoleSettings): string {
  return settings.publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks a request that rides on the session cookie: the Origin (when sent) is the console's own, the
 * session is live, and a state-changing request carries the CSRF token of this session both in the
 * sc_csrf cookie and in X-CSRF-Token. Returns the session, or throws the answer (401 / 403).
 */
export async function authenticate(req: ConsoleRequest, sessions: SessionService, settings: ConsoleSettings): Promise<ActiveSession> {
  const changing = needsCsrf(req.method);
  if (changing && !originAllowed(req.get('origin'), ownOrigin(req, settings))) throw new ForbiddenException('cross-origin request refused');
  const cookies = parseCookies(req.headers.cookie);
  const active = await sessions.resolve(cookies[SESSION_COOKIE]);
  if (!active) throw new UnauthorizedException('请先登录');
  if (changing) {
    const header = req.get(CSRF_HEADER) ?? '';
    const expected = csrfTokenFor(active.secret);
    if (!header || !sameText(header, expected) || !sameText(cookies[CSRF_COOKIE] ?? '', expected)) throw new ForbiddenException(CSRF_REFUSED);
  }
  req.consoleSession = active;
  const a = active.account;
  // Who the audit trail names for what the console itself changes.
  req.user = { sub: a.id, roles: a.roles as Role[], ...(a.department ? { department: a.department } : {}), name: a.displayName };
  return active;
}

/** Guard of the console's own routes (they are @Public() to the bearer-token guard every app has). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ConsoleRequest>();
    const active = await authenticate(req, this.sessions, this.settings);
    const targets = [context.getHandler(), context.getClass()];
    if (active.account.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(INITIAL_PASSWORD_OK, targets)) throw new ForbiddenException(MUST_CHANGE_PASSWORD);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(CONSOLE_ROLES, targets);
    if (roles?.length && !active.account.roles.some((r) => (roles as string[]).includes(r))) throw new ForbiddenException(`this needs one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
