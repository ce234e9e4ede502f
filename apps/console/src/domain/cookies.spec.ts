import { cookiesSecure, csrfCookieOptions, needsCsrf, oidcCookieOptions, originAllowed, parseCookies, sessionCookieOptions } from './cookies.js';

describe('console cookies', () => {
  it('keeps the session cookie from scripts, both SameSite=Strict on the whole site, Secure only over https', () => {
    expect(sessionCookieOptions(false)).toEqual({ httpOnly: true, secure: false, sameSite: 'strict', path: '/' });
    expect(sessionCookieOptions(true).secure).toBe(true);
    expect(csrfCookieOptions(true)).toEqual({ httpOnly: false, secure: true, sameSite: 'strict', path: '/' });
  });

  it('sends the OIDC state cookie back on the provider’s cross-site redirect (Lax), to /auth/oidc only, for 10 minutes', () => {
    expect(oidcCookieOptions(false)).toEqual({ httpOnly: true, secure: false, sameSite: 'lax', path: '/auth/oidc', maxAge: 600_000 });
  });

  it('parses a Cookie header: first value wins, quotes and escapes undone, malformed escapes kept', () => {
    expect(parseCookies('a=1; b="two"; a=3; c=%E4%B8%AD; d=%E0%A4%A; junk')).toEqual({ a: '1', b: 'two', c: '中', d: '%E0%A4%A' });
    expect(parseCookies(undefined)).toEqual({});
  });

  it('asks for the CSRF token on state-changing methods only, and allows no Origin or the own one', () => {
    expect(['POST', 'put', 'PATCH', 'DELETE'].every(needsCsrf)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(needsCsrf)).toBe(false);
    expect(originAllowed(undefined, 'https://zf.example')).toBe(true);
    expect(originAllowed('https://ZF.example', 'https://zf.example')).toBe(true);
    expect(originAllowed('https://zf.example.evil', 'https://zf.example')).toBe(false);
    expect(originAllowed('null', 'https://zf.example')).toBe(false);
  });

  it('sets Secure over https, or when the configured public URL is https', () => {
    expect(cookiesSecure(true, undefined)).toBe(true);
    expect(cookiesSecure(false, 'https://zf.example.gov.cn')).toBe(true);
    expect(cookiesSecure(false, 'HTTPS://zf.example.gov.cn')).toBe(true);
    expect(cookiesSecure(false, 'http://127.0.0.1:3004')).toBe(false);
    expect(cookiesSecure(false, undefined)).toBe(false);
  });
});
