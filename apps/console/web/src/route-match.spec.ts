import { matchRoute, safeReturnTo } from './route-match';

const routes = [{ path: '/' }, { path: '/notices' }, { path: '/notices/:id' }];

describe('route matching', () => {
  it('matches static and parameter paths', () => {
    expect(matchRoute(routes, '/')?.route.path).toBe('/');
    expect(matchRoute(routes, '/notices/')?.route.path).toBe('/notices');
    expect(matchRoute(routes, '/notices/a%20b')).toEqual({ route: { path: '/notices/:id' }, params: { id: 'a b' } });
    expect(matchRoute(routes, '/nope')).toBeNull();
    expect(matchRoute(routes, '/notices/%E0%A4%A')).toBeNull();
  });

  it('returns only to paths of this origin', () => {
    expect(safeReturnTo('/targets?q=1')).toBe('/targets?q=1');
    expect(safeReturnTo('//evil.example/')).toBe('/');
    expect(safeReturnTo('https://evil.example/')).toBe('/');
    expect(safeReturnTo('/\\evil')).toBe('/');
    expect(safeReturnTo('/login?x')).toBe('/');
    expect(safeReturnTo(null, '/audit')).toBe('/audit');
  });
});
