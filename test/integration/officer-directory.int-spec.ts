import 'reflect-metadata';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { buildBadgeClaims, developmentBadgeKeys, signBadge } from '#auth';
import { DrawCompleted, eventSubject, type DrawCompletedPayload, type EventEnvelope } from '#contracts';
import { containsPersonalData } from '#domain';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { creditCode } from '../browser/portal-fixtures.js';
import { PlanningAndInspection } from '../support/planning-and-inspection.js';
import { startTestApp } from '../support/start-test-app.js';
import { DAY_MS, HOUR_MS, TEST_NOW, fromTestNow } from '../support/test-clock.js';
import { eventually, tokenFor } from '../support/test-env.js';

/**
 * 行政执法公示 and 亮证 end to end: planning's directory reaches the portal's officer pages by
 * events; inspection issues a signed QR code for a signed-in inspector (optionally for one of their
 * visits); the portal verifies it and answers with a verdict, the current record winning.
 */
const DEPT = '水政监察大队';
const OTHER = '水资源管理科';
const PHONE = '13912345678';

interface Officer {
  id: string;
  certificateNo: string;
  name: string;
  department: string;
  certifiedCategories: string[];
  validFrom: string | null;
  validUntil: string | null;
  standing: string;
  standingLabel: string;
  url: string;
}

