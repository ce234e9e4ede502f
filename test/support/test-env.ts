import { randomBytes } from 'node:crypto';
import { mintLocalToken, type Role } from '#auth';
import { TEST_NOW } from './test-clock.js';

export const TEST_SECRET = 'spotcheck-test-secret-0123456789abcdef';
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** A subject/stream prefix of its own for each test file, so parallel runs never share consumers. */
export function testPrefix(label: string): string {
  return `t${label.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 12)}_${randomBytes(3).toString('hex')}`;
}

/** The environment an app gets in a test: real PostgreSQL (a test database), real NATS, business time pinned at TEST_NOW. */
export function testEnv(databaseUrl: string, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    NATS_URL: TEST_NATS_URL,
    EVENTS_PREFIX: prefix,
    AUTH_LOCAL_SECRET: TEST_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DB_POOL_SIZE: '5',
    CLOCK_START: TEST_NOW,
    ...extra,
  };
}

/** A bearer token for tests, signed like `npm run token` signs. */
export async function tokenFor(roles: Role[], department?: string, sub = `user-${roles.join('-')}`): Promise<string> {
  return mintLocalToken({ secret: TEST_SECRET, issuer: 'spotcheck', audience: 'spotcheck', sub, roles, department });
}

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
