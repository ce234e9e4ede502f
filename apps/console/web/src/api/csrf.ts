/**
 * The double-submit CSRF header of the console (docs: /tmp contract "Session"): every request that is
 * not GET/HEAD carries `X-CSRF-Token` with the value of the script-readable `sc_csrf` cookie. The
 * session cookie itself is httpOnly; no token is ever kept in localStorage or sessionStorage.
 */
export const CSRF_COOKIE = 'sc_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The value of one cookie in a `document.cookie` string, or null. */
export function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() !== name) continue;
    const raw = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/** Whether a request of this method changes state (and so must carry the CSRF header). */
export function changesState(method: string): boolean {
  const m = method.toUpperCase();
  return m !== 'GET' && m !== 'HEAD' && m !== 'OPTIONS';
}

/** The headers to add to a request: the CSRF header for a state-changing one when the cookie is there. */
export function csrfHeaders(method: string, cookies: string): Record<string, string> {
  if (!changesState(method)) return {};
  const token = cookieValue(cookies, CSRF_COOKIE);
  return token ? { [CSRF_HEADER]: token } : {};
}
