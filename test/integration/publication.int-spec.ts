import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { eventStreamName, eventSubject, NoticePublished, ResultRecorded, type EventEnvelope, type NoticePublishedPayload } from '#contracts';
import { containsPersonalData, idNumberCheckDigit, luhnCheckDigit } from '#domain';
import type { RunningApp, TestClock } from '#platform';
import { PublicationScheduler } from '../../apps/publication/src/scheduler/publication.scheduler.js';
import { ID_NUMBER } from '../support/codes.js';
import type { NatsProbe } from '../support/nats-probe.js';
import { eventually, tokenFor } from '../support/test-env.js';
import { DAY_MS, HOUR_MS, TEST_NOW, fromTestNow } from '../support/test-clock.js';
import { BUREAU, COMPANY, DEPT, startPublication, type PublicationHarness } from './publication.harness.js';

// A natural person's data, as it appears in real case files: every piece must be masked on the way out
// (ID_NUMBER, an adult's, from test/support/codes.ts).
const MINOR_ID = ((first17) => first17 + idNumberCheckDigit(first17))('33010220120312004');
const CARD = ((first15) => first15 + luhnCheckDigit(first15))('622202100012345');
const MOBILE = '13912345678';

describe('publication (real PostgreSQL and JetStream)', () => {
  let h: PublicationHarness;
  let prefix: string;
  let probe: NatsProbe;
  let app: RunningApp;
  /** The service's clock, standing at TEST_NOW unless a test moves it. */
  let clock: TestClock;
  let officer: string;
  const http = () => request(app.app.getHttpServer());
  const ds = () => app.app.get(DataSource);
  const count = async (sql: string, params: unknown[] = []) => ((await ds().query(sql, params)) as { c: number }[])[0].c;
  const events = async (type: string) =>
    (await probe.read(eventStreamName(prefix), eventSubject(prefix, type))).map((m) => JSON.parse(m.body) as EventEnvelope<Record<string, unknown>>);
  /** The events of one type about one notice, once there is at least one. */
  const eventsAbout = (type: string, noticeId: string, what: string) =>
    eventually(async () => {
      const found = (await events(type)).filter((e) => e.payload.noticeId === noticeId);
      return found.length ? found : undefined;
    }, 10_000, what);

  const penalty = (overrides: Record<string, unknown> = {}) => ({
    partyName: '临安某某建材有限公司',
    partyKind: '法人及非法人组织',
    partyCreditCode: COMPANY,
    legalRepresentative: '王五',
    documentNumber: `区水罚〔2026〕${Math.floor(Math.random() * 1e6)}号`,
    violationType: '未经批准擅自取水',
    violationFacts: '当事人未取得取水许可，自2026年3月起从天目溪擅自取水。',
    legalBasis: '《中华人民共和国水法》第六十九条',
    penaltyTypes: ['罚款'],
    penaltyContent: '罚款人民币贰万元',
    fineAmount: '2',
    decisionDate: '2026-11-20',
    authority: '区水利水电局',
    authorityCreditCode: BUREAU,
    procedure: '普通程序',
    ...overrides,
  });

  beforeAll(async () => {
    h = await startPublication('publication');
    ({ prefix, probe, app, clock } = h);
    officer = await tokenFor(['officer'], DEPT);
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('POST /decisions/import', () => {
    const header = '行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,行政许可决定文书名称,行政许可决定文书号,许可类别,许可证书名称,许可编号,许可内容,许可决定日期,有效期自,有效期至,许可机关,许可机关统一社会信用代码,当前状态';
    const row = (n: number, code: string) => `某某水务有限公司${n},法人及非法人组织,${code},赵六,取水许可决定书,区水许〔2026〕${n}号,普通,取水许可证,B330100S2026-${n},取水量每年5万立方米,2026-11-0${n},2026-11-0${n},2031-11-0${n},区水利水电局,${BUREAU},有效`;

    it('writes nothing when one row is bad, and names the row and the column', async () => {
      const badCode = COMPANY.slice(0, 17) + (COMPANY[17] === '0' ? '1' : '0');
      const csv = [header, row(1, COMPANY), row(2, badCode), row(3, COMPANY.replace(/.$/, (c) => c))].join('\n').replace('区水许〔2026〕3号', '区水许〔2026〕1号');
      const res = await http().post('/decisions/import?kind=licence&publish=now').set('Authorization', `Bearer ${officer}`).attach('file', Buffer.from(csv), 'licences.csv').expect(400);
      expect(res.body.message).toContain('nothing was imported');
      expect(res.body.details.errors).toEqual([
        { row: 3, column: '统一社会信用代码', message: expect.stringContaining('not a valid 统一社会信用代码') },
        { row: 4, column: '行政许可决定文书号', message: '区水许〔2026〕1号 is already in row 2 of this file' },
      ]);
      expect(await count(`SELECT count(*)::int AS c FROM publication.decision`)).toBe(0);
      expect(await count(`SELECT count(*)::int AS c FROM publication.outbox_event`)).toBe(0);
    });

    it('imports historical records from XLSX as published on their 公示日期', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('行政许可');
      sheet.addRow([...header.split(','), '公示日期']);
      for (const n of [1, 2]) sheet.addRow([...row(n, COMPANY).replace(/2026-11-0\d/g, '2020-06-0' + n).replace('2026', '2020').split(','), new Date(Date.UTC(2020, 5, 3 + n))]);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await http().post('/decisions/import?kind=licence').set('Authorization', `Bearer ${officer}`).attach('file', file, 'licences-2020.xlsx').expect(201);
      expect(res.body).toMatchObject({ rows: 2, recorded: 2, published: 2, drafts: 0 });
      const rows = (await ds().query(`SELECT decision_date::text AS d, published_at, on_time FROM publication.notice ORDER BY decision_date`)) as { d: string; published_at: Date; on_time: boolean }[];
      expect(rows.map((r) => [r.d, r.published_at.toISOString(), r.on_time])).toEqual([
        ['2020-06-01', '2020-06-04T04:00:00.000Z', true],
        ['2020-06-02', '2020-06-05T04:00:00.000Z', true],
      ]);
    });
  });

  describe('a published penalty notice', () => {
    let noticeId: string;
    let decisionId: string;
    let decision: Record<string, unknown>;

    it('reaches a consumer once, redacted', async () => {
      const facts = `当事人张三（身份证号${ID_NUMBER}，联系电话${MOBILE}）在河道内非法采砂，违法所得存入其银行卡${CARD}。证人李四在场。`;
      decision = penalty({ partyName: '张三', partyKind: '自然人', partyCreditCode: undefined, legalRepresentative: undefined, partyIdNumber: ID_NUMBER, otherPersons: ['李四'], violationFacts: facts, fineAmount: '0.2', penaltyContent: '罚款人民币贰仟元', publish: 'now' });
      const res = await http().post('/decisions/penalties').set('Authorization', `Bearer ${officer}`).send(decision).expect(201);
      expect(res.body.notice.state).toBe('published');
      noticeId = res.body.notice.id;
      decisionId = res.body.id;
      const published = await eventsAbout(NoticePublished.type, noticeId, 'published event');
      await new Promise((r) => setTimeout(r, 300)); // a second relay pass must not publish it again
      expect((await events(NoticePublished.type)).filter((e) => e.payload.noticeId === noticeId)).toHaveLength(1);
      const payload = published[0].payload as unknown as NoticePublishedPayload;
      expect(payload.partyName).toBe('张*');
      expect(payload.fields['违法事实']).toContain('证人李*在场');
      expect(JSON.stringify(payload)).not.toContain(ID_NUMBER);
      expect(JSON.stringify(payload)).not.toContain('张三');
      expect(payload).toMatchObject({ kind: 'penalty', onTime: true, penaltyTypes: ['罚款'], decisionDate: '2026-11-20' });
      expect(payload.displayUntil).toMatch(/^2027-02-\d\d$/); // a fine below 5,000 yuan for a natural person: 3 months
    });

    it('is corrected into a new version, the old one kept', async () => {
      const { publish: _publish, ...rest } = decision;
      await http().put(`/decisions/penalties/${decisionId}`).set('Authorization', `Bearer ${officer}`).send({ ...rest, fineAmount: '0.3', penaltyContent: '罚款人民币叁仟元', correctionReason: '复核后更正罚款金额' }).expect(200);
      const [corrected] = await eventsAbout('publication.notice.corrected', noticeId, 'corrected event');
      expect(corrected.payload).toMatchObject({ version: 2, reason: '复核后更正罚款金额', fields: { '罚款金额（万元）': 0.3 } });
      const notice = await http().get(`/notices/${noticeId}`).set('Authorization', `Bearer ${officer}`).expect(200);
      expect(notice.body.versions.map((v: { version: number; payload: NoticePublishedPayload }) => [v.version, v.payload.fields['罚款金额（万元）']])).toEqual([[1, 0.2], [2, 0.3]]);
    });

    it('is withdrawn with an event, once', async () => {
      const res = await http().post(`/notices/${noticeId}/withdraw`).set('Authorization', `Bearer ${officer}`).send({ reason: '行政复议决定撤销原处罚决定（张三申请）' }).expect(200);
      expect(res.body).toMatchObject({ state: 'withdrawn', withdrawalOnTime: true });
      const withdrawn = await eventsAbout('publication.notice.withdrawn', noticeId, 'withdrawn event');
      expect(withdrawn[0].payload.reason).toBe('行政复议决定撤销原处罚决定（张*申请）');
      const again = await http().post(`/notices/${noticeId}/withdraw`).set('Authorization', `Bearer ${officer}`).send({ reason: '再次撤回' }).expect(409);
      expect(again.body.message).toContain('withdrawn');
    });
  });

  describe('the scheduler', () => {
    it('expires a notice at the end of its display period, once, with two replicas running together', async () => {
      const res = await http().post('/decisions/penalties').set('Authorization', `Bearer ${officer}`).send(penalty({ penaltyTypes: ['通报批评'], fineAmount: undefined, penaltyContent: '通报批评', publish: 'now' })).expect(201);
      const id = res.body.notice.id as string;
      const scheduler = app.app.get(PublicationScheduler);
      expect((await scheduler.runOnce()).expired).toBe(0);
      const later = fromTestNow(100 * DAY_MS); // past the 3-month period of 通报批评
      const runs = await Promise.all([scheduler.runOnce(later), scheduler.runOnce(later), scheduler.runOnce(later)]);
      expect(runs.reduce((n, r) => n + r.expired, 0)).toBe(1);
      const expired = await eventsAbout('publication.notice.expired', id, 'expired event');
      expect(expired).toHaveLength(1);
      expect(expired[0].payload.reason).toContain('公示期满');
    });

    it('publishes a scheduled notice when its time comes', async () => {
      const res = await http().post('/decisions/licences').set('Authorization', `Bearer ${officer}`).send({
        partyName: '某某供水有限公司', partyKind: '法人及非法人组织', partyCreditCode: COMPANY, documentName: '取水许可决定书', documentNumber: '区水许〔2026〕88号',
        licenceCategory: '普通', licenceContent: '取水', decisionDate: '2026-11-20', validFrom: '2026-11-20', authority: '区水利水电局', authorityCreditCode: BUREAU,
      }).expect(201);
      const id = res.body.notice.id as string;
      const at = fromTestNow(HOUR_MS);
      await http().post(`/notices/${id}/schedule`).set('Authorization', `Bearer ${officer}`).send({ publishAt: at.toISOString() }).expect(200);
      const scheduler = app.app.get(PublicationScheduler);
      expect((await scheduler.runOnce()).published).toBe(0);
      expect((await scheduler.runOnce(new Date(at.getTime() + 1000))).published).toBe(1);
      const notice = await http().get(`/notices/${id}`).set('Authorization', `Bearer ${officer}`).expect(200);
      expect(notice.body).toMatchObject({ state: 'published', publishedAt: at.toISOString(), versions: [{ version: 1 }] });
    });
  });

  it('records a simple-procedure penalty and never lets it leave the service', async () => {
    const decision = penalty({ procedure: '简易程序', documentNumber: '区水简罚〔2026〕7号', publish: 'now' });
    const res = await http().post('/decisions/penalties').set('Authorization', `Bearer ${officer}`).send(decision).expect(201);
    expect(res.body).toMatchObject({ publishable: false, notice: null, nonPublicationReasons: [{ code: 'simple-procedure' }] });
    expect(await count(`SELECT count(*)::int AS c FROM publication.notice WHERE facts->>'documentNumber' = $1`, [decision.documentNumber])).toBe(0);
    expect(await count(`SELECT count(*)::int AS c FROM publication.outbox_event WHERE body LIKE $1`, [`%${decision.documentNumber}%`])).toBe(0);
    await app.app.get(PublicationScheduler).runOnce();
    const deadlines = await http().get('/dashboard/deadlines').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(JSON.stringify(deadlines.body)).not.toContain(decision.documentNumber);
  });

  it('never publishes a decision about a minor, found from the ID number', async () => {
    const res = await http().post('/decisions/penalties').set('Authorization', `Bearer ${officer}`)
      .send(penalty({ partyName: '钱小七', partyKind: '自然人', partyCreditCode: undefined, legalRepresentative: undefined, partyIdNumber: MINOR_ID, publish: 'now' })).expect(201);
    expect(res.body).toMatchObject({ publishable: false, notice: null, nonPublicationReasons: [{ code: 'party-is-minor' }] });
  });

  it('creates one spot-check result notice from a result delivered twice, and corrects it with a later version', async () => {
    const result = {
      resultId: `r-${randomUUID()}`, assignmentId: 'a-1', resultVersion: 1, kind: 'random', taskId: 't-1', taskName: '2026年第二批取水单位双随机抽查', taskNumber: 'SSJ-2026-02',
      items: [{ code: 'W05', name: '对取水许可实施情况的行政检查', version: 1 }], targetName: '某某水务有限公司', targetCode: COMPANY, targetKind: 'organisation',
      inspectionDate: '2026-11-18', outcome: '发现问题已责令改正', findingsSummary: `一级水表损坏，已责令更换；现场负责人手机${MOBILE}。`,
      departments: [DEPT], channel: 'mobile', confirmedAt: '2026-11-19T02:00:00.000Z',
    };
    const envelope = (payload: object) => ({ id: randomUUID(), type: ResultRecorded.type, version: 1, occurredAt: TEST_NOW, source: 'inspection', payload });
    const subject = eventSubject(prefix, ResultRecorded.type);
    const first = envelope(result);
    await probe.publish(subject, first, `x-${first.id}`);
    await probe.publish(subject, first, `y-${first.id}`); // the same envelope stored twice
    await probe.publish(subject, envelope(result)); // the same result in a new envelope
    const notices = async () => (await ds().query(`SELECT id, state, version FROM publication.notice WHERE result_id = $1`, [result.resultId])) as { id: string; state: string; version: number }[];
    await eventually(async () => (await count(`SELECT count(*)::int AS c FROM publication.inbox_entry`)) >= 2, 10_000, 'both envelopes handled');
    const [notice, ...others] = await notices();
    expect(others).toHaveLength(0);
    expect(notice.state).toBe('published');
    const published = await eventsAbout(NoticePublished.type, notice.id, 'spot-check published');
    expect(published).toHaveLength(1);
    expect(published[0].payload).toMatchObject({
      kind: 'spot_check', department: DEPT, creditCode: COMPANY, decisionDate: '2026-11-18', onTime: true,
      spotCheck: { inspectionKind: 'random', channel: 'mobile', taskId: 't-1', outcome: '发现问题已责令改正', inspectionDate: '2026-11-18', items: [{ code: 'W05' }] },
    });
    expect(JSON.stringify(published[0].payload)).not.toContain(MOBILE);

    await probe.publish(subject, envelope({ ...result, resultVersion: 2, outcome: '未发现问题', findingsSummary: '复核后未发现问题。', correctionReason: '结果录入有误' }));
    const corrected = await eventsAbout('publication.notice.corrected', notice.id, 'corrected');
    expect(corrected[0].payload).toMatchObject({ version: 2, reason: '结果录入有误', spotCheck: { outcome: '未发现问题' } });
    expect((await notices())[0]).toMatchObject({ state: 'corrected', version: 2 });
  });

  describe('deadlines on the working-day calendar', () => {
    afterEach(() => clock.set(TEST_NOW));

    it('shows a draft as due soon, then overdue, and counts it in the on-time rate', async () => {
      // 2026-09-28 + 7 working days across National Day (10-01…10-07) and the make-up Saturday 10-10 = 10-13.
      clock.set('2026-10-09T02:00:00Z');
      const res = await http().post('/decisions/licences').set('Authorization', `Bearer ${officer}`).send({
        partyName: '某某灌溉合作社', partyKind: '法人及非法人组织', partyCreditCode: COMPANY, documentName: '取水许可决定书', documentNumber: '区水许〔2026〕928号',
        licenceCategory: '普通', licenceContent: '农业灌溉取水', decisionDate: '2026-09-28', validFrom: '2026-10-01', validUntil: '2031-09-30', authority: '区水利水电局', authorityCreditCode: BUREAU,
      }).expect(201);
      expect(res.body.notice).toMatchObject({ state: 'draft', dueDate: '2026-10-13', dueProvisional: false });
      const id = res.body.notice.id;

      const soon = await http().get('/dashboard/deadlines?withinWorkingDays=3').set('Authorization', `Bearer ${officer}`).expect(200);
      expect(soon.body.dueSoon.map((d: { noticeId: string }) => d.noticeId)).toContain(id);

      clock.set('2026-10-15T02:00:00Z');
      const late = await http().get('/dashboard/deadlines').set('Authorization', `Bearer ${officer}`).expect(200);
      expect(late.body.overdue).toEqual([expect.objectContaining({ noticeId: id, dueDate: '2026-10-13', workingDays: -2 })]);

      await http().post(`/notices/${id}/publish`).set('Authorization', `Bearer ${officer}`).expect(200);
      const rate = await http().get('/dashboard/on-time-rate?year=2026').set('Authorization', `Bearer ${officer}`).expect(200);
      expect(rate.body.rows.find((r: { kind: string }) => r.kind === 'licence')).toMatchObject({ published: 2, onTime: 1, late: 1, onTimeRate: 0.5 });
    });
  });

  describe('access and bad input', () => {
    it('answers 401 without a token, 403 to an auditor writing or an officer of another department', async () => {
      await http().post('/decisions/penalties').send(penalty()).expect(401);
      await http().post('/decisions/penalties').set('Authorization', `Bearer ${await tokenFor(['auditor'])}`).send(penalty()).expect(403);
      await http().post('/decisions/penalties').set('Authorization', `Bearer ${await tokenFor(['officer'], 'other-unit')}`).send({ ...penalty(), department: DEPT }).expect(403);
      await http().get('/decisions').set('Authorization', `Bearer ${await tokenFor(['auditor'])}`).expect(200);
    });

    it('answers 400 with every problem, and writes nothing', async () => {
      const before = await count(`SELECT count(*)::int AS c FROM publication.decision`);
      const res = await http().post('/decisions/penalties').set('Authorization', `Bearer ${officer}`)
        .send(penalty({ fineAmount: '1.1234567', penaltyTypes: ['罚款', '打板子'], decisionDate: '2026-02-30' })).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(/fineAmount.*6 decimals|penaltyTypes/);
      const dates = await http().post('/decisions/penalties').set('Authorization', `Bearer ${officer}`).send(penalty({ decisionDate: '2026-02-30', partyCreditCode: '91330100MA2H000010' })).expect(400);
      expect(dates.body.message).toMatch(/2026-02-30.*not a real calendar date/);
      expect(await count(`SELECT count(*)::int AS c FROM publication.decision`)).toBe(before);
    });
  });

  it('answers 400, not 500, to a file that is not the template, a missing file, and a malformed id', async () => {
    const wrong = await http().post('/decisions/import?kind=penalty').set('Authorization', `Bearer ${officer}`).attach('file', Buffer.from('名称,金额\n甲,1\n'), 'x.csv').expect(400);
    expect(wrong.body.details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 1, column: '名称' }), expect.objectContaining({ row: 1, column: '行政处罚决定书文号' })]));
    await http().post('/decisions/import?kind=penalty').set('Authorization', `Bearer ${officer}`).expect(400);
    await http().post('/notices/not-a-uuid/publish').set('Authorization', `Bearer ${officer}`).expect(400);
  });

  it('never emitted a payload with a valid ID number, a mobile number or a bank card', async () => {
    const all = await probe.read(eventStreamName(prefix), `${prefix}.events.publication.>`);
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.filter((m) => containsPersonalData(m.body, { publicCodes: [COMPANY, BUREAU] })).map((m) => m.body)).toEqual([]);
  });
});
