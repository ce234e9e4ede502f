import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '#platform';
import { InspectionEnv } from './inspection-env.js';

const base = { PORT: '3002', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/spotcheck', NATS_URL: 'nats://127.0.0.1:4222', AUTH_LOCAL_SECRET: 'x'.repeat(32) };
const load = (env: Record<string, string>) => loadConfig({ ...base, ...env }, {}, InspectionEnv);
const pair = generateKeyPairSync('ed25519');
const BADGE_SIGNING_KEY = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const production = { NODE_ENV: 'production', BADGE_SIGNING_KEY, PORTAL_PUBLIC_URL: 'https://gongshi.example.gov.cn' };

describe('InspectionEnv: 亮证 settings', () => {
  it('needs nothing outside production (development key, http://localhost:3000, 15 minutes)', () => {
    const c = load({});
    expect(c.BADGE_SIGNING_KEY).toBeUndefined();
    expect(c.PORTAL_PUBLIC_URL).toBeUndefined();
    expect(c.BADGE_TTL_SECONDS).toBe(900);
  });

  it('requires the signing key and the portal origin in production', () => {
    expect(load(production).BADGE_SIGNING_KEY).toBe(BADGE_SIGNING_KEY);
    expect(() => load({ ...production, BADGE_SIGNING_KEY: '' })).toThrow(/BADGE_SIGNING_KEY is required when NODE_ENV=production/);
    expect(() => load({ ...production, PORTAL_PUBLIC_URL: '' })).toThrow(/PORTAL_PUBLIC_URL is required when NODE_ENV=production/);
  });

  it('refuses a key of another kind, a public key, a URL with a path and an absurd lifetime', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => load({ BADGE_SIGNING_KEY: rsa })).toThrow(/Ed25519/);
    expect(() => load({ BADGE_SIGNING_KEY: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString() })).toThrow(/BADGE_SIGNING_KEY/);
    expect(() => load({ PORTAL_PUBLIC_URL: 'https://gongshi.example.gov.cn/portal' })).toThrow(/PORTAL_PUBLIC_URL/);
    expect(() => load({ BADGE_TTL_SECONDS: '10' })).toThrow(/BADGE_TTL_SECONDS/);
  });
});

describe('InspectionEnv: resumable uploads', () => {
  it('removes abandoned uploads after 7 days unless told otherwise, between 1 hour and a year', () => {
    expect(load({}).EVIDENCE_UPLOAD_TTL_HOURS).toBe(168);
    expect(load({ EVIDENCE_UPLOAD_TTL_HOURS: '48' }).EVIDENCE_UPLOAD_TTL_HOURS).toBe(48);
    expect(() => load({ EVIDENCE_UPLOAD_TTL_HOURS: '0' })).toThrow(/EVIDENCE_UPLOAD_TTL_HOURS/);
    expect(() => load({ EVIDENCE_UPLOAD_TTL_HOURS: '9000' })).toThrow(/EVIDENCE_UPLOAD_TTL_HOURS/);
  });
});
