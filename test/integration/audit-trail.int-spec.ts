import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { eventSubject, ResultRecorded } from '#contracts';
import type { RunningApp } from '#platform';
import { PublicationScheduler } from '../../apps/publication/src/scheduler/publication.scheduler.js';
import { eventually, tokenFor } from '../support/test-env.js';
import { DAY_MS, TEST_NOW, fromTestNow } from '../support/test-clock.js';
import { BUREAU, COMPANY, DEPT, startPublication, type PublicationHarness } from './publication.harness.js';

/**
 * Issue 12, 执法全过程记录: the audit trail of one app (publication; the others share the same code
 * from libs/platform/src/audit, and hardening-input.int-spec.ts checks every write route of all four).
 */
describe('audit trail: append-only, hash-chained, searchable (issue 12)', () => {
  let h: PublicationHarness;
  let app: RunningApp;
  let officer: string;
  let auditor: string;
  let admin: string;
  const http = () => request(app.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  let seq = 0;
  const licence = () => ({
    department: DEPT, partyName: '临安某某供水有限公司', partyKind: '法人及非法人组织', partyCreditCode: COMPANY, legalRepresentative: '王五',
    documentNumber: `区水许〔2026〕审计${++seq}号`, decisionDate: '2026-11-20', authority: '区水利水电局', authorityCreditCode: BUREAU,
    documentName: '取水许可决定书', licenceCategory: '普通', certificateName: '取水许可证', licenceNumber: `取水(浙临)字[2026]第${seq}号`,
    licenceContent: '准予取水，年取水量10万立方米', validFrom: '2026-11-20', validUntil: '2031-11-19', status: '有效', publish: 'draft',
  });
  const count = async (sql: string, params: unknown[] = []) => ((await app.app.get(PublicationScheduler)['dataSource'].query(sql, params)) as { c: number }[])[0].c;
  const records = (requestId: string) => count(`SELECT count(*)::int AS c FROM publication.audit_record WHERE request_id = $1`, [requestId]);

  beforeAll(async () => {
    h = await startPublication('audit');
    ({ app } = h);
    officer = await tokenFor(['officer'], DEPT, 'officer-zhang');
    auditor = await tokenFor(['auditor'], undefined, 'auditor-qian');
    admin = await tokenFor(['admin'], undefined, 'admin-1');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('records a write request once, with who, when (the clock), what and the request id, in the same transaction', async () => {
    const res = await http().post('/decisions/licences').set(as(officer)).set('X-Request-Id', 'req-licence-1').send(licence()).expect(201);
    expect(res.headers['x-request-id']).toBe('req-licence-1');
    // A caller cannot pose as a consumed event or a job: those ids have a colon, which a request id may not.
    const posing = await http().post('/decisions/licences').set(as(officer)).set('X-Request-Id', 'event:1234').send(licence()).expect(201);
    expect(posing.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(await records('event:1234')).toBe(0);
    const list = await http().get('/audit').query({ entity: res.body.id }).set(as(auditor)).expect(200);
    expect(list.body.items).toHaveLength(1);
    const [record] = list.body.items;
    expect(record).toMatchObject({ subject: 'officer-zhang', roles: ['officer'], department: DEPT, action: 'POST /decisions/licences', requestId: 'req-licence-1', at: new Date(TEST_NOW).toISOString() });
    expect(record.changes).toEqual(expect.arrayContaining([expect.objectContaining({ entity: 'decision', id: res.body.id, op: 'insert', before: null, after: expect.stringMatching(/^[0-9a-f]{64}$/) })]));
    // A refused request leaves no record.
    await http().post('/decisions/licences').set(as(officer)).set('X-Request-Id', 'req-bad').send({ ...licence(), partyCreditCode: '123' }).expect(400);
    expect(await records('req-bad')).toBe(0);
    // A read leaves none either.
    await http().get(`/decisions/${res.body.id}`).set(as(officer)).set('X-Request-Id', 'req-read').expect(200);
    expect(await records('req-read')).toBe(0);
  });

  it('records a consumed event once under the service it came from, and nothing for a redelivery', async () => {
    const id = randomUUID();
    const envelope = {
      id, type: ResultRecorded.type, version: 1, occurredAt: TEST_NOW, source: 'inspection',
      payload: {
        resultId: `r-${id}`, assignmentId: 'a-audit', resultVersion: 1, kind: 'random', taskId: 't-1', taskName: '2026年取水单位双随机抽查', taskNumber: 'SSJ-2026-09',
        items: [{ code: 'W05', name: '对取水许可实施情况的行政检查', version: 1 }], targetName: '某某水务有限公司', targetCode: COMPANY, targetKind: 'organisation',
        inspectionDate: '2026-11-18', outcome: '未发现问题', findingsSummary: '未发现问题。', departments: [DEPT], channel: 'mobile', confirmedAt: '2026-11-19T02:00:00.000Z',
      },
    };
    const subject = eventSubject(h.prefix, ResultRecorded.type);
    await h.probe.publish(subject, envelope, `a-${id}`);
    await h.probe.publish(subject, envelope, `b-${id}`); // stored twice: delivered twice
    await eventually(async () => (await count(`SELECT count(*)::int AS c FROM publication.inbox_entry WHERE event_id = $1`, [id])) === 1, 10_000, 'event handled');
    await eventually(async () => (await records(`event:${id}`)) === 1, 5_000, 'its audit record');
    await new Promise((r) => setTimeout(r, 500)); // the second delivery has had its turn
    expect(await records(`event:${id}`)).toBe(1);
    const [row] = (await app.app.get(PublicationScheduler)['dataSource'].query(`SELECT subject, action, roles FROM publication.audit_record WHERE request_id = $1`, [`event:${id}`])) as { subject: string; action: string; roles: string[] }[];
    expect(row).toEqual({ subject: 'service:inspection', action: `event ${ResultRecorded.type}`, roles: [] });
  });

  it('records a background job as the system', async () => {
    const draft = await http().post('/decisions/licences').set(as(officer)).send(licence()).expect(201);
    await http().post(`/notices/${draft.body.notice.id}/schedule`).set(as(officer)).send({ publishAt: fromTestNow(DAY_MS).toISOString() }).expect(200);
    await app.app.get(PublicationScheduler).runOnce(new Date(fromTestNow(2 * DAY_MS)));
    const list = await http().get('/audit').query({ entity: draft.body.notice.id, subject: 'system' }).set(as(admin)).expect(200);
    expect(list.body.items.map((r: { action: string }) => r.action)).toEqual(['job publication.scheduler']);
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    await Promise.all(Array.from({ length: 12 }, () => http().post('/decisions/licences').set(as(officer)).send(licence()).expect(201)));
    const verdict = await http().get('/audit/verify').set(as(auditor)).expect(200);
    expect(verdict.body).toMatchObject({ ok: true, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verdict.body.checked).toBe(await count(`SELECT count(*)::int AS c FROM publication.audit_record`));
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit records by the app’s own connection', async () => {
    const ds = app.app.get(PublicationScheduler)['dataSource'];
    await expect(ds.query(`UPDATE publication.audit_record SET subject = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only|permission denied/);
    await expect(ds.query(`DELETE FROM publication.audit_record WHERE seq = 1`)).rejects.toThrow(/append-only|permission denied/);
    await expect(ds.query(`TRUNCATE publication.audit_record`)).rejects.toThrow(/append-only|permission denied/);
  });

  it('leaves a service role of the documented kind (SELECT, INSERT on the trail) unable to change or unprotect it', async () => {
    const role = `sc_audit_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: h.db.url });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${role}'`);
      await admin.query(`GRANT USAGE ON SCHEMA publication TO ${role}`);
      await admin.query(`GRANT SELECT, INSERT ON publication.audit_record TO ${role}`);
      const url = new URL(h.db.url);
      url.username = role;
      url.password = role;
      const service = new pg.Client({ connectionString: url.toString() });
      await service.connect();
      try {
        expect((await service.query(`SELECT count(*)::int AS n FROM publication.audit_record`)).rows[0].n).toBeGreaterThan(0);
        await expect(service.query(`UPDATE publication.audit_record SET subject = 'x' WHERE seq = 1`)).rejects.toThrow(/permission denied/);
        await expect(service.query(`DELETE FROM publication.audit_record WHERE seq = 1`)).rejects.toThrow(/permission denied/);
        await expect(service.query(`ALTER TABLE publication.audit_record DISABLE TRIGGER audit_record_no_change`)).rejects.toThrow(/must be owner/);
      } finally {
        await service.end();
      }
    } finally {
      await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  it('pages, filters and exports as CSV; only auditors and admins may read it', async () => {
    const first = await http().get('/audit').query({ limit: 2 }).set(as(auditor)).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await http().get('/audit').query({ limit: 2, before: first.body.next }).set(as(auditor)).expect(200);
    expect(second.body.items[0].seq).toBe(first.body.items[1].seq - 1);
    const byDept = await http().get('/audit').query({ department: DEPT, from: new Date(TEST_NOW).toISOString(), to: fromTestNow(1000).toISOString() }).set(as(auditor)).expect(200);
    expect(byDept.body.items.length).toBeGreaterThan(10);
    expect(byDept.body.items.every((r: { department: string }) => r.department === DEPT)).toBe(true);
    await http().get('/audit').query({ from: fromTestNow(1000).toISOString(), to: new Date(TEST_NOW).toISOString() }).set(as(auditor)).expect(400);
    const csv = await http().get('/audit/export').query({ subject: 'officer-zhang' }).set(as(auditor)).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF')).toBe(true); // Excel reads UTF-8 by it
    const lines = csv.text.slice(1).trimEnd().split('\n');
    expect(lines[0]).toBe('序号,记录ID,时间,操作人,角色,部门,操作,涉及对象,变更,请求ID,前一记录哈希,本记录哈希');
    expect(lines.length - 1).toBe(await count(`SELECT count(*)::int AS c FROM publication.audit_record WHERE subject = 'officer-zhang'`));
    await http().get('/audit').set(as(officer)).expect(403);
    await http().get('/audit/verify').expect(401);
  });

  it('names the first changed or deleted record when the table is tampered with behind the app', async () => {
    // Only a database superuser can get round the triggers; the chain still shows it.
    const client = new pg.Client({ connectionString: h.db.url });
    await client.connect();
    try {
      const [{ seq, id, subject }] = (await client.query(`SELECT seq::int AS seq, id, subject FROM publication.audit_record ORDER BY seq LIMIT 1 OFFSET 2`)).rows as { seq: number; id: string; subject: string }[];
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE publication.audit_record SET subject = 'someone-else' WHERE seq = $1`, [seq]);
      let verdict = await http().get('/audit/verify').set(as(auditor)).expect(200);
      expect(verdict.body).toMatchObject({ ok: false, checked: seq - 1, brokenAt: { seq, id, reason: expect.stringContaining('changed') } });

      await client.query(`UPDATE publication.audit_record SET subject = $2 WHERE seq = $1`, [seq, subject]);
      verdict = await http().get('/audit/verify').set(as(auditor)).expect(200);
      expect(verdict.body.ok).toBe(true); // put back as it was

      await client.query(`DELETE FROM publication.audit_record WHERE seq = $1`, [seq + 1]);
      verdict = await http().get('/audit/verify').set(as(auditor)).expect(200);
      expect(verdict.body).toMatchObject({ ok: false, brokenAt: { seq: seq + 1, id: null, reason: `record ${seq + 1} missing (deleted)` } });
    } finally {
      await client.end();
    }
  });
});
