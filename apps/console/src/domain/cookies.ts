/**
 * The console's cookies (docs/console.md). The session cookie is httpOnly: no script reads it. The
 * CSRF cookie is readable by the page, which echoes it in X-CSRF-Token (double submit, bound to the
 * session: see csrfTokenFor). Both SameSite=Strict, Path=/, Secure when the request came over https.
 */
export const SESSION_COOKIE = 'sc_session';
export const CSRF_COOKIE = 'sc_csrf';
export const OIDC_COOKIE = 'sc_oidc';
export const CSRF_HEADER = 'x-csrf-token';

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'strict' | 'lax';
  path: string;
  maxAge?: number;
}

export function sessionCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, secure, sameSite: 'strict', path: '/' };
}

export function csrfCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: false, secure, sameSite: 'strict', path: '/' };
}

/**
 * The OIDC sign-in cookie comes back on the provider's redirect, a cross-site navigation: it must be
 * SameSite=Lax (Strict cookies are not sent on it). It holds only the state, for 10 minutes.
 */
export function oidcCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, secure, sameSite: 'lax', path: '/auth/oidc', maxAge: 600_000 };
}

/**
 * Whether the cookies get the Secure flag: the request came over https (req.secure, which honours
 * CONSOLE_TRUST_PROXY), or the console's configured public URL is https (behind a TLS proxy that is
 * not named in CONSOLE_TRUST_PROXY, req.secure alone would be false).
 */
export function cookiesSecure(requestSecure: boolean, publicUrl: string | undefined): boolean {
  return requestSecure || (publicUrl ?? '').toLowerCase().startsWith('https:');
}

/** Cookies of a Cookie header (first value of a name wins; malformed percent-escapes are kept as they are). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

/** A state-changing request must carry the CSRF token; GET and HEAD (and OPTIONS) change nothing. */
export function needsCsrf(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** True when `origin` (the Origin header, if any) is the console's own. */
export function originAllowed(origin: string | undefined, own: string): boolean {
  if (origin === undefined || origin === '') return true;
  return origin.toLowerCase() === own.toLowerCase();
}
