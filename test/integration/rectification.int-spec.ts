import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { deadLetterStreamName, eventStreamName, eventSubject, RectificationRecorded, ResultRecorded, type EventEnvelope } from '#contracts';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { InspectionAppModule } from '../../apps/inspection/src/app.module.js';
import { FollowUpScanner } from '../../apps/inspection/src/results/follow-up.scanner.js';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { PublicationAppModule } from '../../apps/publication/src/app.module.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { testClock } from '../support/test-clock.js';
import { eventually, testPrefix } from '../support/test-env.js';
import { as, cleanResult, count, drawCompleted, handled, inspector, ITEMS, publishDraw, target, type InspectionHarness } from './inspection.harness.js';

/**
 * 整改复查 end to end, on real PostgreSQL and JetStream: a result with a rectification order, the
 * deadline passing on inspection's clock, the scan (twice at once) opening one follow-up in the
 * team's worklist, the team recording 整改到位, publication versioning the notice and the portal
 * showing its history.
 */
describe('rectification follow-up (整改复查): inspection → publication → portal', () => {
  const prefix = testPrefix('rectify');
  const inspectionClock = testClock();
  const publicationClock = testClock();
  let dbs: TestDatabase[] = [];
  let probe: NatsProbe;
  let inspection: RunningApp;
  let publication: RunningApp;
  let portal: RunningApp;
  let h: InspectionHarness;
  let evidenceDir: string;
  let pubSql: DataSource;
  let portalSql: DataSource;

  const drawId = randomUUID();
  let original: string; // target-1, inspectors a and b
  let other: string; // target-2, inspectors c and d: a clean result, no follow-up
  let noticeId: string;

  const ordered = (overrides: Record<string, unknown> = {}) =>
    cleanResult({
      outcome: '发现问题已责令改正',
      findings: [
        {
          itemCode: ITEMS[0].code,
          checkPoints: [
            { index: 0, label: '是否持证作业', compliant: false, legalProvision: '《中华人民共和国水法》第三十九条', description: '超出许可范围采砂', rectificationDeadline: '2026-12-05' },
            { index: 1, label: '是否按规定堆放砂石', compliant: false, legalProvision: '《河道管理条例》第二十五条', description: '砂石堆放影响行洪', rectificationDeadline: '2026-12-10' },
          ],
        },
        { itemCode: ITEMS[1].code, checkPoints: [{ index: 0, label: '是否持证作业', compliant: true }] },
      ],
      ...overrides,
    });
  const followUps = () => count(h, `SELECT count(*)::int AS c FROM inspection.assignment WHERE kind = 'follow-up'`);

  beforeAll(async () => {
    dbs = await Promise.all(['rectinsp', 'rectpub', 'rectportal'].map((l) => createTestDatabase(l)));
    probe = await NatsProbe.connect();
    evidenceDir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-evidence-'));
    inspection = await startTestApp(
      'inspection',
      (c, b) => InspectionAppModule.forRoot(c, b, { outboxPollMs: 50, overdueScanMs: 0, evidenceDir, clock: inspectionClock }),
      dbs[0].url,
      prefix,
    );
    publication = await startTestApp('publication', (c, b) => PublicationAppModule.forRoot(c, b, { outboxPollMs: 50, clock: publicationClock, rules: { schedulerIntervalMs: 0 } }), dbs[1].url, prefix);
    portal = await startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { outboxPollMs: 50 }), dbs[2].url, prefix);
    h = { app: inspection, db: dbs[0], prefix, probe, evidenceDir, ds: inspection.app.get(DataSource), close: async () => {} };
    pubSql = publication.app.get(DataSource);
    portalSql = portal.app.get(DataSource);
    const draw = drawCompleted({ drawId, assignments: [target(1, [inspector('a'), inspector('b')]), target(2, [inspector('c'), inspector('d')])] });
    await publishDraw(h, draw);
    await handled(h, draw.id);
    const ids = (await h.ds.query(`SELECT id, target_id FROM inspection.assignment WHERE draw_id = $1`, [drawId])) as { id: string; target_id: string }[];
    original = ids.find((r) => r.target_id === 'target-1')!.id;
    other = ids.find((r) => r.target_id === 'target-2')!.id;
  });

  afterAll(async () => {
    await portal?.close();
    await publication?.close();
    await inspection?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await Promise.all(dbs.map((d) => d.drop()));
    if (evidenceDir) rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('refuses 发现问题待后续处理 without a follow-up date, and followUpBy or rectification where they do not apply (400, nothing written)', async () => {
    const a = await as(h, ['inspector'], 'a');
    const later = ordered({ outcome: '发现问题待后续处理' });
    for (const f of later.findings) for (const p of f.checkPoints as { rectificationDeadline?: string }[]) delete p.rectificationDeadline;
    expect((await a.post(`/assignments/${original}/results`, later, randomUUID()).expect(400)).body.message).toContain('needs a follow-up date');
    expect((await a.post(`/assignments/${original}/results`, ordered({ followUpBy: '2027-01-10' }), randomUUID()).expect(400)).body.message).toContain('followUpBy is only for 发现问题待后续处理');
    expect((await a.post(`/assignments/${original}/results`, ordered({ rectification: '整改到位' }), randomUUID()).expect(400)).body.message).toContain('only for a follow-up');
    await a.post(`/assignments/${original}/results`, ordered({ rectification: '做完了' }), randomUUID()).expect(400);
    expect(await count(h, `SELECT count(*)::int AS c FROM inspection.inspection_result`)).toBe(0);
  });

  it('carries the latest check-point deadline as the result’s 整改期限, into the view, the event and the published notice', async () => {
    const a = await as(h, ['inspector'], 'a');
    const submitted = await a.post(`/assignments/${original}/results`, ordered(), randomUUID()).expect(201);
    expect(submitted.body.rectificationDeadline).toBe('2026-12-10');
    await (await as(h, ['inspector'], 'b')).post(`/results/${submitted.body.id}/confirm`).expect(200);
    const c = await as(h, ['inspector'], 'c');
    const clean = await c.post(`/assignments/${other}/results`, cleanResult(), randomUUID()).expect(201);
    expect(clean.body.rectificationDeadline).toBeNull();
    await (await as(h, ['inspector'], 'd')).post(`/results/${clean.body.id}/confirm`).expect(200);

    const recorded = await eventually(async () => {
      const events = (await probe.read(eventStreamName(prefix), eventSubject(prefix, ResultRecorded.type))).map((m) => JSON.parse(m.body) as EventEnvelope<{ assignmentId: string; rectificationDeadline?: string }>);
      return events.length === 2 ? events : undefined;
    }, 10_000, 'two result.recorded events');
    expect(recorded.find((e) => e.payload.assignmentId === original)!.payload.rectificationDeadline).toBe('2026-12-10');
    expect(recorded.find((e) => e.payload.assignmentId === other)!.payload).not.toHaveProperty('rectificationDeadline');

    const [resultId] = ((await h.ds.query(`SELECT result_id FROM inspection.assignment WHERE id = $1`, [original])) as { result_id: string }[]).map((r) => r.result_id);
    const notice = await eventually(async () => {
      const rows = (await pubSql.query(`SELECT id, state, version, payload FROM publication.notice WHERE result_id = $1`, [resultId])) as { id: string; state: string; version: number; payload: { fields: Record<string, unknown> } }[];
      return rows[0]?.state === 'published' ? rows[0] : undefined;
    }, 10_000, 'the spot-check notice published');
    noticeId = notice.id;
    expect(notice.payload.fields).toMatchObject({ 检查结果: '发现问题已责令改正', 整改期限: '2026-12-10' });
    await eventually(async () => ((await portalSql.query(`SELECT version FROM portal.notice WHERE id = $1`, [noticeId])) as unknown[]).length === 1, 10_000, 'the notice on the portal');
  });

  it('opens no follow-up while the deadline day lasts (China time)', async () => {
    inspectionClock.set('2026-12-10T23:30:00+08:00');
    expect(await inspection.app.get(FollowUpScanner).scanOnce()).toBe(0);
    expect(await followUps()).toBe(0);
  });

  it('opens exactly one follow-up once the deadline has passed, however many scans race, in the same team’s worklist', async () => {
    inspectionClock.set('2026-12-11T00:30:00+08:00'); // 2026-12-10 16:30 UTC: already the 11th in China
    const scanner = inspection.app.get(FollowUpScanner);
    const opened = await Promise.all([scanner.scanOnce(), scanner.scanOnce()]);
    expect(opened.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await Promise.all([scanner.scanOnce(), scanner.scanOnce()])).toEqual([0, 0]);
    expect(await followUps()).toBe(1);
    expect(await count(h, `SELECT count(*)::int AS c FROM inspection.assignment WHERE follow_up_of_assignment_id = $1`, [original])).toBe(1);
    // The database itself refuses a second follow-up of the same inspection (what a replica racing past the claim would hit).
    await expect(
      h.ds.query(
        `INSERT INTO inspection.assignment (id, result_id, kind, status, task_name, department, departments, items, target_name, target_kind, due_date, not_before, follow_up_of_assignment_id)
         SELECT gen_random_uuid(), gen_random_uuid(), 'follow-up', 'assigned', task_name, department, departments, items, target_name, target_kind, due_date, not_before, follow_up_of_assignment_id
         FROM inspection.assignment WHERE follow_up_of_assignment_id = $1`,
        [original],
      ),
    ).rejects.toThrow(/ux_assignment_follow_up_origin/);

    const a = await as(h, ['inspector'], 'a');
    const list = await a.get('/assignments/mine?kind=follow-up').expect(200);
    expect(list.body.total).toBe(1);
    const f = list.body.items[0];
    expect(f).toMatchObject({
      kind: 'follow-up',
      status: 'assigned',
      target: { id: 'target-1' },
      items: [ITEMS[0]],
      notBefore: '2026-12-11',
      dueDate: '2026-12-26',
      followUpOf: { assignmentId: original, rectificationDeadline: '2026-12-10' },
    });
    expect(f.team.map((m: { inspectorId: string }) => m.inspectorId)).toEqual(['a', 'b']);
    expect((await (await as(h, ['inspector'], 'c')).get('/assignments/mine?kind=follow-up').expect(200)).body.total).toBe(0);
    expect((await a.get(`/assignments/${original}`).expect(200)).body.followUp).toEqual({ assignmentId: f.id, status: 'assigned', dueDate: '2026-12-26' });
  });

  it('records the follow-up like any result; its confirmation sends rectification.recorded, not a new spot check', async () => {
    const [{ id: followUp }] = (await h.ds.query(`SELECT id FROM inspection.assignment WHERE kind = 'follow-up'`)) as { id: string }[];
    inspectionClock.set('2026-12-20T15:00:00+08:00');
    publicationClock.set('2026-12-20T15:05:00+08:00');
    const a = await as(h, ['inspector'], 'a');
    const body = cleanResult({
      outcome: '未发现问题',
      findings: [{ itemCode: ITEMS[0].code, checkPoints: [{ index: 0, label: '是否持证作业', compliant: true }, { index: 1, label: '是否按规定堆放砂石', compliant: true }] }],
      inspectedAt: '2026-12-20T10:00:00+08:00',
    });
    expect((await a.post(`/assignments/${followUp}/results`, body, randomUUID()).expect(400)).body.message).toContain('needs rectification');
    expect((await a.post(`/assignments/${followUp}/results`, { ...body, rectification: '逾期未整改' }, randomUUID()).expect(400)).body.message).toContain('goes with outcome 发现问题待后续处理');
    const submitted = await a.post(`/assignments/${followUp}/results`, { ...body, rectification: '整改到位' }, randomUUID()).expect(201);
    expect(submitted.body).toMatchObject({ rectification: '整改到位', rectificationDeadline: null, awaiting: ['b'] });
    await (await as(h, ['inspector'], 'b')).post(`/results/${submitted.body.id}/confirm`).expect(200);

    const events = await eventually(async () => {
      const found = (await probe.read(eventStreamName(prefix), eventSubject(prefix, RectificationRecorded.type))).map((m) => JSON.parse(m.body) as EventEnvelope<Record<string, unknown>>);
      return found.length ? found : undefined;
    }, 10_000, 'rectification.recorded');
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ assignmentId: original, followUpAssignmentId: followUp, followUpVersion: 1, rectification: '整改到位', rectificationDeadline: '2026-12-10', inspectionDate: '2026-12-20' });
    expect(await probe.read(eventStreamName(prefix), eventSubject(prefix, ResultRecorded.type))).toHaveLength(2);
  });

  it('makes a new version of the original notice in publication, and the portal shows its history', async () => {
    const notice = await eventually(async () => {
      const rows = (await pubSql.query(`SELECT state, version, payload FROM publication.notice WHERE id = $1`, [noticeId])) as { state: string; version: number; payload: { fields: Record<string, unknown> } }[];
      return rows[0]?.version === 2 ? rows[0] : undefined;
    }, 10_000, 'notice version 2');
    expect(notice.state).toBe('corrected');
    expect(notice.payload.fields).toMatchObject({ 检查结果: '发现问题已责令改正', 整改期限: '2026-12-10', 整改复查结果: '整改到位', 整改复查日期: '2026-12-20' });
    const versions = (await pubSql.query(`SELECT version, reason FROM publication.notice_version WHERE notice_id = $1 ORDER BY version`, [noticeId])) as { version: number; reason: string | null }[];
    expect(versions).toEqual([{ version: 1, reason: null }, { version: 2, reason: '整改复查：整改到位' }]);

    await eventually(async () => ((await portalSql.query(`SELECT version FROM portal.notice WHERE id = $1`, [noticeId])) as { version: number }[])[0]?.version === 2, 10_000, 'version 2 on the portal');
    const json = (await (await fetch(`${portal.url}/api/v1/notices/${noticeId}`)).json()) as { history: { version: number; date: string; change: string }[]; fields: Record<string, unknown> };
    expect(json.history).toEqual([
      { version: 1, date: '2026-11-20', change: '首次公示' },
      { version: 2, date: '2026-12-20', change: '整改复查：整改到位' },
    ]);
    expect(json.fields).toMatchObject({ 整改复查结果: '整改到位' });
    const page = await (await fetch(`${portal.url}/notices/${noticeId}`)).text();
    const text = page.replace(/<[^>]+>/g, '');
    expect(text).toContain('公示历史');
    expect(text).toContain('2026-12-20 整改复查：整改到位');
    expect(text).toContain('2026-11-20 首次公示');
  });
});
