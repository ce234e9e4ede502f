import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '#platform';
import { PortalEnv } from './portal-env.js';

const base = { PORT: '3000', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/spotcheck', NATS_URL: 'nats://127.0.0.1:4222', AUTH_LOCAL_SECRET: 'x'.repeat(32) };
const badgePair = generateKeyPairSync('ed25519');
const BADGE_VERIFY_KEY = badgePair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const load = (env: Record<string, string>) => loadConfig({ ...base, ...env }, {}, PortalEnv);

describe('PORTAL_PUBLIC_URL', () => {
  it('is optional outside production (the portal then links to the URL it listens on)', () => {
    expect(load({}).PORTAL_PUBLIC_URL).toBeUndefined();
    expect(load({ PORTAL_PUBLIC_URL: 'http://localhost:3000' }).PORTAL_PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('is required in production, as an http(s) origin', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow(/PORTAL_PUBLIC_URL must be the public http\(s\) origin/);
    expect(load({ NODE_ENV: 'production', BADGE_VERIFY_KEY, PORTAL_PUBLIC_URL: 'https://gongshi.example.gov.cn/' }).PORTAL_PUBLIC_URL).toBe('https://gongshi.example.gov.cn/');
    for (const bad of ['gongshi.example.gov.cn', 'ftp://gongshi.example.gov.cn', 'https://gongshi.example.gov.cn/portal', 'https://a:b@gongshi.example.gov.cn']) {
      expect(() => load({ PORTAL_PUBLIC_URL: bad })).toThrow(/PORTAL_PUBLIC_URL/);
    }
  });
});

describe('BADGE_VERIFY_KEY', () => {
  const production = { NODE_ENV: 'production', PORTAL_PUBLIC_URL: 'https://gongshi.example.gov.cn' };

  it('is optional outside production (the development key is used) and required in production', () => {
    expect(load({}).BADGE_VERIFY_KEY).toBeUndefined();
    expect(() => load(production)).toThrow(/BADGE_VERIFY_KEY is missing; it is required when NODE_ENV=production/);
    expect(load({ ...production, BADGE_VERIFY_KEY }).BADGE_VERIFY_KEY).toBe(BADGE_VERIFY_KEY);
  });

  it('must be an Ed25519 public key, never the private one', () => {
    const privatePem = badgePair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => load({ BADGE_VERIFY_KEY: privatePem })).toThrow(/public key/);
    expect(() => load({ BADGE_VERIFY_KEY: 'not a key' })).toThrow(/BADGE_VERIFY_KEY must be an Ed25519 public key/);
  });
});

describe('LOG_REQUEST_SAMPLE', () => {
  it('logs one successful read in 100 on the portal unless set (every app else logs all), and is validated', () => {
    expect(load({}).LOG_REQUEST_SAMPLE).toBe(100);
    expect(loadConfig(base).LOG_REQUEST_SAMPLE).toBe(1);
    expect(load({ LOG_REQUEST_SAMPLE: '1' }).LOG_REQUEST_SAMPLE).toBe(1);
    expect(() => load({ LOG_REQUEST_SAMPLE: '0' })).toThrow(/LOG_REQUEST_SAMPLE/);
  });
});
