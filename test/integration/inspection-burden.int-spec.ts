import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ResultRecorded, deadLetterStreamName, eventStreamName, eventSubject, type ResultRecordedPayload } from '#contracts';
import { verifyDrawBundle, type DrawBundleV2 } from '#domain';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { verifyDrawCli } from '../../scripts/verify-draw.js';
import { envelope } from '../browser/portal-fixtures.js';
import { ID_NUMBER, uscc } from '../support/codes.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { eventually, testPrefix, tokenFor } from '../support/test-env.js';

/**
 * 无事不扰 (docs/planning.md "Inspection burden"): planning and the portal count each firm's
 * inspections across departments in the last 12 months from inspection.result.recorded, and a task
 * can leave out firms inspected N times already, decided at announce time and verifiable.
 * Business time is TEST_NOW (2026-11-20 in China): the last 12 months are 2025-11-21..2026-11-20.
 */
const WATER = '水资源管理科';
const ENFORCEMENT = '水政监察大队';
const RIVERS = '河湖管理科';
const BUSY = uscc('91330106MAWTBR001');
const QUIET = uscc('91330106MAWTBR002');
const WINDOW = { from: '2025-11-21', to: '2026-11-20' };

describe('inspection burden (无事不扰) across planning and the portal (real PostgreSQL and JetStream)', () => {
  let planningDb: TestDatabase;
  let portalDb: TestDatabase;
  let prefix: string;
  let probe: NatsProbe;
  let planning: RunningApp;
  let portal: RunningApp;
  let http: ReturnType<typeof request>;
  const auth: Record<string, string> = {};
  const bearer = (who: string) => ({ Authorization: `Bearer ${auth[who]}` });
  const ids: Record<string, string> = {};
  const rows = async (app: RunningApp, sql: string, params: unknown[] = []) => (await app.app.get(DataSource).query(sql, params)) as Record<string, unknown>[];

  const result = (over: Partial<ResultRecordedPayload> & { resultId: string }): ResultRecordedPayload => ({
    assignmentId: `a-${over.resultId}`, resultVersion: 1, kind: 'random', taskName: '2026年取水许可抽查', items: [{ code: 'SL-ZD-05', name: '对取水许可的行政检查', version: 1 }],
    targetName: '无事不扰测试公司', targetCode: BUSY, targetKind: 'organisation', inspectionDate: '2026-06-10', outcome: '未发现问题', findingsSummary: '未发现问题。',
    departments: [WATER], channel: 'mobile', confirmedAt: '2026-06-10T08:00:00.000Z', ...over,
  });
  const send = async (payload: ResultRecordedPayload, env = envelope(ResultRecorded, payload, 'inspection'), msgId = env.id) => {
    await probe.publish(eventSubject(prefix, ResultRecorded.type), env, msgId);
    return env;
  };
  const tallied = async (app: RunningApp, resultId: string, version = 1) =>
    ((await rows(app, `SELECT result_version FROM ${app === planning ? 'planning' : 'portal'}.inspection_tally WHERE result_id = $1`, [resultId]))[0]?.result_version as number | undefined ?? 0) >= version;

  beforeAll(async () => {
    [planningDb, portalDb] = await Promise.all([createTestDatabase('burdenplan'), createTestDatabase('burdenportal')]);
    prefix = testPrefix('burden');
    probe = await NatsProbe.connect();
    planning = await startTestApp('planning', (c, b) => PlanningAppModule.forRoot(c, b, { outboxPollMs: 50 }), planningDb.url, prefix);
    portal = await startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { outboxPollMs: 50 }), portalDb.url, prefix);
    http = request(planning.url);
    auth.officer = await tokenFor(['officer'], WATER, 'officer-water');
    auth.enforcementOfficer = await tokenFor(['officer'], ENFORCEMENT, 'officer-enforcement');
    auth.admin = await tokenFor(['admin'], undefined, 'admin-1');
    await http.post('/demo/load').set(bearer('admin')).expect(200);
    const target = async (name: string, creditCode: string) =>
      (await http.post('/targets').set(bearer('officer')).send({ kind: 'organisation', category: '取水单位', name, creditCode, creditClass: 'C' }).expect(201)).body.id as string;
    ids.busy = await target('无事不扰测试公司', BUSY);
    ids.quiet = await target('少检查测试公司', QUIET);
  });

  afterAll(async () => {
    await portal?.close();
    await planning?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await Promise.all([planningDb?.drop(), portalDb?.drop()]);
  });

  it('counts distinct inspections across departments, once per result, in planning and on the portal', async () => {
    const first = await send(result({ resultId: 'r-water' }));
    await send(result({ resultId: 'r-rivers', kind: 'immediate', departments: [RIVERS], inspectionDate: '2026-09-01' }));
    // A joint inspection: once in the total, under each department in the breakdown.
    await send(result({ resultId: 'r-joint', departments: [ENFORCEMENT, WATER], inspectionDate: '2025-11-21' }));
    // Not counted: before the window, and a visit that could not reach the firm.
    await send(result({ resultId: 'r-old', inspectionDate: '2025-11-20' }));
    await send(result({ resultId: 'r-unreachable', outcome: '通过登记的住所（经营场所）无法联系', inspectionDate: '2026-10-01' }));
    await send(result({ resultId: 'r-quiet', targetCode: QUIET, departments: [RIVERS] }));
    // A natural person: tallied for nobody, and the ID number is stored nowhere.
    await send(result({ resultId: 'r-person', targetKind: 'natural_person', targetCode: ID_NUMBER, targetName: '张某某' }));

    // Redelivered: the same envelope again (another JetStream message), the same result in a new
    // envelope, and a correction (version 2, another date): still one inspection each.
    await send(first.payload, first, `${first.id}-again`);
    await send(result({ resultId: 'r-water' }));
    await send(result({ resultId: 'r-rivers', resultVersion: 2, kind: 'immediate', departments: [RIVERS], inspectionDate: '2026-09-02', correctionReason: '检查日期笔误' }));

    for (const app of [planning, portal]) {
      await eventually(async () => (await tallied(app, 'r-person')) && (await tallied(app, 'r-rivers', 2)) && (await tallied(app, 'r-quiet')), 15_000, 'results tallied');
    }
    expect(await rows(planning, `SELECT count(*)::int AS n FROM planning.inspection_tally WHERE credit_code = $1`, [BUSY])).toEqual([{ n: 5 }]);
    expect(await rows(planning, `SELECT credit_code FROM planning.inspection_tally WHERE result_id = 'r-person'`)).toEqual([{ credit_code: null }]);
    for (const [app, schema] of [[planning, 'planning'], [portal, 'portal']] as const) {
      const all = JSON.stringify(await rows(app, `SELECT * FROM ${schema}.inspection_tally`));
      expect(all).not.toContain(ID_NUMBER);
      expect(all).not.toContain('张某某');
    }

    const detail = await http.get(`/targets/${ids.busy}`).set(bearer('officer')).expect(200);
    expect(detail.body).toMatchObject({
      inspectionsLast12Months: 3,
      inspectionsWindow: WINDOW,
      inspectionsByDepartment: [{ department: WATER, count: 2 }, { department: RIVERS, count: 1 }, { department: ENFORCEMENT, count: 1 }].sort((a, b) => b.count - a.count || (a.department < b.department ? -1 : 1)),
    });
    const list = await http.get(`/targets?q=${BUSY}`).set(bearer('officer')).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: ids.busy, inspectionsLast12Months: 3 })]);
    const quiet = await http.get(`/targets/${ids.quiet}`).set(bearer('officer')).expect(200);
    expect(quiet.body.inspectionsLast12Months).toBe(1);
    // A site is not tallied by a credit code of its own: no count rather than a misleading 0.
    const site = (await http.get(`/targets?kind=site&limit=1`).set(bearer('officer')).expect(200)).body.items[0];
    if (site) expect(site.inspectionsLast12Months).toBeNull();

    const api = await fetch(`${portal.url}/api/v1/firms/${BUSY}`);
    expect(api.status).toBe(200);
    const body = (await api.json()) as { inspectionsLast12Months: { window: typeof WINDOW; total: number; byDepartment: { department: string; count: number }[] } };
    expect(body.inspectionsLast12Months).toEqual({ window: WINDOW, total: 3, byDepartment: detail.body.inspectionsByDepartment });
    const page = await (await fetch(`${portal.url}/firms/${BUSY}`)).text();
    expect(page).toContain('近12个月被检查3次（跨部门）');
    expect(page).toContain(`${RIVERS}</th><td class="num">1</td>`);
    expect(page).toContain('2025-11-21至2026-11-20');
    const none = await (await fetch(`${portal.url}/firms/${uscc('91330106MAWTBR003')}`)).text();
    expect(none).toContain('近12个月被检查0次（跨部门）');
  });

  it("spreads the directory's firms by their inspections for the dashboard (0, 1, 2, 3+), in the officer's department only", async () => {
    // After the test above: the busy firm has 3 counted inspections, the quiet one 1, every other firm none.
    const [{ n }] = (await rows(planning, `SELECT count(*)::int AS n FROM planning.target WHERE department = $1 AND status = 'active' AND credit_code IS NOT NULL AND kind IN ('organisation', 'individual_business')`, [WATER])) as { n: number }[];
    const summary = await http.get('/burden/summary').set(bearer('officer')).expect(200);
    expect(summary.body).toEqual({
      department: WATER,
      window: WINDOW,
      firms: n,
      buckets: [{ inspections: 0, firms: n - 2 }, { inspections: 1, firms: 1 }, { inspections: 2, firms: 0 }, { inspections: 3, firms: 1 }],
    });
    await http.get('/burden/summary').query({ department: WATER }).set(bearer('enforcementOfficer')).expect(403);
    const all = await http.get('/burden/summary').set(bearer('admin')).expect(200);
    expect(all.body.department).toBeNull();
    expect(all.body.firms).toBeGreaterThanOrEqual(n);
  });

  it('leaves a firm inspected N times out of the announced population, publishes the rule, and the draw still verifies', async () => {
    const planId = (await http.get('/plans?year=2026').set(bearer('officer')).expect(200)).body[0].id as string;
    const task = {
      name: '2026年第二批取水许可联合抽查（无事不扰）', itemCodes: ['SL-ZD-05'], inspectorsPerTarget: 2, departments: [WATER, ENFORCEMENT],
      sampling: { A: { ratio: 0.1 }, B: { ratio: 0.1 }, C: { ratio: 1 }, D: { ratio: 1 } }, inspectionFrom: '2026-12-01', dueDate: '2026-12-31',
    };
    const zero = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send({ ...task, excludeInspectedAtLeast: 0 }).expect(400);
    expect(JSON.stringify(zero.body.message)).toContain('excludeInspectedAtLeast');
    await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send({ ...task, excludeInspectedAtLeast: 1.5 }).expect(400);
    const t = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send({ ...task, excludeInspectedAtLeast: 3 }).expect(201);
    expect(t.body.excludeInspectedAtLeast).toBe(3);
    await http.post(`/tasks/${t.body.id}/consent`).set(bearer('enforcementOfficer')).send({}).expect(200);

    const announced = await http.post(`/tasks/${t.body.id}/draw`).set(bearer('officer')).send({ publicRandomnessSource: '中国福利彩票3D 2026年12月1日开奖号码' }).expect(201);
    const drawId = announced.body.id as string;
    const burden = { excludeInspectedAtLeast: 3, window: WINDOW, excludedTargets: 1 };
    expect(announced.body.announcement.rules.inspectionBurden).toEqual(burden);
    // Frozen without the busy firm; the quiet one (1 inspection) is still in.
    const [snapshot] = await rows(planning, `SELECT targets FROM planning.draw_snapshot WHERE draw_id = $1`, [drawId]);
    expect(snapshot.targets as string).not.toContain(ids.busy);
    expect(snapshot.targets as string).toContain(ids.quiet);
    expect(announced.body.announcement.targets.size).toBe((snapshot.targets as string).split('\n').length);

    await http.post(`/draws/${drawId}/execute`).set(bearer('officer')).send({ publicRandomnessValue: '3 8 1', witnessName: '王某', witnessRole: '局办公室代表' }).expect(201);
    await http.post(`/draws/${drawId}/reveal`).set(bearer('officer')).expect(201);
    const assigned = await rows(planning, `SELECT count(*)::int AS n FROM planning.assignment WHERE draw_id = $1 AND target_id = $2`, [drawId, ids.busy]);
    expect(assigned).toEqual([{ n: 0 }]);

    const bundleText = (await http.get(`/public/draws/${drawId}/bundle`).expect(200)).text;
    const bundle = JSON.parse(bundleText) as DrawBundleV2;
    expect(bundle.announcement.rules.inspectionBurden).toEqual(burden);
    expect(verifyDrawBundle(bundle)).toEqual({ valid: true, differences: [] });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'burden-bundle-')), 'bundle.json');
    writeFileSync(file, bundleText);
    const cli: string[] = [];
    expect(await verifyDrawCli([file], { out: (line) => cli.push(line), err: (line) => cli.push(line) })).toBe(0);
    expect(cli[0]).toBe('VALID');
    expect(cli[3]).toBe('  inspection burden: 1 targets inspected at least 3 times in 2025-11-21..2026-11-20 left out before the population was frozen');
    // Not one firm's count or code is in the published record: only the rule and how many it left out.
    expect(bundleText).not.toContain(BUSY);

    // The portal's task page states the rule with the announcement.
    await eventually(async () => (await fetch(`${portal.url}/api/v1/draws/${drawId}`)).status === 200, 15_000, 'draw on the portal');
    const portalDraw = (await (await fetch(`${portal.url}/api/v1/draws/${drawId}`)).json()) as { rules: { inspectionBurden?: unknown } };
    expect(portalDraw.rules.inspectionBurden).toEqual(burden);
    const taskPage = await (await fetch(`${portal.url}/tasks/${drawId}`)).text();
    expect(taskPage).toContain('2025-11-21至2026-11-20已被检查3次及以上（跨部门）的对象不参加本次抽取，共1户');
  });

  it('leaves nobody out of a task without the rule, and publishes no inspectionBurden', async () => {
    const planId = (await http.get('/plans?year=2026').set(bearer('officer')).expect(200)).body[0].id as string;
    const t = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send({
      name: '2026年第三批取水许可抽查', itemCodes: ['SL-ZD-05'], inspectorsPerTarget: 2, departments: [WATER, ENFORCEMENT],
      sampling: { A: { ratio: 0.1 }, B: { ratio: 0.1 }, C: { ratio: 0.1 }, D: { ratio: 0.1 } }, inspectionFrom: '2027-01-04', dueDate: '2027-01-29',
    }).expect(201);
    expect(t.body.excludeInspectedAtLeast).toBeNull();
    await http.post(`/tasks/${t.body.id}/consent`).set(bearer('enforcementOfficer')).send({}).expect(200);
    const announced = await http.post(`/tasks/${t.body.id}/draw`).set(bearer('officer')).send({ publicRandomnessSource: `见证人现场输入 ${randomUUID().slice(0, 8)}` }).expect(201);
    expect(announced.body.announcement.rules).not.toHaveProperty('inspectionBurden');
    const [snapshot] = await rows(planning, `SELECT targets FROM planning.draw_snapshot WHERE draw_id = $1`, [announced.body.id]);
    expect(snapshot.targets as string).toContain(ids.busy);
  });
});
