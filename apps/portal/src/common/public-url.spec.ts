import { listeningOrigin, publicOrigin } from './public-url.js';

describe('public URL', () => {
  it('normalises a configured origin', () => {
    expect(publicOrigin('https://gongshi.example.gov.cn')).toBe('https://gongshi.example.gov.cn');
    expect(publicOrigin('https://Gongshi.Example.gov.cn:443/')).toBe('https://gongshi.example.gov.cn');
    expect(publicOrigin('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(publicOrigin('http://[::1]:8080')).toBe('http://[::1]:8080');
  });

  it('refuses anything but an http(s) origin', () => {
    for (const bad of ['gongshi.example.gov.cn', 'ftp://x.example', 'javascript:alert(1)', 'https://u:p@x.example', 'https://x.example/portal', 'https://x.example/?a=1', 'https://x.example/#f', '']) {
      expect(() => publicOrigin(bad)).toThrow(/PORTAL_PUBLIC_URL/);
    }
  });

  it('defaults to the listening address, a wildcard one as localhost', () => {
    expect(listeningOrigin('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000');
    expect(listeningOrigin('0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(listeningOrigin('::', 3000)).toBe('http://localhost:3000');
    expect(listeningOrigin('::1', 3000)).toBe('http://[::1]:3000');
  });
});
