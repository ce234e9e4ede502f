import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DrawSubstituted, eventSubject, ResultRecorded, type DrawSubstitutedPayload, type EventEnvelope, type ResultRecordedPayload } from '#contracts';
import { eventually } from '../support/test-env.js';
import {
  as, assignmentIdOf, cleanResult, count, drawCompleted, eventsOf, filesUnder, handled, inspector, publishDraw, startInspection, target, ITEMS,
  type InspectionHarness,
} from './inspection.harness.js';
import { TEST_NOW } from '../support/test-clock.js';

const EVIDENCE_LIMIT = 64 * 1024;
const jpeg = (size: number, fill = 1) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, fill)]);

describe('inspection: worklists and field results (real PostgreSQL and JetStream)', () => {
  let h: InspectionHarness;
  const drawId = randomUUID();
  let mine: string; // target-1: inspectors a and b
  let theirs: string; // target-2: inspectors c and d
  let sentinelDrawId: string; // target-9: inspectors x and y

  beforeAll(async () => {
    h = await startInspection('inspection', { evidenceMaxBytes: EVIDENCE_LIMIT });
  });
  afterAll(() => h?.close());

  describe('draw.completed', () => {
    it('creates the assignments of a draw once, however often it is delivered', async () => {
      const event = drawCompleted({ drawId, assignments: [target(1, [inspector('a'), inspector('b')]), target(2, [inspector('c'), inspector('d')])] });
      await publishDraw(h, event);
      await publishDraw(h, event); // the same envelope again under another msgID: JetStream stores it twice
      const resent = { ...event, id: randomUUID() }; // planning re-sending the batch in a new envelope
      await publishDraw(h, resent);
      const sentinel = drawCompleted({ assignments: [target(9, [inspector('x'), inspector('y')])] });
      sentinelDrawId = sentinel.payload.drawId;
      await publishDraw(h, sentinel);
      await handled(h, sentinel.id); // one consumer, in order: everything before it is handled too
      await handled(h, resent.id); // handled as a no-op, not failed and dead-lettered

      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.assignment WHERE draw_id = $1`, [drawId])).toBe(2);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.team_member t JOIN inspection.assignment a ON a.id = t.assignment_id WHERE a.draw_id = $1`, [drawId])).toBe(4);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.draw_batch WHERE draw_id = $1`, [drawId])).toBe(1);
      mine = await assignmentIdOf(h, drawId, 'target-1');
      theirs = await assignmentIdOf(h, drawId, 'target-2');
    });

    it('moves the assignment to the replacement of a substituted inspector (递补抽取), latest substitution winning', async () => {
      const substitution = (sequence: number, replacement: string): EventEnvelope<DrawSubstitutedPayload> => ({
        id: randomUUID(), type: DrawSubstituted.type, version: 1, occurredAt: TEST_NOW, source: 'planning',
        payload: {
          drawId: sentinelDrawId, taskId: 'task-x', sequence, targetId: 'target-9', withdrawnInspectorId: 'y', reason: '因公务不能参加',
          replacement: inspector(replacement), inspectors: [inspector('x'), inspector(replacement)], dueDate: '2099-12-31', substitutedAt: TEST_NOW, record: {},
        },
      });
      const latest = substitution(2, 'z');
      const stale = substitution(1, 'w');
      for (const e of [latest, stale]) await h.probe.publish(eventSubject(h.prefix, DrawSubstituted.type), e, randomUUID());
      await handled(h, stale.id);
      const id = await assignmentIdOf(h, sentinelDrawId, 'target-9');
      expect((await (await as(h, ['inspector'], 'z')).get(`/assignments/${id}`).expect(200)).body.team.map((m: { inspectorId: string }) => m.inspectorId)).toEqual(['x', 'z']);
      await (await as(h, ['inspector'], 'y')).get(`/assignments/${id}`).expect(403);
      await (await as(h, ['inspector'], 'w')).get(`/assignments/${id}`).expect(403);
    });
  });

  describe('who sees what', () => {
    it("lists an inspector's own assignments only, and answers 403 for another team's", async () => {
      const a = await as(h, ['inspector'], 'a');
      const list = await a.get('/assignments/mine?status=assigned&pageSize=10').expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([mine]);
      expect(list.body.items[0].team.map((m: { inspectorId: string }) => m.inspectorId)).toEqual(['a', 'b']);

      await a.get(`/assignments/${theirs}`).expect(403);
      await a.post(`/assignments/${theirs}/start`).expect(403);
      await a.post(`/assignments/${theirs}/results`, cleanResult(), randomUUID()).expect(403);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.inspection_result WHERE assignment_id = $1`, [theirs])).toBe(0);
    });

    it("shows officers their department's assignments and nobody else's", async () => {
      const officer = await as(h, ['officer'], 'o1');
      const list = await officer.get(`/assignments?taskId=task-${drawId.slice(0, 8)}`).expect(200);
      expect(list.body.total).toBe(2);
      await officer.get(`/assignments/${theirs}`).expect(200);
      await (await as(h, ['officer'], 'o2', 'another-bureau')).get(`/assignments/${theirs}`).expect(403);
    });
  });

  describe('submitting a result', () => {
    const key = randomUUID();

    it('refuses findings for an item the inspection does not cover, writing nothing', async () => {
      const a = await as(h, ['inspector'], 'a');
      const body = cleanResult();
      body.findings.push({ itemCode: 'SL-XX-99', checkPoints: [{ index: 0, label: '其他', compliant: true }] });
      const res = await a.post(`/assignments/${mine}/results`, body, randomUUID()).expect(400);
      expect(res.body.message).toContain("'SL-XX-99' is not an item of this inspection");
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.inspection_result`)).toBe(0);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.idempotency_record`)).toBe(0);
    });

    it('needs an Idempotency-Key', async () => {
      const res = await (await as(h, ['inspector'], 'a')).post(`/assignments/${mine}/results`, cleanResult()).expect(400);
      expect(res.body.message).toContain('Idempotency-Key');
    });

    it('records a submission once: a retry with the same key replays the first response and writes nothing', async () => {
      const a = await as(h, ['inspector'], 'a');
      const body = cleanResult();
      const first = await a.post(`/assignments/${mine}/results`, body, key).expect(201);
      expect(first.body).toMatchObject({ status: 'pending', revision: 1, version: null, submittedBy: 'a', awaiting: ['b'] });
      const rows = async () => count(h, `SELECT (SELECT count(*) FROM inspection.inspection_result) + (SELECT count(*) FROM inspection.result_confirmation) + (SELECT count(*) FROM inspection.idempotency_record) AS c`);
      const before = await rows();

      const retry = await a.post(`/assignments/${mine}/results`, body, key).expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await rows()).toBe(before);
    });

    it('refuses the same key with another body (409)', async () => {
      const res = await (await as(h, ['inspector'], 'a')).post(`/assignments/${mine}/results`, cleanResult({ place: '另一处' }), key).expect(409);
      expect(res.body.message).toContain('Idempotency-Key');
    });

    it('emits exactly one inspection.result.recorded once the co-inspector confirms', async () => {
      const [pending] = (await h.ds.query(`SELECT id FROM inspection.inspection_result WHERE assignment_id = $1`, [mine])) as { id: string }[];
      const b = await as(h, ['inspector'], 'b');
      const confirmed = await b.post(`/results/${pending.id}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 1, awaiting: [] });
      await b.post(`/results/${pending.id}/confirm`).expect(200); // a retry changes nothing

      const events = await eventually(async () => {
        const e = await eventsOf<ResultRecordedPayload>(h, ResultRecorded.type);
        return e.length ? e : undefined;
      }, 10_000, 'result.recorded');
      await new Promise((r) => setTimeout(r, 300)); // a second event, were there one, would be relayed by now
      expect(await eventsOf(h, ResultRecorded.type)).toHaveLength(1);
      expect(events[0].payload).toMatchObject({
        assignmentId: mine,
        resultVersion: 1,
        kind: 'random',
        drawId,
        outcome: '未发现问题',
        targetName: '某某砂石有限公司1',
        targetCode: '91330100MA2XXXXX0X',
        channel: 'mobile',
        departments: ['shuizheng'],
        items: ITEMS,
      });
      expect((await (await as(h, ['inspector'], 'a')).get(`/assignments/${mine}`).expect(200)).body.status).toBe('confirmed');
    });

    it('keeps a confirmed result: a new submission without a correction reason is refused', async () => {
      const res = await (await as(h, ['inspector'], 'b')).post(`/assignments/${mine}/results`, cleanResult(), randomUUID()).expect(409);
      expect(res.body.message).toContain('correctionReason');
    });
  });

  describe('evidence', () => {
    it('refuses a file over the limit with 413 and stores nothing', async () => {
      const c = await as(h, ['inspector'], 'c');
      await c.upload(`/assignments/${theirs}/evidence`, jpeg(EVIDENCE_LIMIT + 1024), 'big.jpg').expect(413);
      expect(filesUnder(h.evidenceDir)).toEqual([]);
      expect(await count(h, `SELECT count(*)::int AS c FROM inspection.evidence`)).toBe(0);
    });

    it('refuses a type it does not accept, whatever the file is called', async () => {
      const c = await as(h, ['inspector'], 'c');
      await c.upload(`/assignments/${theirs}/evidence`, Buffer.from('#!/bin/sh\necho not a photo\n'), 'photo.jpg').expect(415);
      expect(filesUnder(h.evidenceDir)).toEqual([]);
    });

    it('stores a photo once under its SHA-256, and a result may cite it', async () => {
      const c = await as(h, ['inspector'], 'c');
      const first = await c.upload(`/assignments/${theirs}/evidence`, jpeg(2048), '现场照片.jpg').expect(201);
      expect(first.body).toMatchObject({ contentType: 'image/jpeg', size: 2048, fileName: '现场照片.jpg' });
      await c.upload(`/assignments/${theirs}/evidence`, jpeg(2048), 'again.jpg').expect(200);
      expect(filesUnder(h.evidenceDir)).toEqual([first.body.sha256]);

      await c.post(`/assignments/${theirs}/results`, cleanResult({ evidence: ['0'.repeat(64)] }), randomUUID()).expect(400);
      const ok = await c.post(`/assignments/${theirs}/results`, cleanResult({ evidence: [first.body.sha256] }), randomUUID()).expect(201);
      expect(ok.body.evidence).toEqual([first.body.sha256]);
      const download = await (await as(h, ['inspector'], 'd')).get(`/assignments/${theirs}/evidence/${first.body.sha256}`).expect(200);
      expect(download.headers['content-type']).toBe('image/jpeg');
      expect(Buffer.compare(download.body as Buffer, jpeg(2048))).toBe(0);
    });
  });
});
