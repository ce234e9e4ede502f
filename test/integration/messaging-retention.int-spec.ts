import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { eventSubject, ResultRecorded } from '#contracts';
import { MessagingRetention } from '#messaging';
import type { RunningApp } from '#platform';
import { DataSource } from 'typeorm';
import { eventually } from '../support/test-env.js';
import { TEST_NOW } from '../support/test-clock.js';
import { COMPANY, DEPT, startPublication, type PublicationHarness } from './publication.harness.js';

/** Issue 16 point 5: the outbox and the inbox forget old rows, and a redelivery inside the window is still caught. */
describe('messaging retention: outbox and inbox rows do not live for ever', () => {
  let h: PublicationHarness;
  let app: RunningApp;
  const sql = <T>(text: string, params: unknown[] = []) => app.app.get(DataSource).query(text, params) as Promise<T>;
  const count = async (text: string, params: unknown[] = []) => (await sql<{ n: number }[]>(text, params))[0].n;

  const result = (id: string) => ({
    id, type: ResultRecorded.type, version: 1, occurredAt: TEST_NOW, source: 'inspection',
    payload: {
      resultId: `r-${id}`, assignmentId: `a-${id}`, resultVersion: 1, kind: 'random', taskId: 't-1', taskName: '2026年取水单位双随机抽查', taskNumber: 'SSJ-2026-09',
      items: [{ code: 'W05', name: '对取水许可实施情况的行政检查', version: 1 }], targetName: '某某水务有限公司', targetCode: COMPANY, targetKind: 'organisation',
      inspectionDate: '2026-11-18', outcome: '未发现问题', findingsSummary: '未发现问题。', departments: [DEPT], channel: 'mobile', confirmedAt: '2026-11-19T02:00:00.000Z',
    },
  });
  const deliver = (envelope: ReturnType<typeof result>, msgId: string) => h.probe.publish(eventSubject(h.prefix, ResultRecorded.type), envelope, msgId);

  beforeAll(async () => {
    h = await startPublication('retention');
    ({ app } = h);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('deletes published outbox rows and handled inbox rows past their retention, keeps the rest, and still catches a redelivery inside the window', async () => {
    const old = result(randomUUID());
    const recent = result(randomUUID());
    await deliver(old, `first-${old.id}`);
    await deliver(recent, `first-${recent.id}`);
    // Each result made a notice and published it: an outbox row each, relayed.
    const noticeOf = async (e: ReturnType<typeof result>) => (await sql<{ id: string }[]>(`SELECT id FROM publication.notice WHERE result_id = $1`, [e.payload.resultId]))[0]?.id;
    await eventually(async () => (await noticeOf(old)) && (await noticeOf(recent)), 10_000, 'both notices made');
    const rowsOf = async (e: ReturnType<typeof result>) => `%${await noticeOf(e)}%`;
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM publication.outbox_event WHERE published_at IS NOT NULL AND body LIKE ANY($1)`, [[await rowsOf(old), await rowsOf(recent)]])) === 2, 10_000, 'both notices relayed');

    // Age them: the old event's rows past retention (7 and 30 days), the recent one's just inside.
    await sql(`UPDATE publication.inbox_entry SET handled_at = now() - interval '31 days' WHERE event_id = $1`, [old.id]);
    await sql(`UPDATE publication.inbox_entry SET handled_at = now() - interval '29 days' WHERE event_id = $1`, [recent.id]);
    await sql(`UPDATE publication.outbox_event SET published_at = now() - interval '8 days' WHERE body LIKE $1`, [await rowsOf(old)]);
    await sql(`UPDATE publication.outbox_event SET published_at = now() - interval '6 days' WHERE body LIKE $1`, [await rowsOf(recent)]);
    // An unpublished row is never deleted, however old.
    await sql(`INSERT INTO publication.outbox_event (id, subject, type, body, created_at) VALUES ($1, 'x.unrelayed', 'x', '{}', now() - interval '90 days')`, [randomUUID()]);
    await sql(`UPDATE publication.outbox_event SET published_at = NULL WHERE subject = 'x.unrelayed'`);

    const forgotten = await app.app.get(MessagingRetention).forgetOnce();
    expect(forgotten).toEqual({ outbox: 1, inbox: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM publication.inbox_entry WHERE event_id = $1`, [recent.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM publication.outbox_event WHERE body LIKE $1`, [await rowsOf(recent)])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM publication.outbox_event WHERE subject = 'x.unrelayed'`)).toBe(1);
    expect(await app.app.get(MessagingRetention).forgetOnce()).toEqual({ outbox: 0, inbox: 0 });

    // The recent event arrives again (a republish past JetStream's duplicate window): the inbox still knows it.
    const handled = await count(`SELECT count(*)::int AS n FROM publication.inbox_entry`);
    await deliver(recent, `again-${recent.id}`);
    const marker = result(randomUUID());
    await deliver(marker, `first-${marker.id}`); // delivered after it: once this is handled, the redelivery was too
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM publication.inbox_entry WHERE event_id = $1`, [marker.id])) === 1, 10_000, 'the marker handled');
    expect(await count(`SELECT count(*)::int AS n FROM publication.inbox_entry`)).toBe(handled + 1);
    expect(await count(`SELECT count(*)::int AS n FROM publication.notice WHERE result_id = $1`, [`r-${recent.id}`])).toBe(1);
  });
});
