import 'reflect-metadata';
import request from 'supertest';
import type { RunningApp } from '#platform';
import { PublicationScheduler } from '../../apps/publication/src/scheduler/publication.scheduler.js';
import { tokenFor } from '../support/test-env.js';
import { DAY_MS, HOUR_MS, fromTestNow } from '../support/test-clock.js';
import { BUREAU, COMPANY, DEPT, startPublication, type PublicationHarness } from './publication.harness.js';

describe('publication: legal review of major decisions (法制审核, issue 12)', () => {
  let h: PublicationHarness;
  let app: RunningApp;
  let officer: string;
  let otherOfficer: string;
  let reviewer: string;
  let officerReviewer: string;
  let foreignReviewer: string;
  let admin: string;
  const http = () => request(app.app.getHttpServer());
  let seq = 0;

  const penalty = (overrides: Record<string, unknown> = {}) => ({
    partyName: '临安某某建材有限公司',
    partyKind: '法人及非法人组织',
    partyCreditCode: COMPANY,
    legalRepresentative: '王五',
    documentNumber: `区水罚〔2026〕审${++seq}号`,
    violationType: '未经批准擅自取水',
    violationFacts: '当事人未取得取水许可，自2026年3月起从天目溪擅自取水。',
    legalBasis: '《中华人民共和国水法》第六十九条',
    penaltyTypes: ['罚款'],
    penaltyContent: '罚款人民币拾贰万元',
    fineAmount: '12',
    decisionDate: '2026-11-20',
    authority: '区水利水电局',
    authorityCreditCode: BUREAU,
    procedure: '普通程序',
    ...overrides,
  });
  const record = async (body: Record<string, unknown>, token = officer) =>
    (await http().post('/decisions/penalties').set('Authorization', `Bearer ${token}`).send(body).expect(201)).body as {
      id: string;
      notice: { id: string; state: string; review: { state: string; majorReasons: string[]; reason: string | null } | null };
    };
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    h = await startPublication('pubreview');
    ({ app } = h);
    officer = await tokenFor(['officer'], DEPT, 'officer-zhang');
    otherOfficer = await tokenFor(['officer'], DEPT, 'officer-li');
    reviewer = await tokenFor(['legal_reviewer'], DEPT, 'reviewer-wang');
    officerReviewer = await tokenFor(['officer', 'legal_reviewer'], DEPT, 'officer-zhang');
    foreignReviewer = await tokenFor(['legal_reviewer'], 'other-unit', 'reviewer-zhao');
    admin = await tokenFor(['admin'], undefined, 'admin-1');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('publishes a non-major penalty as before, with no review', async () => {
    const d = await record(penalty({ fineAmount: '2', penaltyContent: '罚款人民币贰万元' }));
    expect(d.notice.review).toBeNull();
    const published = await http().post(`/notices/${d.notice.id}/publish`).set(as(officer)).expect(200);
    expect(published.body).toMatchObject({ state: 'published', onTime: true, review: null });
    await http().post(`/decisions/${d.id}/review/approve`).set(as(reviewer)).expect(409);
  });

  it('refuses to publish a major penalty before approval (publish now, publish, schedule) with a clear message', async () => {
    const now = await http().post('/decisions/penalties').set(as(officer)).send(penalty({ publish: 'now' })).expect(409);
    expect(now.body.message).toMatch(/legal review \(法制审核\)/);

    const d = await record(penalty());
    expect(d.notice.review).toMatchObject({ state: 'pending', majorReasons: ['罚款 12 万元 ≥ 10 万元（法人及非法人组织）'] });
    const res = await http().post(`/notices/${d.notice.id}/publish`).set(as(officer)).expect(409);
    expect(res.body.message).toMatch(/cannot be published before legal review \(法制审核\)/);
    await http().post(`/notices/${d.notice.id}/schedule`).set(as(officer)).send({ publishAt: fromTestNow(DAY_MS).toISOString() }).expect(409);
    const notice = await http().get(`/notices/${d.notice.id}`).set(as(officer)).expect(200);
    expect(notice.body).toMatchObject({ state: 'draft', publishedAt: null, review: { state: 'pending' } });

    // Every rule: licence revocation, stop-production order, a natural person's 1万元, the officer's mark.
    for (const over of [
      { penaltyTypes: ['吊销许可证件'], fineAmount: undefined, penaltyContent: '吊销取水许可证' },
      { penaltyTypes: ['责令停产停业'], fineAmount: undefined, penaltyContent: '责令停产停业' },
      { partyName: '张三', partyKind: '自然人', partyCreditCode: undefined, legalRepresentative: undefined, fineAmount: '1', penaltyContent: '罚款人民币壹万元' },
      { fineAmount: '2', penaltyContent: '罚款人民币贰万元', major: true },
    ]) {
      expect((await record(penalty(over))).notice.review?.state).toBe('pending');
    }
  });

  it('lets another legal reviewer approve; then it publishes, and a late review shows as late', async () => {
    // Decided on 2026-11-02: due 7 working days later, before TEST_NOW.
    const d = await record(penalty({ decisionDate: '2026-11-02' }));
    const pending = await http().get('/reviews?state=pending').set(as(reviewer)).expect(200);
    expect(pending.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ decisionId: d.id, noticeId: d.notice.id, recordedBy: 'officer-zhang', review: expect.objectContaining({ state: 'pending' }) })]));
    expect((await http().get('/reviews?state=pending').set(as(foreignReviewer)).expect(200)).body.total).toBe(0);
    expect((await http().get('/reviews').set(as(admin)).expect(200)).body.total).toBeGreaterThan(0);
    await http().get('/reviews').set(as(officer)).expect(403);

    const approved = await http().post(`/decisions/${d.id}/review/approve`).set(as(reviewer)).expect(200);
    expect(approved.body).toMatchObject({ state: 'approved', reviewedBy: 'reviewer-wang', reason: null });
    await http().post(`/decisions/${d.id}/review/approve`).set(as(reviewer)).expect(409);
    const published = await http().post(`/notices/${d.notice.id}/publish`).set(as(otherOfficer)).expect(200);
    expect(published.body).toMatchObject({ state: 'published', onTime: false, review: { state: 'approved' } });
  });

  it('lets the scheduler publish an approved major decision once it is due', async () => {
    const d = await record(penalty());
    await http().post(`/decisions/${d.id}/review/approve`).set(as(reviewer)).expect(200);
    await http().post(`/notices/${d.notice.id}/schedule`).set(as(officer)).send({ publishAt: fromTestNow(HOUR_MS).toISOString() }).expect(200);
    await app.app.get(PublicationScheduler).runOnce(fromTestNow(2 * HOUR_MS));
    expect((await http().get(`/notices/${d.notice.id}`).set(as(officer)).expect(200)).body).toMatchObject({ state: 'published', onTime: true });
  });

  it('returns a rejected decision to the officer with the reason; corrected, it is pending again', async () => {
    const d = await record(penalty());
    await http().post(`/decisions/${d.id}/review/reject`).set(as(reviewer)).send({}).expect(400);
    const rejected = await http().post(`/decisions/${d.id}/review/reject`).set(as(reviewer)).send({ reason: '处罚依据应为第六十九条第一项，请更正' }).expect(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', reason: '处罚依据应为第六十九条第一项，请更正', reviewedBy: 'reviewer-wang' });
    const view = await http().get(`/decisions/${d.id}`).set(as(officer)).expect(200);
    expect(view.body.notice.review).toMatchObject({ state: 'rejected', reason: '处罚依据应为第六十九条第一项，请更正' });
    const refused = await http().post(`/notices/${d.notice.id}/publish`).set(as(officer)).expect(409);
    expect(refused.body.message).toMatch(/rejected it \(处罚依据应为第六十九条第一项，请更正\)/);
    await http().post(`/decisions/${d.id}/review/approve`).set(as(reviewer)).expect(409);

    const body = { ...penalty({ documentNumber: (await http().get(`/decisions/${d.id}`).set(as(officer))).body.documentNumber }), legalBasis: '《中华人民共和国水法》第六十九条第一项', correctionReason: '按法制审核意见更正处罚依据' };
    const corrected = await http().put(`/decisions/penalties/${d.id}`).set(as(officer)).send(body).expect(200);
    expect(corrected.body.notice.review).toMatchObject({ state: 'pending' });
    await http().post(`/decisions/${d.id}/review/approve`).set(as(reviewer)).expect(200);
    await http().post(`/notices/${d.notice.id}/publish`).set(as(officer)).expect(200);
  });

  it('refuses the recording officer, a non-reviewer and a reviewer of another department (403)', async () => {
    const d = await record(penalty());
    const own = await http().post(`/decisions/${d.id}/review/approve`).set(as(officerReviewer)).expect(403);
    expect(own.body.message).toMatch(/recorded/);
    await http().post(`/decisions/${d.id}/review/reject`).set(as(officerReviewer)).send({ reason: '自己审核自己' }).expect(403);
    await http().post(`/decisions/${d.id}/review/approve`).set(as(otherOfficer)).expect(403);
    await http().post(`/decisions/${d.id}/review/approve`).set(as(admin)).expect(403);
    await http().post(`/decisions/${d.id}/review/approve`).set(as(foreignReviewer)).expect(403);
    await http().post(`/decisions/${d.id}/review/approve`).expect(401);
    expect((await http().get(`/decisions/${d.id}`).set(as(officer)).expect(200)).body.notice.review.state).toBe('pending');
  });
});
