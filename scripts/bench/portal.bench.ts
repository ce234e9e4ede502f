/**
 * bench:portal: search latency of the portal over 1,000,000 notices with realistic Chinese text.
 *
 *   npm run bench:portal
 *   BENCH_NOTICES=200000 (smaller data set) BENCH_RATE=200 BENCH_SECONDS=10 BENCH_CONNECTIONS=20
 *   BENCH_DATABASE_URL=postgres://…/spotcheck_test_… (a database loaded before, e.g. by
 *   `node dist/scripts/bench/portal-data.js`: measured again without reloading; kept)
 *   BENCH_KEEP_DB=1 (keep the database this run creates)
 *
 * 1. A test database; the portal's migrations; 1M notices generated inside PostgreSQL (portal-data.ts),
 *    indexes built after the load, ANALYZE.
 * 2. The portal app starts in this process (as in production: NODE_ENV=production, so request
 *    logging runs, at level warn so the lines are not printed; its default pool). For each scenario (2-, 3-, 4-character terms, each
 *    with and without filters: six queries each) a second process sends the same load twice:
 *    the very statements the service runs, straight to PostgreSQL through a pg pool (the baseline),
 *    then the HTTP requests (keep-alive sockets). Same rate, same number of concurrent clients, same
 *    pacing, same process layout: the p95 ratio is what the service (HTTP, Nest, validation, JSON)
 *    costs on top of its queries on this machine under this load.
 * 3. Every request times out after 10 s and every run after its duration + 30 s, so no scenario can
 *    stall the benchmark; a final table prints every scenario.
 * Goal (issue 6): p95 < 50 ms for a 2-character term at 200 requests/s; the service adds ≤ 50 %.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '#persistence';
import { loadConfig, startApp, type RunningApp } from '#platform';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import type { NoticeSearchDto } from '../../apps/portal/src/notices/search-query.dto.js';
import { loadNotices } from './portal-data.js';
import type { Latency } from './portal-load.js';

const N = Number(process.env.BENCH_NOTICES ?? 1_000_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const execFileAsync = promisify(execFile);

const TWO = ['采砂', '堤防', '罚款', '取水', '排污', '行洪'];
const THREE = ['水电站', '排污口', '水土保', '计量设', '防洪法', '砂石有'];
const FOUR = ['河道采砂', '取水许可', '水土保持', '责令改正', '围湖造地', '建筑垃圾'];
const SCENARIOS: { name: string; queries: NoticeSearchDto[] }[] = [
  { name: '2 chars', queries: TWO.map((q) => ({ q })) },
  { name: '2 chars + filters', queries: TWO.map((q) => ({ q, kind: 'penalty', department: '区水政监察大队', from: '2020-01-01', to: '2022-12-31' })) },
  { name: '3 chars', queries: THREE.map((q) => ({ q })) },
  { name: '3 chars + filters', queries: THREE.map((q) => ({ q, kind: 'licence', region: '东江镇' })) },
  { name: '4 chars', queries: FOUR.map((q) => ({ q })) },
  { name: '4 chars + filters', queries: FOUR.map((q) => ({ q, kind: 'spot_check', from: '2018-01-01', to: '2019-12-31' })) },
];

const toPath = (q: NoticeSearchDto) => `/api/v1/notices?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`;
const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '      —' : `${x.toFixed(1).padStart(7)}`);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

/** One measurement in the load process; undefined (with the reason printed) if it failed or overran. */
async function measure(mode: 'http' | 'sql', target: string, queries: NoticeSearchDto[], seconds = SECONDS): Promise<Latency | undefined> {
  const script = path.join(import.meta.dirname, 'portal-load.js');
  try {
    const { stdout } = await execFileAsync(process.execPath, [script, mode, target, String(RATE), String(seconds), String(CONNECTIONS), JSON.stringify(queries)], {
      maxBuffer: 1 << 20,
      timeout: (seconds + 30) * 1000,
      killSignal: 'SIGKILL',
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Latency;
  } catch (e) {
    console.log(`    ${mode} run failed: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

async function prepare(): Promise<{ url: string; db?: TestDatabase }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL };
  const db = await createTestDatabase('portalbench');
  return { url: db.url, db };
}

async function main(): Promise<void> {
  console.log(`bench:portal: ${N.toLocaleString('en')} notices, ${RATE} requests/s for ${SECONDS} s per scenario and side, ${CONNECTIONS} concurrent clients`);
  console.log(`  machine: ${os.cpus().length} CPUs, load average ${load()}`);
  const { url, db } = await prepare();
  const env = {
    NODE_ENV: 'production', PORT: '0', DATABASE_URL: url, NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', EVENTS_PREFIX: `bench_${Date.now().toString(36)}`,
    AUTH_LOCAL_SECRET: 'bench-secret-0123456789abcdef0123456789', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  // The rate limit would answer 429 to a single client at 200/s: lifted here, still evaluated.
  const start = () =>
    startApp({ serviceName: 'portal', title: 'portal', description: 'bench', config: loadConfig(env), module: (c, b) => PortalAppModule.forRoot(c, b, { rateLimit: { limit: 1e9, ttlMs: 60_000 } }) });
  let app: RunningApp | undefined;
  try {
    if (db) {
      await (await start()).close(); // migrations
      await loadNotices(url, N);
    }
    app = await start();
    // Warm both paths (plans, caches, V8) before measuring.
    for (const s of SCENARIOS) for (const q of s.queries) await fetch(app.url + toPath(q));
    await measure('sql', url, SCENARIOS.flatMap((s) => s.queries), 2);
    await measure('http', app.url, SCENARIOS.flatMap((s) => s.queries), 2);

    const results: { name: string; http?: Latency; sql?: Latency }[] = [];
    for (const s of SCENARIOS) {
      const sql = await measure('sql', url, s.queries);
      const http = await measure('http', app.url, s.queries);
      results.push({ name: s.name, http, sql });
      const line = (l?: Latency) => (l ? `p50 ${ms(l.p50)} p95 ${ms(l.p95)} p99 ${ms(l.p99)} ms (${l.requests} req${l.errors || l.non2xx ? `, ${l.errors} errors, ${l.non2xx} non-2xx` : ''})` : 'failed');
      console.log(`  ${s.name.padEnd(18)} HTTP ${line(http)} | SQL ${line(sql)} | load ${load()}`);
    }

    console.log(`\nResults (${RATE} req/s, ${CONNECTIONS} clients, ${SECONDS} s per side; ms; ratio = HTTP p95 / SQL p95; overhead = HTTP p95 - SQL p95; load average at the end ${load()})`);
    console.log(`scenario           |  HTTP p50  HTTP p95  HTTP p99 |   SQL p50   SQL p95   SQL p99 | ratio | overhead | requests HTTP/SQL | errors`);
    for (const r of results) {
      const { http, sql } = r;
      const ratio = http && sql ? (http.p95 / sql.p95).toFixed(2).padStart(5) : '    —';
      const over = http && sql ? ms(http.p95 - sql.p95) : '      —';
      const reqs = `${http?.requests ?? '—'}/${sql?.requests ?? '—'}`.padStart(17);
      const errors = (http?.errors ?? 0) + (http?.non2xx ?? 0) + (sql?.errors ?? 0) + (!http || !sql ? 1 : 0);
      console.log(
        `${r.name.padEnd(18)} |   ${ms(http?.p50)}   ${ms(http?.p95)}   ${ms(http?.p99)} |   ${ms(sql?.p50)}   ${ms(sql?.p95)}   ${ms(sql?.p99)} | ${ratio} |  ${over} | ${reqs} | ${errors}`,
      );
    }
    const two = results[0];
    if (two.http) console.log(`\nGoal: 2-character p95 < 50 ms at ${RATE} req/s: ${two.http.p95 < 50 ? 'met' : 'NOT met'} (${two.http.p95.toFixed(1)} ms)`);
  } finally {
    await app?.close();
    if (db && !process.env.BENCH_KEEP_DB) await db.drop();
    else if (db) console.log(`kept ${url}`);
  }
}

await main();
