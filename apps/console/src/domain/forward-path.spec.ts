import { unsafeForwardPath } from './forward-path.js';

describe('forwarded paths', () => {
  it('refuses dot segments, encoded dots, slashes and backslashes, and backslashes', () => {
    for (const p of ['/..', '/../audit', '/a/./b', '/a/..', '/%2e%2e/audit', '/%2E/x', '/a%2fb', '/a%2Fb', '/a%5cb', '/a\\b', '/.'])
      expect([p, unsafeForwardPath(p)]).toEqual([p, true]);
  });

  it('lets ordinary paths through, dots inside a name included', () => {
    for (const p of ['/', '/targets', '/targets/1f0c/evidence', '/exports/plan.v2.csv', '/a..b', '/.well-known-ish', '/%E6%B0%B4'])
      expect([p, unsafeForwardPath(p)]).toEqual([p, false]);
  });
});
