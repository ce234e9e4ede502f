import 'reflect-metadata';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PlanningAndInspection } from '../support/planning-and-inspection.js';
import { eventually, tokenFor } from '../support/test-env.js';
import { TEST_TODAY } from '../support/test-clock.js';

/**
 * No event is lost between apps: planning executes a draw while inspection is down; when
 * inspection comes back it catches up from its durable consumer and creates the assignments
 * exactly once, and a further restart redelivers nothing.
 */
describe('a draw executed while inspection is stopped', () => {
  const DEPT = 'shuizheng';
  let apps: PlanningAndInspection;

  beforeAll(async () => {
    apps = await PlanningAndInspection.start('e2erestart'); // inspection creates its durable consumers…
    await apps.stopInspection(); // …and is stopped
  });

  afterAll(() => apps?.close());

  it('is handled exactly once after inspection starts again', async () => {
    const officer = `Bearer ${await tokenFor(['officer'], DEPT, 'officer-1')}`;
    const plan = (url: string, body: object) => request(apps.planning.url).post(url).set('Authorization', officer).send(body);
    const today = TEST_TODAY;
    const year = Number(today.slice(0, 4));
    await plan('/items', {
      code: 'SL-RS-01', name: '对取水许可实施情况的行政检查', category: '重点', legalBasis: '《取水许可和水资源费征收管理条例》第四十六条', method: '现场检查',
      checkPoints: ['取水许可证有效且信息准确'], targetScope: { kinds: ['site'], description: '取水口' }, certificationCategory: '水资源',
      defaultRatios: { A: 1, B: 1, C: 1, D: 1 }, frequencyPerYear: 1,
    }).expect(201);
    for (const n of [1, 2, 3]) await plan('/targets', { kind: 'site', category: '取水口', name: `${n}号取水口`, creditClass: 'B' }).expect(201);
    for (const n of [1, 2, 3, 4]) await plan('/inspectors', { certificateNo: `ZF-RS-${n}`, name: `检查员${n}`, certifiedCategories: ['水资源'] }).expect(201);
    const planId = (await plan('/plans', { year, title: `${year}年度抽查工作计划` }).expect(201)).body.id as string;
    const task = (await plan(`/plans/${planId}/tasks`, { name: '取水许可抽查', itemCodes: ['SL-RS-01'], inspectorsPerTarget: 2, inspectionFrom: today, dueDate: `${year}-12-31` }).expect(201)).body;
    const draw = (await plan(`/tasks/${task.id}/draw`, { publicRandomnessSource: '测试用公开随机数' }).expect(201)).body;
    await plan(`/draws/${draw.id}/execute`, { publicRandomnessValue: '7 2 9', witnessName: '办公室代表' }).expect(201);

    // The event is relayed to JetStream while nobody consumes it.
    await eventually(async () => {
      const rows = (await apps.planning.app.get(DataSource).query(`SELECT count(*)::int AS n FROM planning.outbox_event WHERE type = 'planning.draw.completed' AND published_at IS NOT NULL`)) as { n: number }[];
      return rows[0].n >= 1;
    }, 10_000, 'draw.completed relayed');

    let inspection = await apps.startInspection();
    const countAssignments = async () => {
      const res = await request(inspection.url).get(`/assignments?taskId=${task.id}`).set('Authorization', officer).expect(200);
      return (res.body.items as unknown[]).length;
    };
    await eventually(async () => (await countAssignments()) === 3, 15_000, 'assignments after catch-up');

    // Inspection also consumes planning's directory and item list: count what it handled so far.
    const handled = async () => ((await inspection.app.get(DataSource).query(`SELECT count(*)::int AS n FROM inspection.inbox_entry`)) as { n: number }[])[0].n;
    const consumed = ['planning.draw.completed', 'planning.items.published', 'planning.inspectors.changed'];
    const published = ((await apps.planning.app.get(DataSource).query(`SELECT count(*)::int AS n FROM planning.outbox_event WHERE type = ANY($1)`, [consumed])) as { n: number }[])[0].n;
    const handledBefore = await eventually(async () => ((await handled()) === published ? published : undefined), 15_000, 'every planning event handled');
    const batches = (await inspection.app.get(DataSource).query(`SELECT count(*)::int AS n FROM inspection.draw_batch`)) as { n: number }[];
    expect(batches[0].n).toBe(1); // one draw.completed batch, handled once

    await apps.stopInspection();
    inspection = await apps.startInspection();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await countAssignments()).toBe(3);
    expect(await handled()).toBe(handledBefore); // the restart redelivered nothing that was handled
  });
});
