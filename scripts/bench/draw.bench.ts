/**
 * npm run bench:draw — a draw at production scale, end to end through the planning service, on a
 * throwaway test database and a throwaway JetStream prefix:
 *
 *   1,000,000 targets in 4 credit strata, imported from a CSV through the import service;
 *   5,000 inspectors (a third uncertified for the item, 5 % on leave, 3 declared conflicts each);
 *   a 3 % draw with 2 inspectors per target and a workload cap;
 *   announce (load + freeze + hash + pre-flight), execute (load, draw, persist assignments, outbox
 *   rows), reveal (bundle in outbox chunks) — each timed — against the naive baseline
 *   `ORDER BY random() LIMIT k` per stratum measured in the same run.
 *
 * Runs from the tsc build (Nest DI needs decorator metadata): npm run build && node dist/scripts/bench/draw.bench.js
 * Options: TARGETS=200000 INSPECTORS=2000 to scale down.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { usccCheckCharacter } from '#domain';
import { createTestDatabase } from '#persistence';
import { loadConfig, startApp } from '#platform';
import type { Principal } from '#auth';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { DrawsService } from '../../apps/planning/src/draws/draws.service.js';
import { ImportsService } from '../../apps/planning/src/imports/imports.service.js';
import { PlansService } from '../../apps/planning/src/plans/plans.service.js';

const TARGETS = Number(process.env.TARGETS ?? 1_000_000);
const INSPECTORS = Number(process.env.INSPECTORS ?? 5_000);
const RATIO = 0.03;
const DEPARTMENT = '水资源管理科';
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 10);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const rows: [string, number, string][] = [];
async function timed<T>(phase: string, work: () => Promise<T>, note = ''): Promise<T> {
  const t = performance.now();
  const result = await work();
  rows.push([phase, performance.now() - t, note]);
  console.log(`  ${phase.padEnd(44)} ${(performance.now() - t).toFixed(0).padStart(7)} ms  ${note}`);
  return result;
}

/** A valid, unique 统一社会信用代码 for target i. */
function creditCode(i: number): string {
  let body = '91330106';
  let n = i + 7_777_777;
  for (let k = 0; k < 9; k++) {
    body += ALPHABET[n % 31];
    n = Math.floor(n / 31);
  }
  return body + usccCheckCharacter(body);
}

