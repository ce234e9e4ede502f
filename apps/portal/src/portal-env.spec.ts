import { loadConfig } from '#platform';
import { PortalEnv } from './portal-env.js';

const base = { PORT: '3000', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/spotcheck', NATS_URL: 'nats://127.0.0.1:4222', AUTH_LOCAL_SECRET: 'x'.repeat(32) };
const load = (env: Record<string, string>) => loadConfig({ ...base, ...env }, {}, PortalEnv);

describe('PORTAL_PUBLIC_URL', () => {
  it('is optional outside production (the portal then links to the URL it listens on)', () => {
    expect(load({}).PORTAL_PUBLIC_URL).toBeUndefined();
    expect(load({ PORTAL_PUBLIC_URL: 'http://localhost:3000' }).PORTAL_PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('is required in production, as an http(s) origin', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow(/PORTAL_PUBLIC_URL must be the public http\(s\) origin/);
    expect(load({ NODE_ENV: 'production', PORTAL_PUBLIC_URL: 'https://gongshi.example.gov.cn/' }).PORTAL_PUBLIC_URL).toBe('https://gongshi.example.gov.cn/');
    for (const bad of ['gongshi.example.gov.cn', 'ftp://gongshi.example.gov.cn', 'https://gongshi.example.gov.cn/portal', 'https://a:b@gongshi.example.gov.cn']) {
      expect(() => load({ PORTAL_PUBLIC_URL: bad })).toThrow(/PORTAL_PUBLIC_URL/);
    }
  });
});
