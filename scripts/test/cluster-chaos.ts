/**
 * `npm run test:cluster`: the deployment's claim (deploy/k8s: a 3-node JetStream cluster, several
 * replicas per app) proven on one machine, with faults.
 *
 * - Three nats-server processes clustered with routes, JetStream on each (own store), streams with
 *   3 replicas (NATS_STREAM_REPLICAS=3; the event stream is first made with 1 and the apps scale it up).
 * - Two replicas (processes, from dist/ of `npm run build`) of planning, inspection, publication and
 *   the portal, each app on a fresh test database on the local PostgreSQL, NATS_URL listing all three nodes.
 * - Work through the apps' HTTP APIs with tokens: two draws of CHAOS_TARGETS targets each (executed by
 *   both planning replicas at once: one may win); every inspection of the second draw submitted and
 *   confirmed (→ spot-check notices → portal); the first draw's inspections fall overdue when business
 *   time passes midnight (CLOCK_START), with both inspection replicas scanning; CHAOS_LICENCES licence
 *   decisions imported and published (→ portal); CHAOS_SCHEDULED drafts scheduled for one instant,
 *   published by both publication replicas' schedulers racing.
 * - Meanwhile: SIGKILL of the event stream's leader node and of one replica of each app, the work
 *   going on against the survivors.
 * - At the end: 0 lost, 0 doubled (stream, outbox, inbox, read models and the audit trail compared),
 *   no draw executed twice, no scheduled publication or overdue mark done twice. Timings printed.
 *
 * Exit 0 when every check holds. Waits are polls with generous deadlines; nothing asserts a duration.
 * CHAOS_KEEP=1 keeps the databases and the temp folder (logs of every process) even on success.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { mintLocalToken, type Role } from '#auth';
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { usccCheckCharacter } from '#domain';
import { JetStreamBroker } from '#messaging';
import { createTestDatabase, type TestDatabase } from '#persistence';
import { AppPool, killReplica, startReplica, stopReplica, waitHealthy, type Replica } from './cluster/app-replicas.js';
import { NatsCluster } from './cluster/nats-cluster.js';

const TARGETS = Number(process.env.CHAOS_TARGETS ?? 2500); // per draw; two draws
const LICENCES = Number(process.env.CHAOS_LICENCES ?? 12_000); // published at once, in files of ≤ 4,000
const SCHEDULED = Number(process.env.CHAOS_SCHEDULED ?? 1500);
const WORKERS = Number(process.env.CHAOS_WORKERS ?? 6);
/** Business time passes midnight into 2027 this long after the start: the first draw's inspections fall due. */
const FLIP_AFTER_S = Number(process.env.CHAOS_FLIP_AFTER_S ?? 150);
const SETTLE_TIMEOUT_MS = Number(process.env.CHAOS_SETTLE_TIMEOUT_S ?? 900) * 1000;

const SECRET = 'cluster-chaos-secret-0123456789abcdef';
const DEPT = 'shuizheng';
const APPS = ['planning', 'inspection', 'publication', 'portal'] as const;
type App = (typeof APPS)[number];