async function main(): Promise<void> {
  const db = await createTestDatabase('benchdraw');
  const prefix = `bench_${randomBytes(3).toString('hex')}`;
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, NATS_URL, EVENTS_PREFIX: prefix, AUTH_LOCAL_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'warn', DB_POOL_SIZE: '5' });
  const running = await startApp({ serviceName: 'planning', title: 'bench', description: 'bench', config, module: (c, b) => PlanningAppModule.forRoot(c, b) });
  const ds = running.app.get(DataSource);
  const admin: Principal = { sub: 'bench', roles: ['admin'], department: DEPARTMENT };
  console.log(`\nbench:draw — ${TARGETS.toLocaleString()} targets, ${INSPECTORS.toLocaleString()} inspectors, ${RATIO * 100}% draw, 2 inspectors per target (database ${db.name})\n`);
  try {
    // 1. The target directory, through the bulk import (CSV, one file, all or nothing).
    const codes: string[] = new Array(TARGETS);
    const csv = await timed('generate a CSV of the targets', async () => {
      const lines = ['name,kind,category,credit_code,credit_class,region_code'];
      for (let i = 0; i < TARGETS; i++) {
        codes[i] = creditCode(i);
        const r = i % 100;
        lines.push(`取水单位${i}号,organisation,取水单位,${codes[i]},${r < 20 ? 'A' : r < 80 ? 'B' : r < 95 ? 'C' : 'D'},330106`);
      }
      return Buffer.from(lines.join('\n'));
    }, `${mb(0)}`.replace('0 MB', ''));
    const job = await timed('import the CSV (validate + batched INSERT)', () =>
      running.app.get(ImportsService).start('targets', admin, { data: csv, filename: 'targets.csv' }, { department: DEPARTMENT, wait: true }), `${(csv.length / 1e6).toFixed(0)} MB file`);
    if (job.insertedRows !== TARGETS) throw new Error(`import wrote ${job.insertedRows} rows`);

    // 2. Inspectors with certificates, leave and conflicts; an item; a plan; a task.
    await timed('insert inspectors, item, plan, task', async () => {
      let seed = 42;
      const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
      const inspectors = Array.from({ length: INSPECTORS }, (_, i) => ({
        certificate_no: `BENCH${String(i).padStart(6, '0')}`, name: `检查员${i}`, department: DEPARTMENT,
        certified_categories: i % 3 === 2 ? ['河湖管理'] : i % 3 === 1 ? ['水资源', '节约用水'] : ['水资源'],
        leave_periods: i % 20 === 0 ? [{ from: '2026-12-10', to: '2026-12-20' }] : [],
        conflicts: [0, 1, 2].map(() => ({ creditCode: codes[rand(TARGETS)], relation: '近亲属任职' })),
      }));
      await ds.query(
        `INSERT INTO planning.inspector (certificate_no, name, department, certified_categories, leave_periods, conflicts)
         SELECT r.certificate_no, r.name, r.department, ARRAY(SELECT jsonb_array_elements_text(r.certified_categories)), r.leave_periods, r.conflicts
         FROM jsonb_to_recordset($1::jsonb) AS r(certificate_no text, name text, department text, certified_categories jsonb, leave_periods jsonb, conflicts jsonb)`,
        [JSON.stringify(inspectors)],
      );
      await ds.query(
        `INSERT INTO planning.item (code, version, current, department, name, category, legal_basis, method, check_points, target_scope, certification_category, default_ratios, frequency_per_year, created_by)
         VALUES ('BENCH-1', 1, true, $1, '对取水许可实施情况的行政检查', '重点', '《取水许可和水资源费征收管理条例》', '现场检查', ARRAY['取水许可证有效'], '{"kinds":[],"categories":["取水单位"],"description":"取水单位"}', '水资源', '{"A":0.03,"B":0.03,"C":0.03,"D":0.03}', 1, 'bench')`,
        [DEPARTMENT],
      );
    });
    const plans = running.app.get(PlansService);
    const plan = await plans.createPlan(admin, { year: 2026, title: 'bench', department: DEPARTMENT });
    const task = await plans.createTask(admin, plan.id, {
      name: 'bench draw', itemCodes: ['BENCH-1'], inspectorsPerTarget: 2, sampling: { A: { ratio: RATIO }, B: { ratio: RATIO }, C: { ratio: RATIO }, D: { ratio: RATIO } },
      maxAssignmentsPerInspector: 40, inspectionFrom: '2026-12-01', dueDate: '2026-12-31',
    });
    await ds.query('ANALYZE');

    // 3. The naive baseline: ORDER BY random() LIMIT k per stratum, nothing else.
    const strata = (await ds.query(`SELECT credit_class AS s, count(*)::int AS n FROM planning.target GROUP BY 1 ORDER BY 1`)) as { s: string; n: number }[];
    const baselineStart = performance.now();
    await timed('baseline: ORDER BY random() LIMIT k per stratum', async () => {
      for (const { s, n } of strata) {
        await ds.query(`SELECT id FROM planning.target WHERE status = 'active' AND departments && $1::text[] AND category = '取水单位' AND credit_class = $2 ORDER BY random() LIMIT $3`, [[DEPARTMENT], s, Math.ceil(n * RATIO)]);
      }
    }, 'selection only: no seed, no proof, no inspectors');
    const baseline = performance.now() - baselineStart;

    // 4. The draw through the service.
    const draws = running.app.get(DrawsService);
    const draw = await timed('announce (load, freeze, hash, pre-flight draw)', () => draws.announce(admin, task.id, { publicRandomnessSource: '福彩3D 2026-12-01' }));
    const executeStart = performance.now();
    await timed('execute (the draw, end to end)', () => draws.execute(admin, draw.id, { publicRandomnessValue: '3 8 1', witnessName: 'bench' }));
    const execute = performance.now() - executeStart;
    const t = draws.lastTimings!;
    console.log(`    ├ lock + load frozen population            ${t.lockAndLoadMs.toFixed(0).padStart(7)} ms`);
    console.log(`    ├ draw (verify announcement, select, assign) ${t.drawMs.toFixed(0).padStart(5)} ms`);
    console.log(`    ├ persist assignments + outcome            ${t.persistMs.toFixed(0).padStart(7)} ms`);
    console.log(`    └ outbox rows (draw.completed batches)     ${t.eventsMs.toFixed(0).padStart(7)} ms`);
    const [{ assignments }] = (await ds.query(`SELECT count(*)::int AS assignments FROM planning.assignment WHERE draw_id = $1`, [draw.id])) as { assignments: number }[];
    const [{ events, largest }] = (await ds.query(`SELECT count(*)::int AS events, max(octet_length(body))::int AS largest FROM planning.outbox_event WHERE type = 'planning.draw.completed'`)) as { events: number; largest: number }[];
    const [{ skips }] = (await ds.query(`SELECT json_array_length(outcome->'skips') AS skips FROM planning.draw WHERE id = $1`, [draw.id])) as { skips: number }[];
    await timed('reveal (bundle into draw.revealed chunks)', () => draws.reveal(admin, draw.id));

    console.log(`\n  assignments ${assignments.toLocaleString()}, skips recorded ${skips.toLocaleString()}, draw.completed messages ${events} (largest ${(largest / 1024).toFixed(0)} KB)`);
    console.log(`  peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}`);
    console.log(`  execute / baseline = ${(execute / baseline).toFixed(2)}  (${execute.toFixed(0)} ms vs ${baseline.toFixed(0)} ms; < 1 means the full draw is faster than the naive selection alone)`);
    console.log(`  goal: execute < 3000 ms — ${execute < 3000 ? 'met' : 'NOT met'}\n`);
  } finally {
    clearInterval(sampler);
    await running.close();
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    for (const s of [eventStreamName(prefix), deadLetterStreamName(prefix)]) await jsm.streams.delete(s).catch(() => undefined);
    await nc.drain();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
