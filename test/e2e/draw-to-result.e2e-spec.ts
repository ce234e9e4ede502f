import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventStreamName, eventSubject, ResultRecorded, type EventEnvelope, type ResultRecordedPayload } from '#contracts';
import type { RunningApp } from '#platform';
import { PlanningAndInspection } from '../support/planning-and-inspection.js';
import type { NatsProbe } from '../support/nats-probe.js';
import { eventually, tokenFor } from '../support/test-env.js';
import { TEST_NOW, TEST_TODAY } from '../support/test-clock.js';

/**
 * Planning → inspection over real JetStream: an officer announces and executes a draw in planning,
 * the drawn team finds the inspection in its worklist, one inspector submits, the other confirms,
 * and inspection.result.recorded appears on the stream.
 */
describe('a draw in planning becomes a recorded result in inspection', () => {
  const DEPT = 'shuizheng';
  let apps: PlanningAndInspection;
  let prefix: string;
  let probe: NatsProbe;
  let planning: RunningApp;
  let inspection: RunningApp;

  beforeAll(async () => {
    apps = await PlanningAndInspection.start('e2edraw');
    ({ prefix, probe, planning } = apps);
    inspection = apps.inspection!;
  });

  afterAll(() => apps?.close());

  it('announce, execute, both inspectors of the team submit and confirm, the result event is observed', async () => {
    const officer = `Bearer ${await tokenFor(['officer'], DEPT, 'officer-1')}`;
    const plan = (url: string, body: object) => request(planning.url).post(url).set('Authorization', officer).send(body);
    const today = TEST_TODAY;
    const year = Number(today.slice(0, 4));

    await plan('/items', {
      code: 'SL-E2E-01', name: '对河道采砂的行政检查', category: '重点', legalBasis: '《中华人民共和国河道管理条例》第二十五条', method: '现场检查',
      checkPoints: ['是否持证采砂', '是否按许可范围采砂'], targetScope: { kinds: ['site'], description: '采砂点' }, certificationCategory: '河道采砂',
      defaultRatios: { A: 1, B: 1, C: 1, D: 1 }, frequencyPerYear: 1,
    }).expect(201);
    await plan('/targets', { kind: 'site', category: '采砂点', name: '某某河段3号采砂点', creditClass: 'B' }).expect(201);
    for (const n of [1, 2]) await plan('/inspectors', { certificateNo: `ZF-E2E-${n}`, name: `检查员${n}`, certifiedCategories: ['河道采砂'] }).expect(201);
    const planId = (await plan('/plans', { year, title: `${year}年度抽查工作计划` }).expect(201)).body.id as string;
    const task = (await plan(`/plans/${planId}/tasks`, { name: '河道采砂专项抽查', itemCodes: ['SL-E2E-01'], inspectorsPerTarget: 2, inspectionFrom: today, dueDate: `${year}-12-31` }).expect(201)).body;
    const draw = (await plan(`/tasks/${task.id}/draw`, { publicRandomnessSource: '测试用公开随机数' }).expect(201)).body;
    await plan(`/draws/${draw.id}/execute`, { publicRandomnessValue: '3 8 1', witnessName: '王某' }).expect(201);

    const assignment = await eventually(async () => {
      const res = await request(inspection.url).get(`/assignments?taskId=${task.id}`).set('Authorization', officer);
      return res.body.items?.[0] as { id: string; team: { inspectorId: string }[]; target: { name: string } } | undefined;
    }, 15_000, 'the drawn assignment in inspection');
    expect(assignment.target.name).toBe('某某河段3号采砂点');
    const [first, second] = assignment.team.map((m) => m.inspectorId);
    const asInspector = async (sub: string) => `Bearer ${await tokenFor(['inspector'], DEPT, sub)}`;

    const mine = await request(inspection.url).get('/assignments/mine').set('Authorization', await asInspector(first)).expect(200);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([assignment.id]);
    const submitted = await request(inspection.url)
      .post(`/assignments/${assignment.id}/results`)
      .set('Authorization', await asInspector(first))
      .set('Idempotency-Key', randomUUID())
      .send({
        outcome: '未发现问题',
        findings: [{ itemCode: 'SL-E2E-01', checkPoints: [{ index: 0, label: '是否持证采砂', compliant: true }, { index: 1, label: '是否按许可范围采砂', compliant: true }] }],
        inspectedAt: TEST_NOW,
        place: '某某河段3号采砂点',
        channel: 'mobile',
      })
      .expect(201);
    await request(inspection.url).post(`/results/${submitted.body.id}/confirm`).set('Authorization', await asInspector(second)).expect(200);

    const events = await eventually(async () => {
      const msgs = await probe.read(eventStreamName(prefix), eventSubject(prefix, ResultRecorded.type));
      return msgs.length ? msgs.map((m) => JSON.parse(m.body) as EventEnvelope<ResultRecordedPayload>) : undefined;
    }, 10_000, 'inspection.result.recorded');
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ drawId: draw.id, taskId: task.id, kind: 'random', outcome: '未发现问题', targetName: '某某河段3号采砂点', channel: 'mobile', resultVersion: 1 });
    expect(events[0].payload.items.map((i) => i.code)).toEqual(['SL-E2E-01']);
  });
});
