import type { Response, Request } from 'express';
import { CSRF_COOKIE, SESSION_COOKIE, cookiesSecure, csrfCookieOptions, sessionCookieOptions } from '../domain/cookies.js';
import { csrfTokenFor } from '../sessions/session.service.js';

/**
 * Sets the session and CSRF cookies; Secure when the browser came over https (req.secure honours
 * CONSOLE_TRUST_PROXY) or the configured public URL (CONSOLE_PUBLIC_URL) is https.
 */
export function setSessionCookies(req: Request, res: Response, secret: string, publicUrl: string | undefined): void {
  const secure = cookiesSecure(req.secure, publicUrl);
  res.cookie(SESSION_COOKIE, secret, sessionCookieOptions(secure));
  res.cookie(CSRF_COOKIE, csrfTokenFor(secret), csrfCookieOptions(secure));
}

export function clearSessionCookies(req: Request, res: Response, publicUrl: string | undefined): void {
  const secure = cookiesSecure(req.secure, publicUrl);
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
  res.clearCookie(CSRF_COOKIE, csrfCookieOptions(secure));
}