const t0 = performance.now();
const since = (t = t0) => ((performance.now() - t) / 1000).toFixed(1);
const log = (msg: string) => console.log(`[${since().padStart(6)} s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const timings: [string, string][] = [];
const timed = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const out = await f();
  timings.push([what, `${since(start)} s`]);
  log(`${what}: ${since(start)} s`);
  return out;
};

// Business time, the same for every process: each app gets CLOCK_START = this instant when it starts.
const businessOrigin = Date.parse('2027-01-01T00:00:00+08:00') - FLIP_AFTER_S * 1000;
const businessNow = () => new Date(businessOrigin + (performance.now() - t0));
const TODAY = '2026-12-31';

const token = (roles: Role[], sub: string) => mintLocalToken({ secret: SECRET, issuer: 'spotcheck', audience: 'spotcheck', sub, roles, department: DEPT });
const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const BUREAU = uscc('11330100MB0000001');

/** Polls `check` until it returns a truthy value; `what` names it in the error when the deadline passes. */
async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = SETTLE_TIMEOUT_MS, everyMs = 1000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Runs `f` over `items` with `n` workers. */
async function inParallel<T>(items: T[], n: number, f: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      await f(items[i], i);
    }
  }));
}

interface Checks {
  results: { name: string; ok: boolean; detail: string }[];
  check(name: string, ok: boolean, detail?: string): void;
  equal(name: string, actual: unknown, expected: unknown): void;
}
const checks: Checks = {
  results: [],
  check(name, ok, detail = '') {
    this.results.push({ name, ok, detail });
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  },
  equal(name, actual, expected) {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    this.check(name, a === e, a === e ? a.slice(0, 120) : `got ${a.slice(0, 400)}, expected ${e.slice(0, 400)}`);
  },
};

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-cluster-'));
  const prefix = `chaos_${randomUUID().slice(0, 6)}`;
  const eventStream = eventStreamName(prefix);
  console.log(`cluster chaos: 3 NATS nodes (R3 streams), 2 replicas each of ${APPS.join(', ')}; ${TARGETS} targets × 2 draws, ` +
    `${LICENCES} licences, ${SCHEDULED} scheduled; ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; logs in ${dir}`);

  const dbs = {} as Record<App, TestDatabase>;
  const sql = {} as Record<App, pg.Client>;
  const replicas: Replica[] = [];
  let cluster: NatsCluster | undefined;
  let nc: NatsConnection | undefined;
  let failed = true;
  try {
    cluster = await timed('NATS cluster of 3 up (JetStream meta leader elected)', () => NatsCluster.start(path.join(dir, 'nats')));
    nc = await connect({ servers: cluster.url.split(','), maxReconnectAttempts: -1 });
    const jsm = await jetstreamManager(nc);

    // A stream made with one copy (an older release, or before the cluster grew): the apps scale it up.
    const early = new JetStreamBroker({ servers: cluster.url, name: 'chaos-early', eventStream, eventSubjects: `${prefix}.events.>`, deadLetterStream: deadLetterStreamName(prefix), deadLetterSubjects: `${prefix}.dlq.>`, streamReplicas: 1 });
    await early.connect();
    await early.close();
    const before = (await jsm.streams.info(eventStream)).config.num_replicas;

    for (const app of APPS) {
      dbs[app] = await createTestDatabase(`chaos${app}`);
      sql[app] = new pg.Client({ connectionString: dbs[app].url });
    }
    const envOf = (app: App): Record<string, string> => ({
      NODE_ENV: 'test', DATABASE_URL: dbs[app].url, NATS_URL: cluster!.url, NATS_STREAM_REPLICAS: '3', EVENTS_PREFIX: prefix,
      AUTH_LOCAL_SECRET: SECRET, LOG_LEVEL: 'warn', DB_POOL_SIZE: '5', CLOCK_START: businessNow().toISOString(),
      OVERDUE_SCAN_MS: '1000', PUBLICATION_SCHEDULER_MS: '1000', PORTAL_RATE_LIMIT_PER_MINUTE: '100000',
    });
    // The first replica of each app migrates its schema; the second starts on a migrated one.
    for (const index of [1, 2]) {
      await timed(`replica ${index} of each app started and healthy`, async () => {
        const started = await Promise.all(APPS.map((app) => startReplica(app, index, envOf(app), dir)));
        replicas.push(...started);
        await Promise.all(started.map((r) => waitHealthy(r)));
      });
    }
    for (const app of APPS) await sql[app].connect();
    const pools = Object.fromEntries(APPS.map((app) => [app, new AppPool(app, replicas.filter((r) => r.name.startsWith(`${app}-`)))])) as Record<App, AppPool>;
    const replicaOf = (app: App, i: number) => replicas.find((r) => r.name === `${app}-${i}`)!;

    const streamInfo = await jsm.streams.info(eventStream);
    checks.equal('the event stream, made with 1 replica, is scaled up to NATS_STREAM_REPLICAS=3', [before, streamInfo.config.num_replicas], [1, 3]);
    checks.equal('the dead-letter stream has 3 replicas', (await jsm.streams.info(deadLetterStreamName(prefix))).config.num_replicas, 3);

    const officer = await token(['officer'], 'officer-1');
    const count = async (app: App, q: string, params: unknown[] = []) => Number(((await sql[app].query(q, params)).rows[0] as { n: string }).n);

    // ---- planning: directory, item, plan, two tasks --------------------------------------------------
    const checkPoints = ['是否取得取水许可', '是否按规定安装计量设施'];
    await timed('planning: item, 40 inspectors, 2 × targets imported; plan and two tasks', async () => {
      await pools.planning.expect(201, 'POST', '/items', { token: officer, json: {
        code: 'SL-CHAOS-01', name: '对取水许可实施情况的行政检查', category: '重点', legalBasis: '《取水许可和水资源费征收管理条例》第四十六条', method: '现场检查',
        checkPoints, targetScope: { kinds: ['site'], description: '取水口' }, certificationCategory: '水资源', defaultRatios: { A: 1, B: 1, C: 1, D: 1 }, frequencyPerYear: 1,
      } });
      const inspectors = ['certificate_no,name,certified_categories', ...Array.from({ length: 40 }, (_, i) => `ZF-CHAOS-${i + 1},检查员${i + 1},水资源`)].join('\n');
      await pools.planning.expect(201, 'POST', '/imports/inspectors?wait=true', { token: officer, body: inspectors, headers: { 'content-type': 'text/csv' } });
      const classes = ['A', 'B', 'C', 'D'];
      const targets = ['name,kind,category,credit_class', ...['甲', '乙'].flatMap((c) => Array.from({ length: TARGETS }, (_, i) => `${c}区${i + 1}号取水口,site,取水口${c},${classes[i % 4]}`))].join('\n');
      await pools.planning.expect(201, 'POST', '/imports/targets?wait=true', { token: officer, body: targets, headers: { 'content-type': 'text/csv' } });
    });
    const planId = (await pools.planning.expect(201, 'POST', '/plans', { token: officer, json: { year: 2026, title: '2026年度抽查工作计划（集群演练）' } })).body.id as string;
    const task = async (name: string, category: string, dueDate: string) =>
      (await pools.planning.expect(201, 'POST', `/plans/${planId}/tasks`, { token: officer, json: {
        name, itemCodes: ['SL-CHAOS-01'], targetFilter: { kinds: ['site'], categories: [category] }, inspectorsPerTarget: 2, inspectionFrom: TODAY, dueDate,
      } })).body.id as string;
    const taskA = await task('取水口甲区抽查（年底到期）', '取水口甲', TODAY);
    const taskB = await task('取水口乙区抽查', '取水口乙', '2027-03-31');

    const executeWins: Record<string, number> = {};
    let confirmed = 0;
    /** When each scheduled notice is to be published (business time, ms). */
    const publishAtOf = new Map<string, number>();
    let firstScheduledAt = 0;
    let workDone = false;

    // ---- the draws: announced once, executed by both planning replicas at once, revealed -------------
    const drawTrack = async (taskId: string, label: string) => {
      const draw = (await pools.planning.expect(201, 'POST', `/tasks/${taskId}/draw`, { token: officer, json: { publicRandomnessSource: '集群演练公开随机数' } })).body as { id: string };
      executeWins[draw.id] = 0;
      await until(`draw ${label} executed`, async () => {
        const answers = await Promise.allSettled(pools.planning.live().map((r) =>
          pools.planning.call('POST', `/draws/${draw.id}/execute`, { to: r, token: officer, json: { publicRandomnessValue: '3 1 4 1 5', witnessName: '办公室代表' } })));
        for (const a of answers) if (a.status === 'fulfilled' && a.value.status === 201) executeWins[draw.id]++;
        const status = (await pools.planning.expect(200, 'GET', `/draws/${draw.id}`, { token: officer })).body.status as string;
        return status !== 'announced';
      }, 300_000);
      await pools.planning.expect([200, 201, 409], 'POST', `/draws/${draw.id}/reveal`, { token: officer });
      return draw.id;
    };

    // ---- inspection: every inspection of draw B submitted by one team member, confirmed by the other --
    const resultsTrack = async (drawB: string) => {
      const expected = TARGETS;
      await until('every inspection of draw B in inspection', async () => {
        const page = await pools.inspection.expect(200, 'GET', `/assignments?taskId=${taskB}&pageSize=1`, { token: officer });
        return page.body.total === expected;
      });
      const found = new Map<string, string[]>();
      for (let pass = 0; found.size < expected && pass < 5; pass++) {
        for (let page = 1; (page - 1) * 100 < expected; page++) {
          const res = await pools.inspection.expect(200, 'GET', `/assignments?taskId=${taskB}&pageSize=100&page=${page}`, { token: officer });
          for (const a of res.body.items as { id: string; team: { inspectorId: string }[] }[]) found.set(a.id, a.team.map((m) => m.inspectorId));
        }
      }
      if (found.size !== expected) throw new Error(`listed ${found.size} inspections of draw ${drawB}, expected ${expected}`);
      const tokens = new Map<string, string>();
      const tokenOf = async (sub: string) => tokens.get(sub) ?? (tokens.set(sub, await token(['inspector'], sub)), tokens.get(sub)!);
      await inParallel([...found], WORKERS, async ([id, team]) => {
        const key = randomUUID(); // the same key on a retry: the submission happens once
        const submitted = await pools.inspection.expect([200, 201], 'POST', `/assignments/${id}/results`, {
          token: await tokenOf(team[0]), headers: { 'idempotency-key': key }, json: {
            outcome: '未发现问题', findings: [{ itemCode: 'SL-CHAOS-01', checkPoints: checkPoints.map((label, index) => ({ index, label, compliant: true })) }],
            inspectedAt: new Date(businessNow().getTime() - 5 * 60_000).toISOString(), place: '取水口现场', channel: 'mobile',
          },
        });
        await pools.inspection.expect(200, 'POST', `/results/${submitted.body.id}/confirm`, { token: await tokenOf(team[1]) });
        confirmed++;
      });
    };

    // ---- publication: drafts scheduled for one instant, then licences published at once -------------
    const csvHeader = '行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,行政许可决定文书名称,行政许可决定文书号,许可类别,许可证书名称,许可编号,许可内容,许可决定日期,有效期自,有效期至,许可机关,许可机关统一社会信用代码,当前状态';
    const licenceRow = (n: number) => {
      const day = String(1 + (n % 28)).padStart(2, '0');
      return `某某水务有限公司${n},法人及非法人组织,${uscc(`91330100MA${String(n).padStart(7, '0')}`)},赵六,取水许可决定书,区水许〔2026〕${n}号,普通,取水许可证,B330100S2026-${n},取水量每年5万立方米,2026-12-${day},2026-12-${day},2031-12-${day},区水利水电局,${BUREAU},有效`;
    };
    const importLicences = async (from: number, n: number, publish: 'now' | 'draft') => {
      const csv = [csvHeader, ...Array.from({ length: n }, (_, i) => licenceRow(from + i))].join('\n');
      for (;;) {
        const form = new FormData();
        form.append('file', new Blob([csv], { type: 'text/csv' }), `licences-${from}.csv`);
        const a = await pools.publication.call('POST', `/decisions/import?kind=licence&publish=${publish}`, { token: officer, body: form });
        if (a.status === 201) return;
        // The replica died after committing and before answering: the retry finds every number recorded.
        const errors = (a.body?.details?.errors ?? []) as { message: string }[];
        if (a.status === 400 && errors.length && errors.every((e) => e.message.includes('already has a decision numbered'))) return;
        throw new Error(`licence import ${from}: ${a.status} ${JSON.stringify(a.body).slice(0, 500)}`);
      }
    };
    const publicationTrack = async () => {
      await timed(`publication: ${SCHEDULED} drafts imported`, () => importLicences(1_000_000, SCHEDULED, 'draft'));
      const drafts: string[] = [];
      for (let offset = 0; drafts.length < SCHEDULED; offset += 500) {
        const page = await pools.publication.expect(200, 'GET', `/notices?state=draft&kind=licence&limit=500&offset=${offset}`, { token: officer });
        const items = (page.body.items ?? page.body) as { id: string }[];
        if (!items.length) break;
        drafts.push(...items.map((n) => n.id));
      }
      if (drafts.length !== SCHEDULED) throw new Error(`found ${drafts.length} drafts, expected ${SCHEDULED}`);
      // One instant for a round: both replicas' schedulers reach it together and race for the rows. A
      // publishAt must lie ahead when it is set; what a slow round does not schedule in time goes in the next.
      await timed(`publication: ${SCHEDULED} drafts scheduled`, async () => {
        for (let remaining = drafts; remaining.length; ) {
          const at = businessNow().getTime() + 90_000;
          const publishAt = new Date(at).toISOString();
          if (!firstScheduledAt) firstScheduledAt = at;
          const late: string[] = [];
          await inParallel(remaining, WORKERS, async (id) => {
            if (businessNow().getTime() > at - 10_000) return void late.push(id);
            const a = await pools.publication.call('POST', `/notices/${id}/schedule`, { token: officer, json: { publishAt } });
            if (a.status === 200) return void publishAtOf.set(id, at);
            if (a.status === 400 && String(a.body?.message).includes('in the future')) return void late.push(id);
            // A retry after a replica died having scheduled it: the notice says for when.
            const view = (await pools.publication.expect(200, 'GET', `/notices/${id}`, { token: officer })).body as { state: string; publishAt: string | null; publishedAt: string | null };
            if (a.status !== 409 || !['scheduled', 'published'].includes(view.state)) throw new Error(`schedule ${id}: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
            publishAtOf.set(id, Date.parse((view.publishAt ?? view.publishedAt)!));
          });
          log(`scheduled ${remaining.length - late.length} drafts for ${publishAt}${late.length ? `; ${late.length} left for a later instant` : ''}`);
          remaining = late;
        }
      });
      await timed(`publication: ${LICENCES} licences imported and published at once`, async () => {
        for (let from = 1; from <= LICENCES; from += 4000) await importLicences(from, Math.min(4000, LICENCES - from + 1), 'now');
      });
    };

    // ---- chaos: kills keyed to progress; any not reached by the end of the work happens then ---------
    const expectedNotices = TARGETS + LICENCES + SCHEDULED;
    const portalNotices = () => count('portal', `SELECT count(*) AS n FROM portal.notice`);
    const kills: { what: string; at: string; when: string }[] = [];
    const chaos = async () => {
      const plan: { what: string; ready: () => Promise<boolean>; act: () => Promise<void> }[] = [
        { what: 'NATS node leading the event stream', ready: async () => (await portalNotices()) >= expectedNotices * 0.2, act: async () => {
          const leader = (await jsm.streams.info(eventStream)).cluster?.leader ?? 'n1';
          cluster!.kill(leader);
          kills[kills.length - 1].what += ` (${leader})`;
        } },
        { what: 'planning-1', ready: async () => confirmed >= TARGETS * 0.25, act: async () => killReplica(replicaOf('planning', 1)) },
        { what: 'inspection-2', ready: async () => confirmed >= TARGETS * 0.5, act: async () => killReplica(replicaOf('inspection', 2)) },
        { what: 'publication-1', ready: async () => firstScheduledAt > 0 && businessNow().getTime() >= firstScheduledAt + 500, act: async () => killReplica(replicaOf('publication', 1)) },
        { what: 'portal-2', ready: async () => (await portalNotices()) >= expectedNotices * 0.55, act: async () => killReplica(replicaOf('portal', 2)) },
      ];
      const pending = new Set(plan);
      while (pending.size) {
        for (const k of [...pending]) {
          if (workDone || (await k.ready())) {
            kills.push({ what: k.what, at: `${since()} s`, when: workDone ? 'after the work (its trigger was not reached)' : 'during the work' });
            await k.act();
            log(`SIGKILL ${kills[kills.length - 1].what}`);
            pending.delete(k);
          }
        }
        await sleep(250);
      }
    };

    const workStart = performance.now();
    const chaosDone = chaos();
    let drawA = '';
    let drawB = '';
    await Promise.all([
      (async () => {
        [drawA, drawB] = await timed('planning: both draws announced, executed (racing replicas) and revealed', () => Promise.all([drawTrack(taskA, 'A'), drawTrack(taskB, 'B')]));
        await timed(`inspection: ${TARGETS} results submitted and confirmed`, () => resultsTrack(drawB));
      })(),
      publicationTrack(),
    ]);
    workDone = true;
    timings.push(['all HTTP work sent', `${since(workStart)} s`]);
    await chaosDone;

    // ---- settle: everything the work implies has happened ------------------------------------------
    await timed('settled: every notice on the portal, every draw-A inspection overdue, every outbox relayed', () =>
      until('the system to settle', async () => {
        const [notices, overdue, unrelayed] = await Promise.all([
          portalNotices(),
          count('inspection', `SELECT count(*) AS n FROM inspection.assignment WHERE task_id = $1 AND status = 'overdue'`, [taskA]),
          Promise.all(APPS.map((a) => count(a, `SELECT count(*) AS n FROM ${a}.outbox_event WHERE published_at IS NULL`))).then((x) => x.reduce((s, n) => s + n, 0)),
        ]);
        if (Math.round(performance.now() / 1000) % 15 === 0) log(`settling: portal ${notices}/${expectedNotices} notices, ${overdue}/${TARGETS} overdue, ${unrelayed} outbox rows unrelayed`);
        return notices >= expectedNotices && overdue >= TARGETS && unrelayed === 0;
      }, SETTLE_TIMEOUT_MS, 2000));
    // Redeliveries after the kills (ack wait 30 s) must find nothing left to do: give them that time.
    await sleep(35_000);

    // ---- checks ----------------------------------------------------------------------------------------
    console.log('\nChecks');
    const stream = await readStream(nc, eventStream);
    const byType = new Map<string, { id: string; payload: Record<string, unknown> }[]>();
    for (const e of stream) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
    const ofType = (t: string) => byType.get(t) ?? [];
    const dupes = (xs: string[]) => xs.length - new Set(xs).size;

    // Draws: executed once each, every drawn target one inspection.
    for (const [label, drawId] of [['A', drawA], ['B', drawB]] as const) {
      checks.equal(`draw ${label}: exactly one of the racing execute requests won`, executeWins[drawId], 1);
      checks.equal(`draw ${label}: planning recorded one execution in its audit trail`, await count('planning', `SELECT count(*) AS n FROM planning.audit_record WHERE action = 'POST /draws/:id/execute' AND $1 = ANY(entity_ids)`, [drawId]), 1);
      const planned = (await sql.planning.query(`SELECT target_id FROM planning.assignment WHERE draw_id = $1`, [drawId])).rows.map((r: { target_id: string }) => r.target_id).sort();
      checks.equal(`draw ${label}: planning drew every target of its category`, planned.length, TARGETS);
      const batches = ofType('planning.draw.completed').filter((e) => e.payload.drawId === drawId);
      checks.equal(`draw ${label}: draw.completed batches on the stream, each once`, [batches.length, dupes(batches.map((b) => String(b.payload.batchIndex)))], [Number(batches[0]?.payload.batchCount), 0]);
      const inspected = (await sql.inspection.query(`SELECT target_id FROM inspection.assignment WHERE draw_id = $1`, [drawId])).rows.map((r: { target_id: string }) => r.target_id).sort();
      checks.check(`draw ${label}: every drawn target has exactly one inspection (${inspected.length})`, JSON.stringify(inspected) === JSON.stringify(planned), `${inspected.length} inspections, ${dupes(inspected)} doubled, ${planned.filter((t) => !inspected.includes(t)).length} missing`);
      checks.equal(`draw ${label}: inspection handled each batch once`, await count('inspection', `SELECT count(*) AS n FROM inspection.draw_batch WHERE draw_id = $1`, [drawId]), batches.length);
      checks.equal(`draw ${label}: the portal holds the draw's assignments once`, await count('portal', `SELECT count(*) AS n FROM portal.draw_assignment WHERE draw_id = $1`, [drawId]), TARGETS);
    }

    // Results → spot-check notices.
    checks.equal('results: every draw-B inspection confirmed', await count('inspection', `SELECT count(*) AS n FROM inspection.assignment WHERE task_id = $1 AND status = 'confirmed'`, [taskB]), TARGETS);
    const recorded = ofType('inspection.result.recorded').map((e) => String(e.payload.resultId));
    checks.equal('results: inspection.result.recorded on the stream once per result', [recorded.length, dupes(recorded)], [TARGETS, 0]);
    checks.equal('results: planning counted each result once (burden tally)', await count('planning', `SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n FROM planning.inbox_entry WHERE event_id = ANY($1) GROUP BY event_id) x`, [ofType('inspection.result.recorded').map((e) => e.id)]), TARGETS);

    // Overdue: each draw-A inspection marked and announced once.
    const overdue = ofType('inspection.assignment.overdue').map((e) => String(e.payload.assignmentId));
    const aIds = (await sql.inspection.query(`SELECT id FROM inspection.assignment WHERE task_id = $1`, [taskA])).rows.map((r: { id: string }) => r.id).sort();
    checks.equal('overdue scan: one overdue event per draw-A inspection, none twice', [overdue.length, dupes(overdue), JSON.stringify([...new Set(overdue)].sort()) === JSON.stringify(aIds)], [TARGETS, 0, true]);
    checks.equal('overdue scan: one outbox row per inspection marked', await count('inspection', `SELECT count(*) AS n FROM inspection.outbox_event WHERE type = 'inspection.assignment.overdue'`), TARGETS);

    // Notices: one per decision and result, published once, all on the portal.
    const published = (await sql.publication.query(`SELECT id, kind, publish_at IS NOT NULL AS was_scheduled, published_at FROM publication.notice WHERE state = 'published'`)).rows as { id: string; kind: string }[];
    checks.equal('publication: notices published (spot checks, licences, scheduled)', published.length, expectedNotices);
    const publishedEvents = ofType('publication.notice.published').map((e) => String(e.payload.noticeId));
    checks.equal('publication: notice.published on the stream once per notice', [publishedEvents.length, dupes(publishedEvents)], [expectedNotices, 0]);
    checks.equal('publication: one published version per notice', await count('publication', `SELECT count(*) AS n FROM (SELECT notice_id FROM publication.notice_version GROUP BY notice_id HAVING count(*) <> 1) x`), 0);
    const asScheduled = (await sql.publication.query(`SELECT id, state, published_at FROM publication.notice WHERE id = ANY($1)`, [[...publishAtOf.keys()]])).rows as { id: string; state: string; published_at: Date | null }[];
    checks.equal('scheduled publication: every scheduled notice published once, as of its publishAt',
      [publishAtOf.size, asScheduled.filter((n) => n.state === 'published' && n.published_at?.getTime() === publishAtOf.get(n.id)).length], [SCHEDULED, SCHEDULED]);
    const portalIds = (await sql.portal.query(`SELECT id FROM portal.notice`)).rows.map((r: { id: string }) => r.id).sort();
    checks.check('portal: exactly the published notices, none missing, none extra', JSON.stringify(portalIds) === JSON.stringify(published.map((n) => n.id).sort()), `${portalIds.length} on the portal, ${published.length} published`);
    const spot = await pools.portal.expect(200, 'GET', '/api/v1/notices?kind=spot_check&count=true&limit=1');
    checks.equal('portal API: spot-check notices searchable, counted exactly', spot.body.total, { value: TARGETS, exact: true });
    const sample = published.filter((_, i) => i % Math.ceil(published.length / 20) === 0);
    const shown = await Promise.all(sample.map(async (n) => (await pools.portal.call('GET', `/api/v1/notices/${n.id}`)).status));
    checks.equal('portal API: a sample of notices answers 200', shown.filter((s) => s === 200).length, sample.length);

    // Inbox ↔ stream, per consumer: every event of a consumed type handled, and once (audit trail).
    // What each app consumes, from its durable consumers on the stream (`<prefix>_<app>__<type>`), not from a list here.
    const durables: { name: string; config: { filter_subject?: string } }[] = [];
    for await (const c of jsm.consumers.list(eventStream)) durables.push(c);
    const consumed = Object.fromEntries(APPS.map((app) => [app, durables
      .filter((c) => c.name.startsWith(`${prefix}_${app}__`))
      .map((c) => c.config.filter_subject!.slice(`${prefix}.events.`.length))])) as Record<App, string[]>;
    console.log(`  consumers: ${APPS.map((a) => `${a} ${consumed[a].length}`).join(', ')}`);
    for (const app of APPS) {
      const expectedIds = consumed[app].flatMap((t) => ofType(t).map((e) => e.id)).sort();
      const inbox = (await sql[app].query(`SELECT event_id FROM ${app}.inbox_entry WHERE consumer = $1`, [app])).rows.map((r: { event_id: string }) => r.event_id).sort();
      checks.check(`${app}: inbox holds every consumed event of the stream, once`, JSON.stringify(inbox) === JSON.stringify(expectedIds), `${inbox.length} handled, ${expectedIds.length} on the stream`);
      checks.equal(`${app}: no event handled twice (audit trail)`, await count(app, `SELECT count(*) AS n FROM (SELECT request_id FROM ${app}.audit_record WHERE request_id LIKE 'event:%' GROUP BY request_id HAVING count(*) > 1) x`), 0);
      checks.equal(`${app}: outbox all relayed, each row once on the stream`, await count(app, `SELECT count(*) AS n FROM ${app}.outbox_event WHERE published_at IS NULL`), 0);
    }
    const outboxTotal = (await Promise.all(APPS.map((a) => count(a, `SELECT count(*) AS n FROM ${a}.outbox_event`)))).reduce((s, n) => s + n, 0);
    checks.equal('stream: as many events as outbox rows (no event lost or doubled between them)', stream.length, outboxTotal);
    const dlq = await jsm.streams.info(deadLetterStreamName(prefix));
    checks.equal('dead letters: none', dlq.state.messages, 0);
    const info = await jsm.streams.info(eventStream);
    const peers = info.cluster?.replicas ?? [];
    console.log(`  stream ${eventStream}: ${info.state.messages} messages, leader ${info.cluster?.leader}, replicas ${peers.map((p) => `${p.name}${p.offline ? ' (offline)' : p.current ? ' (current)' : ''}`).join(', ')}`);

    console.log('\nKills');
    for (const k of kills) console.log(`  ${k.at.padStart(9)}  SIGKILL ${k.what} ${k.when}`);
    console.log('\nTimings');
    for (const [what, t] of timings) console.log(`  ${t.padStart(9)}  ${what}`);
    const handled = (await Promise.all(APPS.map((a) => count(a, `SELECT count(*) AS n FROM ${a}.inbox_entry`)))).reduce((s, n) => s + n, 0);
    console.log(`  ${since().padStart(7)} s  in all: ${stream.length} events on the stream, ${handled} handled by consumers, ${2 * TARGETS} inspections, ${expectedNotices} notices on the portal`);

    const bad = checks.results.filter((c) => !c.ok);
    console.log(bad.length ? `\nFAILED: ${bad.length} of ${checks.results.length} checks` : `\nPASSED: all ${checks.results.length} checks`);
    failed = bad.length > 0;
  } catch (error) {
    console.error(`\nFAILED: ${(error as Error).stack ?? error}`);
    for (const r of replicas) {
      const tail = readLogTail(r.log);
      if (tail) console.error(`\n--- ${r.name} (${r.alive ? 'alive' : 'dead'}) log tail:\n${tail}`);
    }
  } finally {
    await Promise.all(replicas.map((r) => stopReplica(r)));
    await nc?.close().catch(() => undefined);
    await cluster?.stop();
    for (const app of APPS) await sql[app]?.end().catch(() => undefined);
    if (failed || process.env.CHAOS_KEEP) {
      console.log(`kept for inspection: ${dir} and databases ${APPS.map((a) => dbs[a]?.name).join(', ')}`);
    } else {
      for (const app of APPS) await dbs[app]?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.exit(failed ? 1 : 0);
}

function readLogTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n').slice(-4000);
  } catch {
    return '';
  }
}

/** Every message of the stream, as envelopes (an ordered consumer reads it from the start). */
async function readStream(nc: NatsConnection, stream: string): Promise<{ id: string; type: string; payload: Record<string, unknown> }[]> {
  const jsm = await jetstreamManager(nc, { timeout: 30_000 });
  const total = (await jsm.streams.info(stream)).state.messages;
  const out: { id: string; type: string; payload: Record<string, unknown> }[] = [];
  if (!total) return out;
  // A loaded machine, a cluster one node short: creating the consumer may take more than the default 5 s.
  const js = jetstream(nc, { timeout: 30_000 });
  const consumer = await until('an ordered consumer on the stream', () => js.consumers.get(stream).catch(() => undefined), 120_000);
  const messages = await consumer.consume();
  for await (const m of messages) {
    const e = m.json<{ id: string; type: string; payload: Record<string, unknown> }>();
    out.push({ id: e.id, type: e.type, payload: e.payload });
    if (m.info.pending === 0) break;
  }
  messages.stop();
  return out;
}

await main();