describe('officer directory and 亮证 (real PostgreSQL and JetStream)', () => {
  let s: PlanningAndInspection;
  let portalDb: TestDatabase;
  let portal: RunningApp;
  const ids: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = { a: '', b: '', c: '', d: '', e: '' };
  let visitId: string;
  let personVisitId: string;

  const admin = () => tokenFor(['admin'], undefined, 'admin-1');
  const planningPost = async (body: object) => request(s.planning.url).post('/inspectors').set('Authorization', `Bearer ${await admin()}`).send(body);
  const planningPatch = async (id: string, body: object) => request(s.planning.url).patch(`/inspectors/${id}`).set('Authorization', `Bearer ${await admin()}`).send(body);
  const badgeFor = async (sub: string, query = '', roles: ('inspector' | 'officer')[] = ['inspector']) =>
    request(s.inspection!.url).get(`/me/badge${query}`).set('Authorization', `Bearer ${await tokenFor(roles, DEPT, sub)}`);
  const get = (path: string) => fetch(portal.url + path);
  const json = async <T>(path: string): Promise<T> => {
    const res = await get(path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return (await res.json()) as T;
  };
  const badgePage = async (token: string) => {
    const res = await get(`/badge?t=${encodeURIComponent(token)}`);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  beforeAll(async () => {
    s = await PlanningAndInspection.start('officerdir');
    portalDb = await createTestDatabase('officerdirportal');
    // The polls below ask the same endpoint many times a minute: lift the per-client rate limit.
    portal = await startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { outboxPollMs: 50, rateLimit: { limit: 100_000, ttlMs: 60_000 } }), portalDb.url, s.prefix);
  });

  afterAll(async () => {
    await portal?.close();
    await s?.close();
    await portalDb?.drop();
  });

  it('publishes what planning enters (name, 执法证号, categories, validity) by event, and nothing else of the directory', async () => {
    const conflictCode = creditCode(42);
    const made = [
      // A: valid; internal details that must never reach the portal (leave note, conflict note, region).
      await planningPost({
        certificateNo: 'ZF-3301-0001', name: '王建国', department: DEPT, regionCode: '330106', certifiedCategories: ['水政', '河道采砂'],
        certificateValidFrom: '2024-01-01', certificateValidUntil: '2028-12-31',
        leavePeriods: [{ from: '2026-12-01', to: '2026-12-05', note: `病假，联系电话${PHONE}` }],
        conflicts: [{ creditCode: conflictCode, relation: '近亲属任职', note: `配偶在该单位任职，电话${PHONE}` }],
      }),
      // B: the certificate expired yesterday (Asia/Shanghai date of the injected clock).
      await planningPost({ certificateNo: 'ZF-3301-0002', name: '李志强', department: DEPT, certifiedCategories: ['水政'], certificateValidFrom: '2021-11-20', certificateValidUntil: '2026-11-19' }),
      // C: no validity recorded (entries made before it was kept).
      await planningPost({ certificateNo: 'ZF-3301-0003', name: '张海燕', department: DEPT, certifiedCategories: ['水文'] }),
      await planningPost({ certificateNo: 'ZF-3302-0001', name: '刘晓东', department: OTHER, certifiedCategories: ['水资源'], certificateValidUntil: '2027-06-30' }),
      // E: left enforcement (certificate 注销): not listed, but the card still answers.
      await planningPost({ certificateNo: 'ZF-3301-0009', name: '陈丽华', department: DEPT, certifiedCategories: ['水政'], status: 'retired', certificateValidUntil: '2029-01-01' }),
    ];
    for (const r of made) expect({ status: r.status, body: r.body as unknown }).toMatchObject({ status: 201 });
    [ids.a, ids.b, ids.c, ids.d, ids.e] = made.map((r) => (r.body as { id: string }).id);
    expect(made[0].body).toMatchObject({ certificateValidFrom: '2024-01-01', certificateValidUntil: '2028-12-31' });

    // Bad validity: 400 naming the field, nothing written.
    const bad = await planningPost({ certificateNo: 'ZF-3301-0099', name: '赵六', department: DEPT, certifiedCategories: ['水政'], certificateValidFrom: '2027-01-01', certificateValidUntil: '2026-01-01' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('certificate');
    expect((await planningPost({ certificateNo: 'ZF-3301-0098', name: '赵六', department: DEPT, certifiedCategories: ['水政'], certificateValidUntil: '2026-02-30' })).status).toBe(400);

    const page = await eventually(async () => {
      const p = await json<{ items: Officer[] }>('/api/v1/officers');
      return p.items.length === 4 ? p : undefined;
    }, 30_000, 'officers listed on the portal');
    const byNo = Object.fromEntries(page.items.map((o) => [o.certificateNo, o]));
    expect(byNo['ZF-3301-0001']).toEqual({
      id: ids.a, certificateNo: 'ZF-3301-0001', name: '王建国', department: DEPT, certifiedCategories: ['水政', '河道采砂'],
      validFrom: '2024-01-01', validUntil: '2028-12-31', standing: 'valid', standingLabel: '有效', url: `/officers/${ids.a}`,
    });
    expect(byNo['ZF-3301-0002']).toMatchObject({ standing: 'expired', standingLabel: '已过期' });
    expect(byNo['ZF-3301-0003']).toMatchObject({ standing: 'valid', validFrom: null, validUntil: null });
    expect(byNo['ZF-3301-0009']).toBeUndefined();
    // Listed by department (each together), then 执法证号.
    const departments = page.items.map((o) => o.department);
    expect(departments.filter((d, i) => d !== departments[i - 1])).toHaveLength(2);
    const ours = page.items.filter((o) => o.department === DEPT).map((o) => o.certificateNo);
    expect(ours).toEqual(['ZF-3301-0001', 'ZF-3301-0002', 'ZF-3301-0003']);
    expect(await json<Officer>(`/api/v1/officers/${ids.e}`)).toMatchObject({ standing: 'revoked', standingLabel: '已注销' });
  });

  it('filters by department and pages with a stable cursor', async () => {
    expect((await json<{ items: Officer[] }>(`/api/v1/officers?department=${encodeURIComponent(OTHER)}`)).items.map((o) => o.name)).toEqual(['刘晓东']);
    const first = await json<{ items: Officer[]; links: { next?: string } }>('/api/v1/officers?limit=3');
    expect(first.items).toHaveLength(3);
    const second = await json<{ items: Officer[]; links: { next?: string } }>(first.links.next!);
    expect(second.items).toHaveLength(1);
    expect(second.links.next).toBeUndefined();
    expect(new Set([...first.items, ...second.items].map((o) => o.id)).size).toBe(4);
    // A tampered cursor or a bad limit is a 400, never a 500.
    expect((await get('/api/v1/officers?after=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect((await get('/officers?after=%00%00')).status).toBe(400);
    expect((await get('/api/v1/officers?limit=0')).status).toBe(400);
    expect((await get('/api/v1/officers/no-such-officer')).status).toBe(404);
    expect((await get('/officers/no-such-officer')).status).toBe(404);
  });

  it('renders the listing and the card as accessible zh-CN pages', async () => {
    const res = await get(`/officers?department=${encodeURIComponent(DEPT)}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('<html lang="zh-CN">');
    expect(text).toContain('<label for="department">执法部门</label>');
    expect(text).toMatch(/<h1>水政监察大队执法人员<\/h1>/);
    for (const t of ['王建国', 'ZF-3301-0001', '水政、河道采砂', '2024-01-01 至 2028-12-31', '已过期', '未登记']) expect(text).toContain(t);
    expect(text).not.toContain('刘晓东');
    expect(text).not.toContain('陈丽华');
    const card = await (await get(`/officers/${ids.a}`)).text();
    expect(card).toContain('<h1>执法人员：王建国</h1>');
    expect(card).toContain('<dt>证件状态</dt>');
  });

  let validToken: string;

  it('issues a signed, expiring 亮证 code with a QR code to an active inspector', async () => {
    const res = await eventually(async () => {
      const r = await badgeFor(ids.a);
      return r.status === 200 ? r : undefined;
    }, 30_000, 'the inspector in inspection’s directory');
    const body = res.body as { token: string; url: string; expiresAt: string; qrSvg: string; officer: unknown; assignment?: unknown };
    expect(res.headers['cache-control']).toBe('no-store');
    // No PORTAL_PUBLIC_URL given to inspection here: the development default.
    expect(body.url).toBe(`http://localhost:3000/badge?t=${body.token}`);
    expect(body.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(body.officer).toEqual({ id: ids.a, certificateNo: 'ZF-3301-0001', name: '王建国' });
    expect(body.assignment).toBeUndefined();
    // 15 minutes from the inspection app's clock (which started at TEST_NOW and runs on).
    const lifetime = Date.parse(body.expiresAt) - Date.parse(TEST_NOW);
    expect(lifetime).toBeGreaterThanOrEqual(15 * 60_000);
    expect(lifetime).toBeLessThan(15 * 60_000 + 5 * 60_000);
    validToken = body.token;

    // Only inspectors; only valid inputs.
    expect((await badgeFor(ids.a, '', ['officer'])).status).toBe(403);
    expect((await badgeFor(ids.a, '?assignmentId=not-a-uuid')).status).toBe(400);
    expect((await badgeFor(ids.a, `?assignmentId=${randomUUID()}`)).status).toBe(404);
    expect((await badgeFor('someone-not-in-the-directory')).status).toBe(404);
  });

  it('names the visit for one of the caller’s assignments, never a natural person’s name', async () => {
    const member = (id: string, name: string, no: string) => ({ inspectorId: id, name, department: DEPT, certificateNo: no });
    const team = [member(ids.a, '王建国', 'ZF-3301-0001'), member(ids.b, '李志强', 'ZF-3301-0002')];
    const drawId = randomUUID();
    const envelope: EventEnvelope<DrawCompletedPayload> = {
      id: randomUUID(), type: DrawCompleted.type, version: DrawCompleted.version, occurredAt: TEST_NOW, source: 'planning',
      payload: {
        drawId, taskId: `task-${drawId.slice(0, 8)}`, taskName: '2026年第四批河道采砂双随机抽查', taskNumber: '水政〔2026〕12号', department: DEPT, departments: [DEPT],
        items: [{ code: 'SL-ZD-02', name: '对河道采砂的行政检查', version: 1 }, { code: 'SL-YB-05', name: '对取水许可的行政检查', version: 2 }],
        dueDate: '2026-12-31', executedAt: fromTestNow(-DAY_MS).toISOString(), batchIndex: 0, batchCount: 1, totalAssignments: 2,
        assignments: [
          { targetId: 'target-1', targetName: '东江砂石有限公司', targetCode: creditCode(7), targetKind: 'organisation', region: '东江镇', stratum: 'B', inspectors: team },
          { targetId: 'target-2', targetName: '张三洗涤服务部', targetCode: creditCode(8), targetKind: 'individual_business', region: '东江镇', stratum: 'B', inspectors: team },
        ],
      } as DrawCompletedPayload,
    };
    await s.probe.publish(eventSubject(s.prefix, DrawCompleted.type), envelope, envelope.id);
    const ds = s.inspection!.app.get(DataSource);
    const rows = await eventually(async () => {
      const r = (await ds.query(`SELECT id, target_id FROM inspection.assignment WHERE draw_id = $1 ORDER BY target_id`, [drawId])) as { id: string; target_id: string }[];
      return r.length === 2 ? r : undefined;
    }, 30_000, 'the draw’s assignments');
    [visitId, personVisitId] = rows.map((r) => r.id);

    const res = await badgeFor(ids.a, `?assignmentId=${visitId}`);
    expect(res.status).toBe(200);
    expect(res.body.assignment).toEqual({
      id: visitId, task: '2026年第四批河道采砂双随机抽查', items: ['对河道采砂的行政检查', '对取水许可的行政检查'], target: '东江砂石有限公司',
      from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), to: '2026-12-31',
    });
    const person = await badgeFor(ids.a, `?assignmentId=${personVisitId}`);
    expect(person.body.assignment.target).toBe('个体工商户（名称不公开）');
    const payload = Buffer.from((person.body.token as string).split('.')[1], 'base64url').toString('utf8');
    expect(payload).not.toContain('张三');
    // Not on the team: 403.
    expect((await badgeFor(ids.c, `?assignmentId=${visitId}`)).status).toBe(403);

    const page = await badgePage(res.body.token as string);
    expect(page.status).toBe(200);
    for (const t of ['真实有效的执法检查', '王建国', 'ZF-3301-0001', '2026年第四批河道采砂双随机抽查', '对河道采砂的行政检查', '东江砂石有限公司', '至 2026-12-31', '<meta name="viewport" content="width=device-width, initial-scale=1">']) {
      expect(page.text).toContain(t);
    }
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toBe('noindex');
    const personPage = await badgePage(person.body.token as string);
    expect(personPage.text).toContain('个体工商户（名称不公开）');
    expect(personPage.text).not.toContain('张三');
  });

  it('shows a valid token as such on the page and in the API', async () => {
    const page = await badgePage(validToken);
    expect(page.status).toBe(200);
    expect(page.text).toContain('执法证件真实有效');
    expect(page.text).toContain('王建国');
    const api = await json<{ verdict: string; verdictLabel: string; officer: Officer; expiresAt: string }>(`/api/v1/badge?t=${validToken}`);
    expect(api).toMatchObject({ verdict: 'genuine_officer', verdictLabel: '执法证件真实有效', officer: { id: ids.a, standing: 'valid' } });
  });

  it('says the QR code expired for a genuine but stale token', async () => {
    const { privateKey } = developmentBadgeKeys();
    const { token } = await signBadge(buildBadgeClaims({ id: ids.a, certificateNo: 'ZF-3301-0001' }), privateKey, fromTestNow(-HOUR_MS), 900);
    const page = await badgePage(token);
    expect(page.status).toBe(200);
    expect(page.text).toContain('二维码已过期');
    expect(page.text).toContain('王建国');
    expect((await json<{ verdict: string }>(`/api/v1/badge?t=${token}`)).verdict).toBe('qr_expired');
  });

  it('says forged, without showing anything of it, for another key, a tampered payload and garbage', async () => {
    const other = generateKeyPairSync('ed25519');
    const { token: foreign } = await signBadge(buildBadgeClaims({ id: ids.a, certificateNo: 'ZF-3301-0001' }), other.privateKey, fromTestNow(0), 900);
    const [h, p, sig] = validToken.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: ids.c, cno: 'ZF-3301-0003' })).toString('base64url')}.${sig}`;
    for (const token of [foreign, tampered, 'garbage', `${validToken}x`, '<script>alert(1)</script>']) {
      const page = await badgePage(token);
      expect({ token, status: page.status }).toEqual({ token, status: 200 });
      expect(page.text).toContain('无法验证（伪造或被篡改）');
      expect(page.text).not.toContain('王建国');
      expect(page.text).not.toContain('张海燕');
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).not.toMatch(/at .*\.(ts|js):\d+/);
      const api = await get(`/api/v1/badge?t=${encodeURIComponent(token)}`);
      expect(api.status).toBe(200);
      expect(await api.json()).toEqual({ verdict: 'unverifiable', verdictLabel: '无法验证（伪造或被篡改）', explanation: expect.any(String) });
    }
    // Without a token: 400 (page and API), never a 5xx.
    expect((await get('/badge')).status).toBe(400);
    expect((await get('/api/v1/badge')).status).toBe(400);
    expect((await get('/badge?t=a&t=b')).status).toBe(200);
  });

  it('shows an expired certificate as invalid even with a fresh code', async () => {
    const res = await eventually(async () => {
      const r = await badgeFor(ids.b);
      return r.status === 200 ? r : undefined;
    }, 10_000, 'badge for B');
    const page = await badgePage(res.body.token as string);
    expect(page.text).toContain('执法证已失效');
    expect(page.text).toContain('已过期');
  });

  it('shows a suspended certificate as invalid once planning says so, and inspection stops issuing codes', async () => {
    expect((await planningPatch(ids.a, { status: 'suspended' })).status).toBe(200);
    await eventually(async () => (await json<Officer>(`/api/v1/officers/${ids.a}`)).standing === 'suspended', 30_000, 'suspension on the portal');
    const page = await badgePage(validToken);
    expect(page.text).toContain('执法证已失效');
    expect(page.text).toContain('暂停执法');
    expect((await json<{ verdict: string }>(`/api/v1/badge?t=${validToken}`)).verdict).toBe('certificate_invalid');
    await eventually(async () => (await badgeFor(ids.a)).status === 403, 30_000, 'inspection refuses a suspended inspector');
    // The listing keeps a suspended officer, with the status in words.
    expect(await (await get('/officers')).text()).toContain('暂停执法');
  });

  it('takes the validity from a CSV import (Chinese headers) and publishes it', async () => {
    const officer = `Bearer ${await tokenFor(['officer'], OTHER, 'officer-2')}`;
    const upload = (csv: string) => request(s.planning.url).post('/imports/inspectors?wait=true').set('Authorization', officer).set('Content-Type', 'text/csv').send(csv);
    const bad = await upload(['执法证号,姓名,执法类别,执法证有效期起,执法证有效期至', 'ZF-3302-0101,孙立新,水资源,2025-01-01,2024-12-31', 'ZF-3302-0102,周春梅,水资源,2025-01-01,2029-02-30'].join('\n'));
    expect(bad.status).toBe(422);
    expect(bad.body.details.errors).toEqual([expect.objectContaining({ row: 2, column: 'certificate_valid_until' }), expect.objectContaining({ row: 3, column: 'certificate_valid_until' })]);
    const good = await upload(['执法证号,姓名,执法类别,有效期起,有效期至', 'ZF-3302-0101,孙立新,水资源,2025-01-01,2029-12-31', 'ZF-3302-0102,周春梅,水资源,,'].join('\n'));
    expect(good.status).toBe(201);
    const listed = await eventually(async () => {
      const p = await json<{ items: Officer[] }>(`/api/v1/officers?department=${encodeURIComponent(OTHER)}`);
      return p.items.length === 3 ? p.items : undefined;
    }, 30_000, 'imported officers on the portal');
    expect(listed.find((o) => o.certificateNo === 'ZF-3302-0101')).toMatchObject({ validFrom: '2025-01-01', validUntil: '2029-12-31', standingLabel: '有效' });
    expect(listed.find((o) => o.certificateNo === 'ZF-3302-0102')).toMatchObject({ validFrom: null, validUntil: null });
  });

  it('never shows personal data beyond the rule on any of the new public surfaces', async () => {
    const paths = [
      '/officers', `/officers?department=${encodeURIComponent(DEPT)}`, '/api/v1/officers', ...Object.values(ids).flatMap((id) => [`/officers/${id}`, `/api/v1/officers/${id}`]),
      `/badge?t=${validToken}`, `/api/v1/badge?t=${validToken}`, '/badge?t=garbage',
    ];
    for (const path of paths) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const text = await res.text();
      expect({ path, leaks: containsPersonalData(text) }).toEqual({ path, leaks: false });
      // Nothing of the directory beyond the rule: no leave, conflicts, region, contact data.
      for (const secret of [PHONE, '病假', '配偶', '近亲属', '330106', 'leave', 'conflict', 'regionCode']) expect({ path, secret, found: text.includes(secret) }).toEqual({ path, secret, found: false });
    }
  });
});
