/**
 * npm run bench:pipeline: licence decisions imported into publication and published at once, through
 * the outbox, JetStream and the portal's consumer into portal search, on a throwaway database and a
 * throwaway JetStream prefix, against the rate of bare JetStream publish-consume measured in the same run.
 *
 *   npm run bench:pipeline
 *   DECISIONS=5000 (default 100,000) BENCH_FILE_ROWS=1000 (rows per import file) BENCH_IMPORTERS=2
 *   (files imported at once) BENCH_IMPORT_RATE=300 (decisions a second offered, files started on
 *   schedule; default: as fast as publication takes them) BENCH_BARE_MESSAGES=<DECISIONS> BENCH_KEEP_DB=1
 *   BENCH_APP_NODE_OPTIONS='--require …' (NODE_OPTIONS of the two apps, e.g. to profile them)
 *   NATS_URL / TEST_NATS_URL (nats://127.0.0.1:4222), TEST_DATABASE_URL (the test PostgreSQL server)
 *
 * 1. Bare JetStream: a stream of its own, messages of a notice event's size published with a msgID
 *    (256 in flight) and consumed by a durable pull consumer with explicit acks, in this process.
 *    Its rate (messages/s from the first publish to the last ack) is what the broker and client can do
 *    on this machine, with nothing else in the way.
 * 2. The real apps, each in its own process as in production (`node dist/apps/<app>/src/main.js`,
 *    NODE_ENV=production, their default pools): publication and portal, one database (each its schema).
 * 3. DECISIONS licence decisions in CSV files of BENCH_FILE_ROWS rows, imported with publish=now by
 *    BENCH_IMPORTERS concurrent officers through POST /decisions/import (all or nothing, one
 *    transaction per file: validation, decisions, notices, versions, outbox rows). A file's notices are
 *    committed when its answer arrives (the answer follows the commit by the time it takes to send it).
 * 4. Visible: a poller reads, every 20 ms, which of the oldest 5,000 notices not yet seen are in the
 *    portal's read model and public, exactly what search reads (it commits the row search finds); a
 *    notice's visibility time is the start of the first poll that saw it (so lags are overstated by
 *    up to one poll). At the end, search itself (GET /api/v1/notices?q=<document number>) is asked for a
 *    sample, and the portal must hold every notice exactly once.
 * 5. Printed: import rate, throughput (notices visible / time from the first import sent to the last
 *    notice visible), lag from commit to visible (p50, p95, p99, max), the bare JetStream rate and the
 *    ratio, and the goals (≥ 1,000 notices/s, p99 lag < 1 s) met or not.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import pg from 'pg';
import { mintLocalToken } from '#auth';
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { usccCheckCharacter } from '#domain';
import { createTestDatabase } from '#persistence';

const DECISIONS = Number(process.env.DECISIONS ?? 100_000);
const FILE_ROWS = Number(process.env.BENCH_FILE_ROWS ?? 1000);
const IMPORTERS = Number(process.env.BENCH_IMPORTERS ?? 2);
/** Decisions a second offered (files started on schedule); unset: as fast as publication takes them. */
const IMPORT_RATE = process.env.BENCH_IMPORT_RATE ? Number(process.env.BENCH_IMPORT_RATE) : undefined;
const BARE = Number(process.env.BENCH_BARE_MESSAGES ?? DECISIONS);
const NATS_URL = process.env.NATS_URL ?? process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const POLL_MS = 20;
const WINDOW = 5000;
const GOAL_RATE = 1000;
const GOAL_P99_MS = 1000;
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const DEPARTMENT = '区水利水电局';
const BUREAU = ((first17: string) => first17 + usccCheckCharacter(first17))('11330100002493077');
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** A valid, unique 统一社会信用代码 for decision n. */
function creditCode(n: number): string {
  const first17 = `91330100MA${n.toString(36).toUpperCase().padStart(7, '0')}`.replace(/[IOSVZ]/g, 'A');
  return first17 + usccCheckCharacter(first17);
}

