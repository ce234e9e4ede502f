import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/embedded/embedded-postgres.js';

/**
 * The embedded default is one PGlite session shared by every connection of every app. Concurrent
 * clients must still each get their own answers: an extended query (Parse/Bind/Execute/Sync) from
 * one connection may not be interleaved with another's, and transactions stay isolated.
 */
describe('embedded PostgreSQL under concurrent connections', () => {
  let dir: string;
  let server: EmbeddedPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-pglite-'));
    server = await startEmbeddedPostgres(path.join(dir, 'pglite'));
    pool = new pg.Pool({ connectionString: server.url, max: 8 });
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers hundreds of concurrent parameterised queries of different shapes correctly', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS shapes (id int PRIMARY KEY, payload text)');
    const queries = Array.from({ length: 400 }, (_, i) => {
      const n = 1 + (i % 7); // statements with 1 to 7 parameters, so a mixed-up Bind cannot pass unnoticed
      const params = Array.from({ length: n }, (_, k) => i * 10 + k);
      // Each is a write and a read of some weight, so PGlite yields between messages as under real load.
      // Every fourth one carries a large text, so its messages arrive in several TCP chunks.
      const big = i % 4 === 0 ? 'x'.repeat(300_000) : 'y';
      const sql = `WITH w AS (INSERT INTO shapes VALUES ($1, $${n + 1}::text) RETURNING id)
        SELECT (SELECT id FROM w) * 0 + ${params.map((_, k) => `$${k + 1}::int`).join(' + ')} AS total`;
      return pool.query(sql, [...params, big]).then((r) => ({ expected: params.reduce((a, b) => a + b, 0), got: Number(r.rows[0].total) }));
    });
    const results = await Promise.all(queries);
    expect(results.filter((r) => r.expected !== r.got)).toEqual([]);
  });

  it('keeps a rolled-back transaction from touching a concurrent committed one', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS probe (v int)');
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query('BEGIN');
      await a.query('INSERT INTO probe VALUES (1)');
      const bWork = (async () => {
        await b.query('BEGIN');
        await b.query('INSERT INTO probe VALUES (2)');
        await b.query('ROLLBACK');
      })();
      await a.query('COMMIT');
      await bWork;
      const { rows } = await pool.query('SELECT v FROM probe ORDER BY v');
      expect(rows.map((r) => r.v)).toEqual([1]);
    } finally {
      a.release();
      b.release();
    }
  });
});
