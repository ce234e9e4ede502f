import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { AssignmentOverdue, ResultRecorded, type AssignmentOverduePayload, type ResultRecordedPayload } from '#contracts';
import { OverdueScanner } from '../../apps/inspection/src/assignments/overdue.scanner.js';
import { eventually } from '../support/test-env.js';
import {
  as, cleanResult, count, drawCompleted, eventsOf, handled, inspector, publishDirectory, publishDraw, startInspection, target, DEPT, ITEMS,
  type InspectionHarness,
} from './inspection.harness.js';
import { DAY_MS, fromTestNow } from '../support/test-clock.js';

const immediate = (overrides: Record<string, unknown> = {}) => ({
  target: { name: '某某水电站', code: '91330100MA2YYYYY1Y', kind: 'project' },
  items: [ITEMS[0]],
  team: [inspector('e', '张三'), inspector('f', '李四'), inspector('k', '王五')],
  reason: '群众举报夜间违规采砂',
  trigger: 'complaint',
  ...overrides,
});
const onlyItem = { findings: [{ itemCode: ITEMS[0].code, checkPoints: [{ index: 0, label: '是否持证作业', compliant: true }] }] };

describe('inspection: 即时检查, corrections, overdue and progress (real PostgreSQL and JetStream)', () => {
  let h: InspectionHarness;
  beforeAll(async () => {
    h = await startInspection('inspofficers');
    await publishDirectory(h, ['e', 'f', 'k', 'g', 'h']);
  });
  afterAll(() => h?.close());

  const recorded = async (assignmentId: string, n: number) =>
    eventually(async () => {
      const e = (await eventsOf<ResultRecordedPayload>(h, ResultRecorded.type)).filter((x) => x.payload.assignmentId === assignmentId);
      return e.length >= n ? e : undefined;
    }, 10_000, `${n} result.recorded`);

  describe('即时检查', () => {
    let id: string;

    it('lets an officer open one for a past date, exactly once per Idempotency-Key', async () => {
      const officer = await as(h, ['officer'], 'o1');
      const key = randomUUID();
      // The item's name and version as sent are not what is recorded: the published list's are.
      const body = immediate({ inspectionDate: '2020-06-15', title: '即时检查（举报核查）', items: [{ ...ITEMS[0], name: '改过的名称', version: 99 }] });
      const first = await officer.post('/immediate-inspections', body, key).expect(201);
      expect(first.body.items).toEqual([expect.objectContaining({ code: ITEMS[0].code, name: ITEMS[0].name, version: ITEMS[0].version })]);
      expect(first.body).toMatchObject({ kind: 'immediate', status: 'assigned', department: DEPT, notBefore: '2020-06-15', task: { taskId: null, name: '即时检查（举报核查）' } });
      const again = await officer.post('/immediate-inspections', body, key).expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.assignment WHERE kind = 'immediate'`)).toBe(1);
      id = first.body.id;
    });

    it('takes the team from the inspector directory and the items from the published list, refusing anything else', async () => {
      const officer = await as(h, ['officer'], 'o1');
      const before = await count(h, `SELECT count(*)::int AS c FROM inspection.assignment`);
      const made = await officer.post('/immediate-inspections', immediate({ team: [inspector('e', '张三'), { inspectorId: 'not-in-directory-1', name: '虚构', department: DEPT, certificateNo: 'ZF-FAKE' }] })).expect(422);
      expect(made.body.message).toContain('not-in-directory-1 is not in the inspector directory');
      const fakeCert = await officer.post('/immediate-inspections', immediate({ team: [inspector('e'), { ...inspector('f'), certificateNo: 'ZF-MADE-UP' }] })).expect(422);
      expect(fakeCert.body.message).toContain('ZF-MADE-UP');
      const item = await officer.post('/immediate-inspections', immediate({ items: [{ code: 'NOT-AN-ITEM', name: '虚构的检查事项', version: 1 }] })).expect(422);
      expect(item.body.message).toContain('NOT-AN-ITEM');
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.assignment`)).toBe(before);
    });

    it('refuses a team of one, the same inspector twice, an absurd date, another department and non-officers', async () => {
      const officer = await as(h, ['officer'], 'o1');
      expect((await officer.post('/immediate-inspections', immediate({ team: [inspector('e')] })).expect(400)).body.message.join()).toContain('at least two');
      await officer.post('/immediate-inspections', immediate({ team: [inspector('e'), inspector('e')] })).expect(400);
      await officer.post('/immediate-inspections', immediate({ inspectionDate: '1999-01-01' })).expect(400);
      // The target kind decides whether publication masks the name: only the closed list is accepted.
      for (const kind of ['农户', '水利工程', 'individual', 'Organisation', ''])
        expect((await officer.post('/immediate-inspections', immediate({ target: { name: '张建国', kind } })).expect(400)).body.message.join()).toContain('kind');
      await officer.post('/immediate-inspections', immediate({ department: 'another-bureau' })).expect(403);
      await (await as(h, ['inspector'], 'e')).post('/immediate-inspections', immediate()).expect(403);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.assignment`)).toBe(1);
    });

    it('follows the result path and is recorded with kind immediate and its own date', async () => {
      const e = await as(h, ['inspector'], 'e');
      expect((await e.get('/assignments/mine').expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([id]);
      await e.post(`/assignments/${id}/results`, cleanResult({ ...onlyItem, inspectedAt: '2020-06-14T16:00:00+08:00' }), randomUUID()).expect(400);
      const submitted = await e.post(`/assignments/${id}/results`, cleanResult({ ...onlyItem, inspectedAt: '2020-06-15T10:00:00+08:00' }), randomUUID()).expect(201);
      const half = await (await as(h, ['inspector'], 'f')).post(`/results/${submitted.body.id}/confirm`).expect(200);
      expect(half.body).toMatchObject({ status: 'pending', awaiting: ['k'] }); // every inspector of the team confirms
      await (await as(h, ['inspector'], 'k')).post(`/results/${submitted.body.id}/confirm`).expect(200);
      const [event] = await recorded(id, 1);
      expect(event.payload).toMatchObject({ kind: 'immediate', inspectionDate: '2020-06-15', channel: 'mobile', resultVersion: 1, taskName: '即时检查（举报核查）' });
      expect(event.payload.taskId).toBeUndefined();
    });

    it('corrects a confirmed result only as a new, linked version with a reason', async () => {
      const f = await as(h, ['inspector'], 'f');
      const before = (await f.get(`/assignments/${id}`).expect(200)).body;
      const correction = await f
        .post(`/assignments/${id}/results`, cleanResult({ ...onlyItem, inspectedAt: '2020-06-15T10:00:00+08:00', place: '某某水电站厂区（更正）', correctionReason: '检查地点记录有误' }), randomUUID())
        .expect(201);
      expect(correction.body).toMatchObject({ revision: 2, status: 'pending', previousResultId: before.currentResultId });
      await (await as(h, ['inspector'], 'e')).post(`/results/${correction.body.id}/confirm`).expect(200);
      await (await as(h, ['inspector'], 'k')).post(`/results/${correction.body.id}/confirm`).expect(200);

      const events = await recorded(id, 2);
      expect(events.map((x) => x.payload.resultVersion)).toEqual([1, 2]);
      expect(events[1].payload).toMatchObject({ correctionReason: '检查地点记录有误', resultId: events[0].payload.resultId });
      const after = (await f.get(`/assignments/${id}`).expect(200)).body;
      expect(after.results[0]).toEqual(before.results[0]); // the first version is untouched
      expect(after.currentResultId).toBe(correction.body.id);
    });
  });

  describe('overdue and progress', () => {
    const drawId = randomUUID();
    const taskId = `task-${drawId.slice(0, 8)}`;
    const yesterday = fromTestNow(-2 * DAY_MS).toISOString().slice(0, 10);

    it('marks a past-due assignment overdue once, with one event, however many replicas scan at once', async () => {
      const batch = drawCompleted({ drawId, dueDate: yesterday, executedAt: fromTestNow(-10 * DAY_MS).toISOString(), batchCount: 2, totalAssignments: 2, assignments: [target(1, [inspector('g'), inspector('h')])] });
      await publishDraw(h, batch);
      await handled(h, batch.id);
      const scanner = h.app.app.get(OverdueScanner);
      const marked = await Promise.all([scanner.scanOnce(), scanner.scanOnce(), scanner.scanOnce()]);
      expect(marked.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await scanner.scanOnce()).toBe(0);
      const events = await eventually(async () => {
        const e = await eventsOf<AssignmentOverduePayload>(h, AssignmentOverdue.type);
        return e.length ? e : undefined;
      }, 10_000, 'assignment.overdue');
      expect(events).toHaveLength(1);
      expect(events[0].payload).toMatchObject({ taskId, department: DEPT, dueDate: yesterday, targetName: '某某砂石有限公司1' });
    });

    it('shows officers counts by status, the overdue list and whether the whole draw has arrived', async () => {
      const officer = await as(h, ['officer'], 'o1');
      let progress = (await officer.get(`/tasks/${taskId}/progress`).expect(200)).body;
      expect(progress).toMatchObject({ total: 1, byStatus: { overdue: 1, assigned: 0, confirmed: 0 }, draws: [{ batchesReceived: 1, batchCount: 2, complete: false }] });
      expect(progress.overdue.map((a: { target: { id: string } }) => a.target.id)).toEqual(['target-1']);

      const second = drawCompleted({ drawId, dueDate: '2099-12-31', batchIndex: 1, batchCount: 2, totalAssignments: 2, assignments: [target(2, [inspector('g'), inspector('h')])] });
      await publishDraw(h, second);
      await handled(h, second.id);
      progress = (await officer.get(`/tasks/${taskId}/progress`).expect(200)).body;
      expect(progress).toMatchObject({ total: 2, byStatus: { overdue: 1, assigned: 1 }, draws: [{ batchesReceived: 2, complete: true, assignmentsReceived: 2 }] });
      await (await as(h, ['inspector'], 'g')).get(`/tasks/${taskId}/progress`).expect(403);
      await (await as(h, ['officer'], 'o2', 'another-bureau')).get(`/tasks/${taskId}/progress`).expect(403);
    });

    it('still takes a late result; a dispute puts the assignment back to overdue without a second overdue event', async () => {
      const [{ id }] = (await h.ds.query(`SELECT id FROM inspection.assignment WHERE draw_id = $1 AND target_id = 'target-1'`, [drawId])) as { id: string }[];
      const g = await as(h, ['inspector'], 'g');
      const submitted = await g.post(`/assignments/${id}/results`, cleanResult(), randomUUID()).expect(201);
      expect((await g.get(`/assignments/${id}`).expect(200)).body.status).toBe('submitted');
      const disputed = await (await as(h, ['inspector'], 'h')).post(`/results/${submitted.body.id}/dispute`, { reason: '检查点记录不全' }).expect(200);
      expect(disputed.body).toMatchObject({ status: 'disputed', disputedBy: 'h' });
      expect((await g.get(`/assignments/${id}`).expect(200)).body.status).toBe('overdue');
      expect(await h.app.app.get(OverdueScanner).scanOnce()).toBe(0);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.outbox_event WHERE type = $1`, [AssignmentOverdue.type])).toBe(1);
      const resubmitted = await g.post(`/assignments/${id}/results`, cleanResult({ place: '补充检查点后重新提交' }), randomUUID()).expect(201);
      expect(resubmitted.body).toMatchObject({ revision: 2, previousResultId: submitted.body.id });
    });
  });
});