const HEADER = '行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,行政许可决定文书名称,行政许可决定文书号,许可类别,许可证书名称,许可编号,许可内容,许可决定日期,有效期自,有效期至,许可机关,许可机关统一社会信用代码,当前状态';
const PLACES = ['城关', '东江', '西山', '南湖', '北岭', '青石', '白沙', '龙潭'];
const CONTENTS = ['取水量每年5万立方米', '河道管理范围内建设跨河桥梁', '水土保持方案准予许可', '河道采砂许可，开采总量3万吨', '入河排污口设置准予许可'];

/** One licence decision of the run (`tag` keeps document numbers unique across runs on a kept database). */
function row(n: number, tag: string, today: string): string {
  const place = PLACES[n % PLACES.length];
  return `${place}水务有限公司${n},法人及非法人组织,${creditCode(n)},赵六,取水许可决定书,区水许〔${tag}〕${n}号,普通,取水许可证,B330100S${tag}-${n},${CONTENTS[n % CONTENTS.length]},${today},${today},,区水利水电局,${BUREAU},有效`;
}

/** Starts one app from the build in its own process; resolves with its URL once it listens. */
function startAppProcess(name: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'apps', name, 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 120 s:\n${out}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      keep(d);
      const m = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${out}`));
    });
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => (clearTimeout(kill), resolve()));
    child.kill('SIGTERM');
  });

/** Bare JetStream on its own stream: `count` messages of `size` bytes published (256 in flight) and consumed with acks. */
async function bareJetStream(prefix: string, count: number, size: number): Promise<{ rate: number; seconds: number }> {
  const nc = await connect({ servers: NATS_URL, name: `${prefix}-bare` });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `${prefix}_bare`;
  await jsm.streams.add({ name: stream, subjects: [`${prefix}.bare.>`], duplicate_window: nanos(600_000) });
  try {
    await jsm.consumers.add(stream, { durable_name: 'bare', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: `${prefix}.bare.>` });
    const consumer = await js.consumers.get(stream, 'bare');
    const body = Buffer.from(JSON.stringify({ payload: 'x'.repeat(size) }));
    const started = performance.now();
    let consumed = 0;
    const messages = await consumer.consume({ max_messages: 256 });
    const done = (async () => {
      for await (const m of messages) {
        m.ack();
        if (++consumed >= count) break;
      }
      return performance.now();
    })();
    const inFlight = new Set<Promise<unknown>>();
    for (let i = 0; i < count; i++) {
      const p = js.publish(`${prefix}.bare.notice`, body, { msgID: `${prefix}-${i}` }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 256) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const end = await done;
    messages.stop();
    const seconds = (end - started) / 1000;
    return { rate: count / seconds, seconds };
  } finally {
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.drain();
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:pipeline: ${DECISIONS.toLocaleString('en')} licence decisions in files of ${FILE_ROWS} rows, ${IMPORTERS} importing at once, ${IMPORT_RATE ? `offered at ${IMPORT_RATE}/s` : 'as fast as publication takes them'}`,
  );
  console.log(`  machine: ${os.cpus().length} CPUs, load average ${load()}`);
  const db = await createTestDatabase('pipelinebench');
  const prefix = `bench_${randomBytes(3).toString('hex')}`;
  const tag = randomBytes(2).toString('hex').toUpperCase();
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  const apps: ChildProcess[] = [];
  try {
    // 1. Bare JetStream, with nothing else running.
    const sample = row(1, tag, '2026-01-01');
    const eventSize = 1400 + sample.length; // a published notice's envelope: the redacted payload plus fields and body
    const bare = await bareJetStream(prefix, BARE, eventSize);
    console.log(`  bare JetStream: ${BARE.toLocaleString('en')} messages of ${eventSize} bytes published and consumed in ${bare.seconds.toFixed(1)} s: ${bare.rate.toFixed(0)} messages/s`);

    // 2. The apps, each in its own process.
    const badgeKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const env = (extra: Record<string, string>): NodeJS.ProcessEnv => {
      const e: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: db.url, NATS_URL, EVENTS_PREFIX: prefix, AUTH_LOCAL_SECRET: SECRET, LOG_LEVEL: 'warn', PORT: '0', ...extra };
      // e.g. a profiler for the apps (`--cpu-prof` needs a normal exit; a --require'd one can write on a signal).
      if (process.env.BENCH_APP_NODE_OPTIONS) e.NODE_OPTIONS = process.env.BENCH_APP_NODE_OPTIONS;
      return e;
    };
    const publication = await startAppProcess('publication', env({}));
    apps.push(publication.child);
    const portal = await startAppProcess('portal', env({ PORTAL_PUBLIC_URL: 'http://localhost:3000', BADGE_VERIFY_KEY: badgeKey }));
    apps.push(portal.child);
    console.log(`  publication at ${publication.url}, portal at ${portal.url}; load average ${load()}`);
    const token = await mintLocalToken({ secret: SECRET, issuer: 'spotcheck', audience: 'spotcheck', sub: 'bench-officer', roles: ['officer'], department: DEPARTMENT });
    const [{ today }] = (await sql.query(`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS today`)).rows as { today: string }[];

    // 3 and 4. Imports and the visibility poller.
    const committedAt = new Map<string, number>(); // notice id → commit (answer) time
    const pending: string[] = []; // notice ids not yet seen, oldest first
    const lags: number[] = [];
    let lastVisible = 0;
    let importsDone = false;
    let imported = 0;
    let importSeconds = 0;
    const files = Math.ceil(DECISIONS / FILE_ROWS);
    let nextFile = 0;
    const started = performance.now();

    const importer = async () => {
      for (let f = nextFile++; f < files; f = nextFile++) {
        const from = f * FILE_ROWS;
        if (IMPORT_RATE) {
          const wait = started + (1000 * from) / IMPORT_RATE - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        const n = Math.min(FILE_ROWS, DECISIONS - from);
        const csv = [HEADER, ...Array.from({ length: n }, (_, i) => row(from + i + 1, tag, today))].join('\n');
        const form = new FormData();
        form.append('file', new Blob([csv], { type: 'text/csv' }), `licences-${f}.csv`);
        const res = await fetch(`${publication.url}/decisions/import?kind=licence&publish=now`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
        const at = performance.now();
        const body = (await res.json()) as { published?: number; decisionIds?: string[]; message?: string };
        if (res.status !== 201 || body.published !== n) throw new Error(`import of file ${f}: ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
        const ids = (await sql.query(`SELECT id FROM publication.notice WHERE decision_id = ANY($1::uuid[]) ORDER BY id`, [body.decisionIds])).rows as { id: string }[];
        for (const { id } of ids) {
          committedAt.set(id, at);
          pending.push(id);
        }
        imported += n;
        importSeconds = (at - started) / 1000;
      }
    };

    const poller = (async () => {
      let stalledSince = performance.now();
      while (!importsDone || pending.length) {
        const t = performance.now();
        if (pending.length) {
          const window = pending.slice(0, WINDOW);
          const seen = new Set(((await sql.query(`SELECT id FROM portal.notice WHERE id = ANY($1::text[]) AND status = 'public'`, [window])).rows as { id: string }[]).map((r) => r.id));
          if (seen.size) {
            stalledSince = t;
            lastVisible = t;
            for (const id of seen) lags.push(t - committedAt.get(id)!);
            const rest = pending.filter((id) => !seen.has(id));
            pending.length = 0;
            pending.push(...rest);
          } else if (t - stalledSince > 120_000) {
            throw new Error(`nothing became visible for 120 s; ${pending.length} notices pending\nportal:\n${portal.output().slice(-3000)}\npublication:\n${publication.output().slice(-3000)}`);
          }
        }
        const wait = POLL_MS - (performance.now() - t);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    })();

    // Every 10 s, where the notices are: committed by publication, relayed to JetStream, visible on the portal.
    const progress = setInterval(() => {
      void sql
        .query(`SELECT count(*)::int AS n FROM publication.outbox_event WHERE published_at IS NOT NULL`)
        .then(({ rows }) => (rows as { n: number }[])[0].n)
        .catch(() => NaN)
        .then((relayed) =>
          console.log(`  ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s: imported ${imported.toLocaleString('en')}, relayed ${relayed.toLocaleString('en')}, visible ${lags.length.toLocaleString('en')}, load ${load()}`),
        );
    }, Number(process.env.BENCH_PROGRESS_S ?? 10) * 1000);
    try {
      await Promise.all(Array.from({ length: IMPORTERS }, importer));
      importsDone = true;
      await poller;
    } finally {
      clearInterval(progress);
      importsDone = true;
    }

    // 5. Search finds them, and each exactly once.
    const [{ notices, history, inbox }] = (
      await sql.query(`SELECT (SELECT count(*)::int FROM portal.notice) AS notices, (SELECT count(*)::int FROM portal.notice_history) AS history,
         (SELECT count(*)::int FROM portal.inbox_entry) AS inbox`)
    ).rows as { notices: number; history: number; inbox: number }[];
    const probes = [1, Math.ceil(DECISIONS / 2), DECISIONS];
    for (const n of probes) {
      const res = await fetch(`${portal.url}/api/v1/notices?q=${encodeURIComponent(`区水许〔${tag}〕${n}号`)}`);
      const page = (await res.json()) as { items: { documentNumber: string }[] };
      if (!page.items.some((i) => i.documentNumber === `区水许〔${tag}〕${n}号`)) throw new Error(`search does not find decision ${n}`);
    }

    const seconds = (lastVisible - started) / 1000;
    const rate = DECISIONS / seconds;
    lags.sort((a, b) => a - b);
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    console.log(`\nResults (${DECISIONS.toLocaleString('en')} decisions; ${os.cpus().length} CPUs; load average at the end ${load()})`);
    console.log(`  imported and committed by publication:  ${DECISIONS.toLocaleString('en')} in ${importSeconds.toFixed(1)} s = ${(DECISIONS / importSeconds).toFixed(0)} decisions/s`);
    console.log(`  visible in portal search:               ${lags.length.toLocaleString('en')} in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} notices/s (first import sent to last notice visible)`);
    console.log(`  lag, commit in publication → visible:   p50 ${ms(pct(lags, 0.5))}, p95 ${ms(pct(lags, 0.95))}, p99 ${ms(pct(lags, 0.99))}, max ${ms(lags[lags.length - 1])}`);
    console.log(`  bare JetStream publish-consume:         ${bare.rate.toFixed(0)} messages/s; pipeline / bare = ${(rate / bare.rate).toFixed(3)}`);
    console.log(`  exactly once: portal holds ${notices.toLocaleString('en')} notices, ${history.toLocaleString('en')} history lines, ${inbox.toLocaleString('en')} handled events; search finds decisions ${probes.join(', ')}`);
    if (notices !== DECISIONS || history !== DECISIONS || inbox !== DECISIONS) throw new Error('the portal does not hold every notice exactly once');
    console.log(`\nGoal: ≥ ${GOAL_RATE} notices/s visible: ${rate >= GOAL_RATE ? 'met' : 'NOT met'} (${rate.toFixed(0)})`);
    console.log(`Goal: p99 lag < ${GOAL_P99_MS} ms: ${pct(lags, 0.99) < GOAL_P99_MS ? 'met' : 'NOT met'} (${ms(pct(lags, 0.99))})`);
  } finally {
    if (process.env.BENCH_APP_SIGNAL_BEFORE_STOP) {
      for (const child of apps) child.kill(process.env.BENCH_APP_SIGNAL_BEFORE_STOP as NodeJS.Signals);
      await new Promise((r) => setTimeout(r, 3000));
    }
    for (const child of apps) await stop(child);
    await sql.end();
    const nc = await connect({ servers: NATS_URL }).catch(() => undefined);
    if (nc) {
      const jsm = await jetstreamManager(nc);
      for (const s of [eventStreamName(prefix), deadLetterStreamName(prefix)]) await jsm.streams.delete(s).catch(() => undefined);
      await nc.drain();
    }
    if (process.env.BENCH_KEEP_DB) console.log(`kept ${db.url}`);
    else await db.drop();
  }
}

await main();
