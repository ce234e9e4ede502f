// Before the integration run: PostgreSQL and NATS must answer. With no PostgreSQL on
// TEST_DATABASE_URL (default 127.0.0.1:5432), the tests run on the embedded server that `npm start`
// uses (a real PostgreSQL 18), started here and stopped by the teardown; NATS has no such fallback.
import { chmodSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddedPostgres, EmbeddedPostgresOptions } from '../../scripts/embedded/embedded-postgres.js';

/** The built start script's server (Jest loads this file outside its module mapping; `npm test` builds first). */
async function startEmbeddedPostgres(dataDir: string, options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const built = path.resolve(import.meta.dirname, '..', '..', 'dist', 'scripts', 'embedded', 'embedded-postgres.js');
  const module = (await import(built).catch(() => {
    throw new Error('no PostgreSQL on 127.0.0.1:5432 and no build of the embedded one: run npm run build first (npm test does)');
  })) as { startEmbeddedPostgres: typeof startEmbeddedPostgres };
  return module.startEmbeddedPostgres(dataDir, options);
}

function reachable(url: string, fallbackPort: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || fallbackPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

export default async function globalSetup(): Promise<void> {
  const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const nats = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
  if (!(await reachable(nats, 4222))) {
    throw new Error(`Integration tests need NATS with JetStream at ${new URL(nats).host}: set TEST_NATS_URL, or run npm test, which starts it`);
  }
  if (await reachable(pgUrl, 5432)) return;
  if (process.env.TEST_DATABASE_URL) throw new Error(`no PostgreSQL answers at ${new URL(pgUrl).host} (TEST_DATABASE_URL)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-test-pg-'));
  chmodSync(dir, 0o755); // as root the server runs as the postgres user, who must reach the folder
  const server = await startEmbeddedPostgres(path.join(dir, 'postgres'), { settings: { fsync: 'off' } });
  console.log(`\nno PostgreSQL on 127.0.0.1:5432: the tests use the embedded server at ${new URL(server.url).host}`);
  process.env.TEST_DATABASE_URL = server.url;
  (globalThis as { embeddedTestPostgres?: typeof server }).embeddedTestPostgres = server;
}
