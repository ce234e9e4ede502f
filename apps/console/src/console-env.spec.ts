import { loadConfig } from '#platform';
import { checkConsoleEnv, ConsoleEnv } from './console-env.js';
import { consoleSettings } from './console-settings.js';

const base = { DATABASE_URL: 'postgres://u@db:5432/x', NATS_URL: 'nats://n:4222', AUTH_JWKS_URL: 'http://console:3004/.well-known/jwks.json' };
const load = (env: Record<string, string>) => loadConfig({ ...base, ...env }, { PORT: '3004' }, ConsoleEnv);

describe('console settings', () => {
  it('defaults to port 3004, 30-minute idle and 12-hour absolute sessions, 5-minute tokens and local sign-in', () => {
    const config = load({});
    checkConsoleEnv(config);
    const s = consoleSettings(config);
    expect([config.PORT, s.idleMs, s.absoluteMs, s.tokenTtlSeconds, s.localLogin, s.demoAccounts, s.oidc]).toEqual([3004, 1_800_000, 43_200_000, 300, true, false, undefined]);
    expect(s.webDir).toMatch(/dist[/\\]console-web$/);
    expect([s.loginRateLimit, s.forwardTimeoutMs, s.forwardHeadersTimeoutMs]).toEqual([10, 120_000, 120_000]);
  });

  it('requires the signing key in production, all four OIDC settings or none, and a valid role map', () => {
    expect(() => checkConsoleEnv(load({ NODE_ENV: 'production' }))).toThrow('CONSOLE_SIGNING_KEY: required when NODE_ENV=production');
    expect(() => checkConsoleEnv(load({ OIDC_ISSUER: 'https://idp.example' }))).toThrow('OIDC_*: set all of');
    expect(() => checkConsoleEnv(load({ OIDC_ROLE_MAP: '{"a":"root"}' }))).toThrow('OIDC_ROLE_MAP');
    expect(() => checkConsoleEnv(load({ CONSOLE_LOCAL_LOGIN: 'off' }))).toThrow('CONSOLE_LOCAL_LOGIN');
    expect(() => checkConsoleEnv(load({ NODE_ENV: 'production', CONSOLE_SIGNING_KEY: 'pem', CONSOLE_DEMO_ACCOUNTS: 'on' }))).toThrow('CONSOLE_DEMO_ACCOUNTS: not allowed when NODE_ENV=production');
    expect(() => checkConsoleEnv(load({ NODE_ENV: 'production', CONSOLE_SIGNING_KEY: 'pem' }))).not.toThrow();
    expect(() => checkConsoleEnv(load({ CONSOLE_DEMO_ACCOUNTS: 'on' }))).not.toThrow();
    expect(() => load({ CONSOLE_TOKEN_TTL_SECONDS: '3600' })).toThrow('CONSOLE_TOKEN_TTL_SECONDS');
  });

  it('maps the OIDC settings to a claim mapping', () => {
    const config = load({
      OIDC_ISSUER: 'https://idp.example/realms/x', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'https://zf.example/auth/oidc/callback',
      OIDC_ROLES_CLAIM: 'realm_access.roles', OIDC_ROLE_MAP: '{"zf-officer":"officer"}',
    });
    checkConsoleEnv(config);
    expect(consoleSettings(config).oidc).toMatchObject({ issuer: 'https://idp.example/realms/x', allowHttp: false, mapping: { rolesClaim: 'realm_access.roles', departmentClaim: 'department', roleMap: { 'zf-officer': 'officer' } } });
  });
});
