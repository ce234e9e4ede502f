import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { tokenFor } from '../support/test-env.js';
import { as, cleanResult, count, drawCompleted, handled, inspector, publishDraw, startInspection, target, type InspectionHarness } from './inspection.harness.js';
import { DAY_MS, fromTestNow } from '../support/test-clock.js';

/** Every bad input gets a 4xx with a message, never a 5xx, never a partial write (docs/developing.md, rules of the road). */
describe('inspection: bad input is refused with a 4xx', () => {
  let h: InspectionHarness;
  let id: string;

  beforeAll(async () => {
    h = await startInspection('inspinput');
    const event = drawCompleted({ assignments: [target(1, [inspector('a'), inspector('b')])] });
    await publishDraw(h, event);
    await handled(h, event.id);
    [{ id }] = (await h.ds.query(`SELECT id FROM inspection.assignment`)) as { id: string }[];
  });
  afterAll(() => h?.close());

  it.each([
    ['an unknown outcome', { outcome: '还行' }],
    ['a date-time without offset', { inspectedAt: '2026-11-20T10:30:00' }],
    ['an impossible date-time', { inspectedAt: '2026-13-45T10:30:00+08:00' }],
    ['a future inspection', { inspectedAt: fromTestNow(DAY_MS).toISOString() }],
    ['a date before the draw', { inspectedAt: '2020-01-01T10:00:00+08:00' }],
    ['a latitude of 200', { location: { latitude: 200, longitude: 120 } }],
    ['an unknown channel', { channel: 'fax' }],
    ['an unknown field', { secret: 1 }],
    ['findings that are not a list', { findings: 'all good' }],
    ['a deadline that is not a date', { outcome: '发现问题已责令改正', findings: [{ itemCode: 'SL-ZD-02', checkPoints: [{ label: 'x', compliant: false, legalProvision: 'p', description: 'd', rectificationDeadline: 'soon' }] }] }],
    ['a correction reason before any confirmation', { correctionReason: '更正' }],
    ['evidence that is not a hash', { evidence: ['photo.jpg'] }],
  ])('refuses a result with %s', async (_what, patch) => {
    const res = await (await as(h, ['inspector'], 'a')).post(`/assignments/${id}/results`, cleanResult(patch), randomUUID());
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toBeTruthy();
  });

  it('refuses malformed JSON, a bad key, a malformed id, bad paging and a missing file without a 5xx', async () => {
    const auth = `Bearer ${await tokenFor(['inspector'], 'shuizheng', 'a')}`;
    const statuses = [
      (await request(h.app.url).post(`/assignments/${id}/results`).set('Authorization', auth).set('Idempotency-Key', randomUUID()).set('Content-Type', 'application/json').send('{"outcome":')).status,
      (await (await as(h, ['inspector'], 'a')).post(`/assignments/${id}/results`, cleanResult(), 'short')).status,
      (await (await as(h, ['inspector'], 'a')).get('/assignments/not-a-uuid')).status,
      (await (await as(h, ['inspector'], 'a')).get('/assignments/mine?pageSize=1000&status=bogus&dueFrom=yesterday')).status,
      (await (await as(h, ['inspector'], 'a')).post(`/assignments/${id}/evidence`)).status,
      (await (await as(h, ['inspector'], 'a')).get(`/assignments/${randomUUID()}`)).status,
      (await (await as(h, ['officer'], 'o')).post('/immediate-inspections', { target: { name: 'x' } })).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 400, 400, 404, 400]);
    expect(await count(h, `SELECT count(*)::int AS c FROM inspection.inspection_result`)).toBe(0);
    expect(await count(h, `SELECT count(*)::int AS c FROM inspection.idempotency_record`)).toBe(0);
  });
});
