/**
 * The load generator of bench:portal, run as a second process (so the service under test and the
 * load share the machine the same way for both sides of the comparison):
 *
 *   node dist/scripts/bench/portal-load.js http <base url> <rate> <seconds> <connections> <query json>
 *   node dist/scripts/bench/portal-load.js sql  <database url> <rate> <seconds> <connections> <query json>
 *   node dist/scripts/bench/portal-load.js both <base url>,<database url> <rate> <seconds> <connections> <query json> [slice seconds]
 *
 * `http`: GET /api/v1/notices over `connections` keep-alive sockets; `sql`: the very statements the
 * service runs for the same queries (searchPlan + runSearchPlan, with the pair statistics from
 * pg_stats as the service reads them), through a pg pool of `connections` clients. Both sides use
 * the same pacing (`paced`) and record the time from sending a request to its complete answer.
 * Every request has a timeout (10 s), so a run never stalls.
 *
 * `both`: the two sides in alternating slices of `slice` seconds (1 by default; SQL, HTTP, HTTP, SQL, …)
 * until each has had `seconds`, so both see the same background load of a shared machine, which a
 * run of one side after the other does not guarantee.
 *
 * Prints one JSON line: { requests, non2xx, errors, timeouts, p50, p95, p99, mean, max } (milliseconds);
 * `both`: { http, sql } of those.
 */
import 'reflect-metadata';
import http from 'node:http';
import pg from 'pg';
import { loadBigramStats, runSearchPlan, searchPlan } from '../../apps/portal/src/notices/notice-query.service.js';
import type { NoticeSearchDto } from '../../apps/portal/src/notices/search-query.dto.js';
import { todayInShanghai } from '../../libs/domain/src/index.js';

const REQUEST_TIMEOUT_S = 10;

export interface Latency {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** The first error's message, when there were errors. */
  firstError?: string;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

const toPath = (q: NoticeSearchDto) => `/api/v1/notices?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`;

function summary(times: number[], counts: Samples['counts']): Latency {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  const mean = times.reduce((a, b) => a + b, 0) / (times.length || 1);
  return { requests: times.length, ...counts, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean, max: times[times.length - 1] ?? NaN };
}

/**
 * Open-loop pacing shared by both sides: `rate` requests a second split evenly over `connections`
 * clients, client c starting c/connections of an interval after the first; a client whose previous
 * request has not answered when its next is due sends it as soon as it has (never more than
 * `connections` in flight). Times run from sending a request to its complete answer.
 */
interface Samples {
  times: number[];
  counts: { non2xx: number; errors: number; timeouts: number; firstError?: string };
}

const samples = (): Samples => ({ times: [], counts: { non2xx: 0, errors: 0, timeouts: 0 } });

async function paced(rate: number, seconds: number, connections: number, send: (i: number) => Promise<'ok' | 'non2xx'>, into = samples()): Promise<Latency> {
  const { times, counts } = into;
  const interval = (1000 * connections) / rate;
  const end = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      let due = performance.now() + (c * interval) / connections;
      while (due < end) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const t = performance.now();
        try {
          if ((await send(next++)) === 'non2xx') counts.non2xx++;
          times.push(performance.now() - t);
        } catch (e) {
          counts.errors++;
          counts.firstError ??= String((e as Error).message ?? e);
          if (/timeout/i.test(String(e))) counts.timeouts++;
        }
        due = Math.max(due + interval, performance.now());
      }
    }),
  );
  return summary(times, counts);
}

/**
 * HTTP/1.1 keep-alive, one socket per client. Not autocannon's overallRate: it lets each client
 * send its share of a second back to back at the start of every second (20 clients x 10 requests
 * at once), so "200 requests/s" measured queueing behind bursts of 200, against a baseline that was
 * evenly spaced.
 */
function httpClient(url: string, connections: number, queries: NoticeSearchDto[]): { send: (i: number) => Promise<'ok' | 'non2xx'>; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const base = new URL(url);
  const paths = queries.map(toPath);
  const get = (path: string) =>
    new Promise<'ok' | 'non2xx'>((resolve, reject) => {
      const req = http.get({ host: base.hostname, port: base.port, path, agent, timeout: REQUEST_TIMEOUT_S * 1000 }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode! >= 200 && res.statusCode! < 300 ? 'ok' : 'non2xx'));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
    });
  return { send: (i) => get(paths[i % paths.length]), close: () => agent.destroy() };
}

async function viaHttp(url: string, rate: number, seconds: number, connections: number, queries: NoticeSearchDto[]): Promise<Latency> {
  const client = httpClient(url, connections, queries);
  try {
    // Open the keep-alive sockets first, as the SQL side opens its pool.
    await Promise.all(Array.from({ length: connections }, (_, i) => client.send(i)));
    return await paced(rate, seconds, connections, client.send);
  } finally {
    client.close();
  }
}

/** The service's statements for the same queries, straight to PostgreSQL through a pg pool. */
async function sqlClient(url: string, connections: number, queries: NoticeSearchDto[]): Promise<{ send: (i: number) => Promise<'ok'>; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: connections, statement_timeout: REQUEST_TIMEOUT_S * 1000 });
  // Open every connection first (the service's pool is open too) and read the pair statistics
  // once, as the service does.
  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  clients.forEach((c) => c.release());
  const stats = await loadBigramStats(async (sql) => (await pool.query(sql)).rows);
  const run = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as unknown[];
  // The service under test runs on the machine's clock: the same "today" here.
  const today = todayInShanghai(new Date());
  return {
    send: async (i) => {
      await runSearchPlan(searchPlan(queries[i % queries.length], today, stats), run);
      return 'ok';
    },
    close: () => pool.end(),
  };
}

async function viaSql(url: string, rate: number, seconds: number, connections: number, queries: NoticeSearchDto[]): Promise<Latency> {
  const client = await sqlClient(url, connections, queries);
  try {
    return await paced(rate, seconds, connections, client.send);
  } finally {
    await client.close();
  }
}

/** Both sides in alternating slices (SQL, HTTP, HTTP, SQL, SQL, HTTP, …), `seconds` each in all. */
async function viaBoth(urls: string, rate: number, seconds: number, connections: number, queries: NoticeSearchDto[], slice: number): Promise<{ http: Latency; sql: Latency }> {
  const [httpUrl, dbUrl] = urls.split(',');
  const web = httpClient(httpUrl, connections, queries);
  const db = await sqlClient(dbUrl, connections, queries);
  try {
    await Promise.all(Array.from({ length: connections }, (_, i) => web.send(i)));
    const got = { http: samples(), sql: samples() };
    let result = { http: summary([], got.http.counts), sql: summary([], got.sql.counts) };
    const slices = Math.max(1, Math.round(seconds / slice));
    for (let i = 0; i < slices; i++) {
      for (const side of i % 2 === 0 ? (['sql', 'http'] as const) : (['http', 'sql'] as const)) {
        result = { ...result, [side]: await paced(rate, slice, connections, side === 'sql' ? db.send : web.send, got[side]) };
      }
    }
    return result;
  } finally {
    web.close();
    await db.close();
  }
}

const [mode, url, rate, seconds, connections, queries, slice] = process.argv.slice(2);
const args = [url, Number(rate), Number(seconds), Number(connections), JSON.parse(queries) as NoticeSearchDto[]] as const;
const result = mode === 'both' ? await viaBoth(...args, Number(slice ?? 1)) : mode === 'sql' ? await viaSql(...args) : await viaHttp(...args);
console.log(JSON.stringify(result));
