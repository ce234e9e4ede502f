import { ConfigError, loadConfig } from './load-config.js';

const valid = {
  PORT: '3001',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/spotcheck',
  NATS_URL: 'nats://127.0.0.1:4222',
  AUTH_LOCAL_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('accepts a complete environment and applies defaults', () => {
    const c = loadConfig(valid);
    expect(c.PORT).toBe(3001);
    expect(c.EVENTS_PREFIX).toBe('spotcheck');
    expect(c.DB_POOL_SIZE).toBe(10);
  });

  it('names every missing or malformed variable in one readable error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', AUTH_LOCAL_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/NATS_URL/);
      expect(message).toMatch(/AUTH_LOCAL_SECRET must be at least 32 characters/);
    }
  });

  it('needs either a JWKS URL or a local secret', () => {
    expect(() => loadConfig({ ...valid, AUTH_LOCAL_SECRET: undefined })).toThrow(/AUTH_JWKS_URL/);
    expect(loadConfig({ ...valid, AUTH_LOCAL_SECRET: undefined, AUTH_JWKS_URL: 'https://idp.example.gov.cn/jwks' }).AUTH_JWKS_URL).toContain('jwks');
  });

  it('allows no NATS_URL only in the explicit in-process mode', () => {
    expect(() => loadConfig({ ...valid, NATS_URL: undefined })).toThrow(/NATS_URL/);
    expect(loadConfig({ ...valid, NATS_URL: undefined, MESSAGING: 'in-process' }).MESSAGING).toBe('in-process');
  });

  it('keeps 1 copy of each stream unless NATS_STREAM_REPLICAS asks for 2 to 5', () => {
    expect(loadConfig(valid).NATS_STREAM_REPLICAS).toBe(1);
    expect(loadConfig({ ...valid, NATS_STREAM_REPLICAS: '3' }).NATS_STREAM_REPLICAS).toBe(3);
    for (const bad of ['0', '6', 'three', '2.5']) expect(() => loadConfig({ ...valid, NATS_STREAM_REPLICAS: bad })).toThrow(/NATS_STREAM_REPLICAS/);
  });

  it('uses per-app defaults unless the environment overrides them', () => {
    const { PORT: _omit, ...rest } = valid;
    expect(loadConfig(rest, { PORT: '3003' }).PORT).toBe(3003);
    expect(loadConfig({ ...rest, PORT: '4000' }, { PORT: '3003' }).PORT).toBe(4000);
  });

  it('takes a clock start outside production only, and only a real instant', () => {
    expect(loadConfig({ ...valid, CLOCK_START: '2026-11-20T09:00:00+08:00' }).CLOCK_START).toBe('2026-11-20T09:00:00+08:00');
    expect(() => loadConfig({ ...valid, CLOCK_START: '2026-02-30T09:00:00+08:00' })).toThrow(/CLOCK_START/);
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production', CLOCK_START: '2026-11-20T09:00:00+08:00' })).toThrow(/CLOCK_START: not allowed/);
  });
});
