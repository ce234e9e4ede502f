import { safeReturnTo, usernameCandidates } from './oidc.service.js';

describe('the OIDC returnTo', () => {
  it('keeps a path of the console and turns anything else into /', () => {
    expect(safeReturnTo('/targets?q=1')).toBe('/targets?q=1');
    for (const bad of [undefined, '', 'https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/a\u0000b', `/${'x'.repeat(600)}`]) expect(safeReturnTo(bad)).toBe('/');
  });
});

describe('the user name of a new OIDC account', () => {
  it('tries the preferred name, then #oidc, #oidc2, … within 100 characters', () => {
    expect(usernameCandidates('zhao.liu', 4)).toEqual(['zhao.liu', 'zhao.liu#oidc', 'zhao.liu#oidc2', 'zhao.liu#oidc3']);
    const long = 'x'.repeat(100);
    expect(usernameCandidates(long, 3).every((c) => c.length <= 100)).toBe(true);
    expect(new Set(usernameCandidates(long, 20)).size).toBe(20);
  });
});
