import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { deadLetterStreamName, eventStreamName, eventSubject, type DrawCompletedPayload, type EventEnvelope } from '#contracts';
import { checkExclusionOpening, verifyDrawBundle, type DrawBundleV2 } from '#domain';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { verifyDrawCli } from '../../scripts/verify-draw.js';
import { uscc } from '../support/codes.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { eventually, testPrefix, tokenFor } from '../support/test-env.js';

const WATER = '水资源管理科';
const ENFORCEMENT = '水政监察大队';
const GOOD = uscc('91330106MA2CFEXY0');
const GOOD2 = uscc('91330106MA2CFEXY1');
const BAD = GOOD.slice(0, 17) + (GOOD[17] === 'A' ? 'B' : 'A');
// 18 digits standing alone, not inside a hex hash or salt (random hex holds 18-digit runs by chance).
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/;

describe('planning: directories, item list and verifiable draws (real PostgreSQL and JetStream)', () => {
  let db: TestDatabase;
  let prefix: string;
  let probe: NatsProbe;
  let app: RunningApp;
  let http: ReturnType<typeof request>;
  const auth: Record<string, string> = {};
  const bearer = (who: string) => ({ Authorization: `Bearer ${auth[who]}` });
  const count = async (sql: string, params: unknown[] = []) => ((await app.app.get(DataSource).query(sql, params)) as { n: number }[])[0].n;

  beforeAll(async () => {
    db = await createTestDatabase('planning');
    prefix = testPrefix('planning');
    probe = await NatsProbe.connect();
    app = await startTestApp('planning', (c, b) => PlanningAppModule.forRoot(c, b, { outboxPollMs: 50 }), db.url, prefix);
    http = request(app.url);
    auth.officer = await tokenFor(['officer'], WATER, 'officer-water');
    auth.otherOfficer = await tokenFor(['officer'], '河湖管理科', 'officer-rivers');
    auth.auditor = await tokenFor(['auditor'], undefined, 'auditor-1');
    auth.inspector = await tokenFor(['inspector'], WATER, 'inspector-1');
    auth.admin = await tokenFor(['admin'], undefined, 'admin-1');
    auth.enforcementOfficer = await tokenFor(['officer'], ENFORCEMENT, 'officer-enforcement');
    const loaded = await http.post('/demo/load').set(bearer('admin')).expect(200);
    expect(loaded.body).toMatchObject({ items: 13, inspectors: 25, targets: 300, alreadyLoaded: false });
  });

  afterAll(async () => {
    await app?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await db?.drop();
  });

  describe('access', () => {
    it('answers 401 without a token and 403 to inspectors, officers of other departments and auditors writing', async () => {
      await http.get('/targets').expect(401);
      await http.get('/targets').set(bearer('inspector')).expect(403);
      await http.get(`/targets?department=${encodeURIComponent(WATER)}`).set(bearer('otherOfficer')).expect(403);
      await http.get('/targets?limit=5').set(bearer('auditor')).expect(200);
      const body = { kind: 'site', category: '取水单位', name: '审计员不能写', creditClass: 'B' };
      await http.post('/targets').set(bearer('auditor')).send(body).expect(403);
      await http.post('/targets').set(bearer('otherOfficer')).send({ ...body, department: WATER }).expect(403);
      await http.post('/demo/load').set(bearer('officer')).expect(403);
    });

    it('loads the demo only once', async () => {
      const again = await http.post('/demo/load').set(bearer('admin')).expect(200);
      expect(again.body.alreadyLoaded).toBe(true);
      expect(await count(`SELECT count(*)::int AS n FROM planning.target`)).toBe(300);
    });
  });

  describe('target and inspector directories', () => {
    it('refuses a wrong credit-code check character and an unknown credit class, naming them', async () => {
      const wrong = await http.post('/targets').set(bearer('officer')).send({ kind: 'organisation', category: '取水单位', name: '错码公司', creditCode: BAD, creditClass: 'B' }).expect(400);
      expect(wrong.body.message).toContain(`wrong check character: GB 32100 gives '${GOOD[17]}'`);
      const klass = await http.post('/targets').set(bearer('officer')).send({ kind: 'site', category: '取水口', name: '一号取水口', creditClass: 'E' }).expect(400);
      expect(klass.body.message).toContain("unknown credit class 'E'");
      const ok = await http.post('/targets').set(bearer('officer')).send({ kind: 'organisation', category: '取水单位', name: '对码公司', creditCode: GOOD, creditClass: 'B' }).expect(201);
      expect(ok.body).toMatchObject({ department: WATER, departments: [WATER], creditCode: GOOD });
      const dup = await http.post('/targets').set(bearer('officer')).send({ kind: 'organisation', category: '取水单位', name: '重复', creditCode: GOOD, creditClass: 'A' }).expect(409);
      expect(dup.body.message).toContain(ok.body.id); // the caller's own department's entry is named
      // Another department learns that the code is taken, not which record holds it.
      const foreign = await http.post('/targets').set(bearer('otherOfficer')).send({ kind: 'organisation', category: '取水单位', name: '重复', creditCode: GOOD, creditClass: 'A' }).expect(409);
      expect(foreign.body.message).not.toContain(ok.body.id);
      expect(foreign.body.message).toContain('another department');
    });

    it("refuses to file a target into another department's pool, unless an admin does", async () => {
      const body = { kind: 'site', category: '取水口', name: '别家的取水口', creditClass: 'B' };
      await http.post('/targets').set(bearer('otherOfficer')).send({ ...body, departments: [ENFORCEMENT] }).expect(403);
      await http.post('/targets').set(bearer('otherOfficer')).send({ ...body, departments: ['河湖管理科', ENFORCEMENT] }).expect(403);
      expect(await count(`SELECT count(*)::int AS n FROM planning.target WHERE name = $1`, [body.name])).toBe(0);
      const own = await http.post('/targets').set(bearer('otherOfficer')).send(body).expect(201);
      await http.patch(`/targets/${own.body.id}`).set(bearer('otherOfficer')).send({ departments: ['河湖管理科', ENFORCEMENT] }).expect(403);
      const byAdmin = await http.post('/targets').set(bearer('admin')).send({ ...body, name: '联合监管的取水口', department: '河湖管理科', departments: ['河湖管理科', ENFORCEMENT] }).expect(201);
      expect(byAdmin.body.departments).toEqual(['河湖管理科', ENFORCEMENT]);
    });

    it('rejects a CSV with bad rows as a whole and reports each row and column', async () => {
      const csv = [
        '名称,类型,对象类别,统一社会信用代码,信用风险等级',
        `好公司,organisation,取水单位,${GOOD2},B`,
        `坏码公司,organisation,取水单位,${BAD},B`,
        '一号取水口,site,取水口,,E',
        ',project,在建水利工程项目,,A',
      ].join('\n');
      const res = await http.post(`/imports/targets?wait=true`).set(bearer('officer')).set('Content-Type', 'text/csv').send(csv).expect(422);
      expect(res.body.message).toContain('nothing written');
      const errors = res.body.details.errors as { row: number; column: string; message: string }[];
      expect(errors).toEqual(expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'credit_code' }),
        expect.objectContaining({ row: 4, column: 'credit_class' }),
        expect.objectContaining({ row: 5, column: 'name' }),
      ]));
      expect(errors.some((e) => e.row === 2)).toBe(false);
      expect(await count(`SELECT count(*)::int AS n FROM planning.target WHERE name = '好公司'`)).toBe(0);
      const job = await http.get(`/imports/${res.body.details.importId}`).set(bearer('officer')).expect(200);
      expect(job.body).toMatchObject({ status: 'failed', errorCount: 3, insertedRows: 0 });
    });

    it('keeps a registered address and coordinates (地址, 经度, 纬度) from the import and the API: both coordinates or neither, within range', async () => {
      const code = uscc('91330106MA2ADDR00');
      const bad = ['名称,类型,对象类别,统一社会信用代码,信用风险等级,地址,经度,纬度', `有址取水,organisation,取水单位,${code},B,某某市某某路1号,120.1551,30.2741`, '半个坐标,site,取水口,,B,,120.1,', '越界,site,取水口,,B,,200,30'].join('\n');
      const refused = await http.post('/imports/targets?wait=true').set(bearer('officer')).set('Content-Type', 'text/csv').send(bad).expect(422);
      expect(refused.body.details.errors).toEqual([
        expect.objectContaining({ row: 3, column: 'latitude', message: 'give both latitude (纬度) and longitude (经度), or neither' }),
        expect.objectContaining({ row: 4, column: 'longitude' }),
      ]);
      const ok = await http.post('/imports/targets?wait=true').set(bearer('officer')).set('Content-Type', 'text/csv').send(bad.split('\n').slice(0, 2).join('\n')).expect(201);
      const [row] = (await app.app.get(DataSource).query(`SELECT id, address, latitude, longitude FROM planning.target WHERE import_id = $1`, [ok.body.id])) as { id: string }[];
      expect(row).toMatchObject({ address: '某某市某某路1号', latitude: 30.2741, longitude: 120.1551 });
      expect((await http.get(`/targets/${row.id}`).set(bearer('officer')).expect(200)).body).toMatchObject({ address: '某某市某某路1号', latitude: 30.2741, longitude: 120.1551 });
      const one = await http.patch(`/targets/${row.id}`).set(bearer('officer')).send({ latitude: null }).expect(400);
      expect(one.body.message).toContain('give both latitude (纬度) and longitude (经度), or neither');
      await http.patch(`/targets/${row.id}`).set(bearer('officer')).send({ latitude: 91, longitude: 120 }).expect(400);
      const cleared = await http.patch(`/targets/${row.id}`).set(bearer('officer')).send({ latitude: null, longitude: null, address: '某某市某某路2号' }).expect(200);
      expect(cleared.body).toMatchObject({ address: '某某市某某路2号', latitude: null, longitude: null });
    });

    it('imports one valid row with wait=true and answers 201 (its progress runs outside the pool)', async () => {
      const csv = `name,kind,category,credit_code,credit_class\n死锁,organisation,取水单位,91330106MALD00001K,B\n`;
      const res = await http.post('/imports/targets?wait=true').set(bearer('officer')).set('Content-Type', 'text/csv').send(csv).expect(201);
      expect(res.body).toMatchObject({ status: 'succeeded', insertedRows: 1 });
      expect(await count(`SELECT count(*)::int AS n FROM planning.target WHERE import_id = $1`, [res.body.id])).toBe(1);
    });

    it('imports a valid CSV in the background and reports progress to completion', async () => {
      const rows = Array.from({ length: 50 }, (_, i) => `测试取水点${i},site,取水口,,${'ABCD'[i % 4]},330106,,2026-01-0${(i % 9) + 1}`);
      const csv = ['name,kind,category,credit_code,credit_class,region_code,industry,last_inspected_on', ...rows].join('\n');
      const res = await http.post('/imports/targets').set(bearer('officer')).set('Content-Type', 'text/csv').send(csv).expect(202);
      expect(res.headers.location).toBe(`/imports/${res.body.id}`);
      const done = await eventually(async () => {
        const job = await http.get(`/imports/${res.body.id}`).set(bearer('officer'));
        return job.body.status === 'succeeded' ? job.body : undefined;
      }, 10_000, 'import to finish');
      expect(done).toMatchObject({ totalRows: 50, insertedRows: 50, errorCount: 0 });
      expect(await count(`SELECT count(*)::int AS n FROM planning.target WHERE import_id = $1`, [res.body.id])).toBe(50);
    });

    it('imports inspectors from an XLSX upload, with leave and declared conflicts', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('人员');
      ws.addRow(['执法证号', '姓名', '执法类别', '请休假', '回避声明']);
      ws.addRow(['SL33010699001', '测试甲', '水资源；节约用水', '2026-12-01~2026-12-05', `${GOOD}:近亲属任职`]);
      ws.addRow(['SL33010699002', '测试乙', '水资源', '', '']);
      const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await http.post('/imports/inspectors?wait=true').set(bearer('officer')).attach('file', xlsx, 'inspectors.xlsx').expect(201);
      expect(res.body).toMatchObject({ status: 'succeeded', format: 'xlsx', insertedRows: 2 });
      const list = await http.get('/inspectors?category=%E8%8A%82%E7%BA%A6%E7%94%A8%E6%B0%B4&limit=100').set(bearer('officer')).expect(200);
      const first = (list.body.items as { certificateNo: string; leavePeriods: unknown; conflicts: unknown }[]).find((i) => i.certificateNo === 'SL33010699001');
      expect(first).toMatchObject({ leavePeriods: [{ from: '2026-12-01', to: '2026-12-05' }], conflicts: [{ creditCode: GOOD, relation: '近亲属任职' }] });
      // Retire them again so the draw below works on the demo pool only.
      await app.app.get(DataSource).query(`UPDATE planning.inspector SET status = 'retired' WHERE certificate_no LIKE 'SL330106990%'`);
    });

    it('takes a conflict relation only from the fixed vocabulary, free text only as the internal note', async () => {
      const body = (relation: string, note?: string) => ({ certificateNo: 'SL33010699050', name: '测试丙', certifiedCategories: ['水资源'], conflicts: [{ creditCode: GOOD, relation, ...(note ? { note } : {}) }] });
      const free = await http.post('/inspectors').set(bearer('officer')).send(body('其配偶张某任该公司财务')).expect(400);
      expect(JSON.stringify(free.body.message)).toContain('relation');
      const created = await http.post('/inspectors').set(bearer('officer')).send(body('近亲属任职', '配偶任财务')).expect(201);
      expect(created.body.conflicts).toEqual([{ creditCode: GOOD, relation: '近亲属任职', note: '配偶任财务' }]);
      const csv = ['certificate_no,name,certified_categories,conflicts', `SL33010699051,测试丁,水资源,${GOOD}:近亲属任职:岳父任法人`, `SL33010699052,测试戊,水资源,${GOOD}:岳父任法人`].join('\n');
      const res = await http.post('/imports/inspectors?wait=true').set(bearer('officer')).set('Content-Type', 'text/csv').send(csv).expect(422);
      expect(res.body.details.errors).toEqual([expect.objectContaining({ row: 3, column: 'conflicts' })]);
      await app.app.get(DataSource).query(`UPDATE planning.inspector SET status = 'retired' WHERE certificate_no LIKE 'SL330106990%'`);
    });

    it('answers 400 to a malformed x-filename and 413 to an upload over the limit', async () => {
      const bad = await http.post('/imports/targets').set(bearer('officer')).set('Content-Type', 'text/csv').set('x-filename', '%E0%A4%A').send('name\n').expect(400);
      expect(bad.body.message).toContain('x-filename must be URI-encoded');
      // Declares 200 MB and sends a few bytes: refused from the Content-Length, before reading the body.
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${app.url}/imports/targets`, { method: 'POST', headers: { ...bearer('officer'), 'Content-Type': 'text/csv', 'Content-Length': String(200 * 1024 * 1024) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        req.on('error', reject);
        req.write('name\n');
      });
      expect(status).toBe(413);
    });
  });

  describe('item list', () => {
    it('publishes the current list without a token and keeps old versions on edit', async () => {
      const list = await http.get('/public/items').expect(200);
      expect(list.body).toHaveLength(13);
      expect(new Set(list.body.map((i: { category: string }) => i.category))).toEqual(new Set(['重点', '一般']));
      const item = list.body.find((i: { code: string }) => i.code === 'SL-YB-01');
      const { code: _c, version: _v, department: _d, defaultRatio: _r, frequency, targetScope, defaultRatios, ...rest } = item;
      const edited = await http.put('/items/SL-YB-01').set(bearer('officer')).send({ ...rest, frequencyPerYear: frequency + 1, defaultRatios, targetScope: { categories: ['取水单位'], description: targetScope }, certificationCategory: '水资源', changeNote: '频次调整' }).expect(200);
      expect(edited.body.version).toBe(2);
      const versions = await http.get('/public/items/SL-YB-01/versions').expect(200);
      expect(versions.body.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([[1, false], [2, true]]);
      await http.put('/items/SL-YB-01').set(bearer('otherOfficer')).send({ ...rest, frequencyPerYear: 1, defaultRatios, targetScope: { description: 'x' }, certificationCategory: '水资源' }).expect(403);
      const events = await eventually(async () => {
        const msgs = await probe.read(eventStreamName(prefix), eventSubject(prefix, 'planning.items.published'));
        return msgs.some((m) => m.body.includes('"version":2')) ? msgs : undefined;
      }, 5000, 'items.published');
      expect(events.length).toBeGreaterThanOrEqual(4);
    });
  });

  describe('plans, tasks and the draw', () => {
    let planId: string;
    const task = (over: Record<string, unknown> = {}) => ({
      name: '2026年第一批取水许可联合抽查', itemCodes: ['SL-ZD-05'], inspectorsPerTarget: 2, departments: [WATER, ENFORCEMENT],
      sampling: { A: { ratio: 0.1 }, B: { ratio: 0.1 }, C: { ratio: 1 }, D: { ratio: 1 } }, inspectionFrom: '2026-12-01', dueDate: '2026-12-31', ...over,
    });

    beforeAll(async () => {
      const plans = await http.get('/plans?year=2026').set(bearer('officer')).expect(200);
      planId = plans.body[0].id;
    });

    it('refuses bad sampling and fewer than two inspectors, naming the problem', async () => {
      const ratio = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send(task({ sampling: { B: { ratio: 1.5 } } })).expect(400);
      expect(ratio.body.message).toContain('sampling.B.ratio must be at most 1');
      const klass = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send(task({ sampling: { E: { ratio: 0.1 } } })).expect(400);
      expect(klass.body.message).toContain("unknown credit class 'E'");
      const one = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send(task({ inspectorsPerTarget: 1 })).expect(400);
      expect(JSON.stringify(one.body.message)).toContain('at least 2');
      const item = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send(task({ itemCodes: ['NO-SUCH'] })).expect(400);
      expect(item.body.message).toContain("unknown item code 'NO-SUCH'");
    });

    it('refuses to announce a draw whose population is too small for the sample', async () => {
      const t = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send(task({ name: '过大样本', sampling: { D: { count: 5000 } } })).expect(201);
      await http.post(`/tasks/${t.body.id}/consent`).set(bearer('enforcementOfficer')).send({}).expect(200);
      const res = await http.post(`/tasks/${t.body.id}/draw`).set(bearer('officer')).send({ publicRandomnessSource: '福彩3D' }).expect(422);
      expect(res.body.message).toMatch(/stratum D has \d+ targets but the rules ask for 5000/);
      expect(await count(`SELECT count(*)::int AS n FROM planning.draw WHERE task_id = $1`, [t.body.id])).toBe(0);
    });

    it('refuses to announce a draw with no eligible target', async () => {
      const t = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send(task({ name: '无对象', targetFilter: { regionCodes: ['999999'] } })).expect(201);
      await http.post(`/tasks/${t.body.id}/consent`).set(bearer('enforcementOfficer')).send({}).expect(200);
      const res = await http.post(`/tasks/${t.body.id}/draw`).set(bearer('officer')).send({ publicRandomnessSource: '福彩3D' }).expect(422);
      expect(res.body.message).toContain('no target is eligible');
      expect(await count(`SELECT count(*)::int AS n FROM planning.draw WHERE task_id = $1`, [t.body.id])).toBe(0);
    });

    it('announces, executes exactly once under concurrency, reveals a bundle the verifier accepts, and substitutes', async () => {
      const t = await http.post(`/plans/${planId}/tasks`).set(bearer('officer')).send(task()).expect(201);
      expect(t.body.items).toEqual([expect.objectContaining({ code: 'SL-ZD-05', version: 1 })]);

      // An inspector with a declared conflict and an internal note: the relation is published, the note never.
      const target = (await http.get(`/targets?category=${encodeURIComponent('取水单位')}&limit=1`).set(bearer('officer')).expect(200)).body.items[0] as { id: string };
      const noted = await http.post('/inspectors').set(bearer('officer')).send({
        certificateNo: 'SL33010699060', name: '测试回避', certifiedCategories: ['水资源'], conflicts: [{ targetId: target.id, relation: '投资或持股', note: '其兄赵某某持股百分之三十' }],
      }).expect(201);

      // A joint task puts the other department's inspectors on inspections: it waits for that
      // department's consent. Nobody else can give it; the lead cannot announce before it.
      expect(t.body.consentsMissing).toEqual([ENFORCEMENT]);
      const early = await http.post(`/tasks/${t.body.id}/draw`).set(bearer('officer')).send({ publicRandomnessSource: 'too early' }).expect(409);
      expect(early.body.message).toContain(ENFORCEMENT);
      await http.post(`/tasks/${t.body.id}/consent`).set(bearer('officer')).send({}).expect(400); // the lead department
      await http.post(`/tasks/${t.body.id}/consent`).set(bearer('otherOfficer')).send({}).expect(403); // not a participant
      const visible = await http.get('/tasks').set(bearer('enforcementOfficer')).expect(200);
      expect(visible.body.map((x: { id: string }) => x.id)).toContain(t.body.id);
      const accepted = await http.post(`/tasks/${t.body.id}/consent`).set(bearer('enforcementOfficer')).send({}).expect(200);
      expect(accepted.body).toMatchObject({ consentsMissing: [], consents: { [ENFORCEMENT]: { by: 'officer-enforcement' } } });
      expect(await count(`SELECT count(*)::int AS n FROM planning.draw WHERE task_id = $1`, [t.body.id])).toBe(0);

      // Every target gets a registered address and coordinates: they travel to the inspectors in
      // draw.completed, but never enter the frozen population, its hashes or the bundle.
      await app.app.get(DataSource).query(`UPDATE planning.target SET address = name || '登记地址', latitude = 30.27, longitude = 120.15`);
      const announced = await http.post(`/tasks/${t.body.id}/draw`).set(bearer('officer')).send({ publicRandomnessSource: '中国福利彩票3D 2026年12月1日开奖号码' }).expect(201);
      const drawId = announced.body.id as string;
      expect(announced.body).toMatchObject({ status: 'announced', commitment: expect.stringMatching(/^[0-9a-f]{64}$/), seed: null });
      await http.post(`/tasks/${t.body.id}/draw`).set(bearer('officer')).send({ publicRandomnessSource: 'again' }).expect(409);
      const before = await http.get(`/public/draws/${drawId}`).expect(200);
      expect(JSON.stringify(before.body)).not.toMatch(/"secret"/);
      await http.get(`/public/draws/${drawId}/bundle`).expect(404);

      const execute = () => http.post(`/draws/${drawId}/execute`).set(bearer('officer')).send({ publicRandomnessValue: '3 8 1', witnessName: '王某', witnessRole: '局办公室代表' });
      const statuses = (await Promise.all([execute(), execute()])).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409]);
      const third = await execute().expect(409);
      expect(third.body.message).toContain('exactly one executed draw');
      expect(await count(`SELECT count(DISTINCT draw_id)::int AS n FROM planning.assignment WHERE draw_id = $1`, [drawId])).toBe(1);

      // Every team: two distinct inspectors, one of each department (joint task).
      const assignments = await http.get(`/draws/${drawId}/assignments?limit=500`).set(bearer('officer')).expect(200);
      expect(assignments.body.total).toBeGreaterThan(10);
      for (const a of assignments.body.items as { inspectors: { inspectorId: string; department: string }[] }[]) {
        expect(new Set(a.inspectors.map((i) => i.inspectorId)).size).toBe(2);
        expect(a.inspectors.map((i) => i.department).sort()).toEqual([ENFORCEMENT, WATER].sort());
      }

      // planning.draw.completed, read back from JetStream: batches that add up to the whole draw.
      const completed = await eventually(async () => {
        const msgs = await probe.read(eventStreamName(prefix), eventSubject(prefix, 'planning.draw.completed'));
        const mine = msgs.map((m) => JSON.parse(m.body) as EventEnvelope<DrawCompletedPayload>).filter((e) => e.payload.drawId === drawId);
        return mine.length && mine.length === mine[0].payload.batchCount ? mine : undefined;
      }, 10_000, 'draw.completed');
      const total = completed.reduce((n, e) => n + e.payload.assignments.length, 0);
      expect(total).toBe(assignments.body.total);
      expect(completed[0].payload.totalAssignments).toBe(total);
      expect(completed[0].payload.assignments[0].inspectors[0]).toEqual(expect.objectContaining({ certificateNo: expect.stringMatching(/^SL/) }));
      for (const a of completed.flatMap((e) => e.payload.assignments)) {
        expect([a.address, a.location]).toEqual([`${a.targetName}登记地址`, { latitude: 30.27, longitude: 120.15 }]);
      }

      await http.post(`/draws/${drawId}/substitutions`).set(bearer('officer')).send({ targetId: assignments.body.items[0].targetId, inspectorId: assignments.body.items[0].inspectors[0].inspectorId, reason: '生病了' }).expect(400);
      const revealed = await http.post(`/draws/${drawId}/reveal`).set(bearer('officer')).expect(201);
      expect(revealed.body).toMatchObject({ secret: expect.stringMatching(/^[0-9a-f]{64}$/), seed: expect.stringMatching(/^[0-9a-f]{64}$/) });
      await http.post(`/draws/${drawId}/reveal`).set(bearer('officer')).expect(409);

      const bundleText = (await http.get(`/public/draws/${drawId}/bundle`).expect(200)).text;
      const bundle = JSON.parse(bundleText) as DrawBundleV2;
      expect(bundle.version).toBe(2);
      expect(verifyDrawBundle(bundle)).toEqual({ valid: true, differences: [] });
      expect(bundleText).not.toContain('登记地址');
      expect(bundle.reveal.secret).toBe(revealed.body.secret);
      expect(bundle.outcome.skips.length).toBeGreaterThan(0);
      expect(bundle.announcement.creditClass).toBe('withheld');
      // The CLI verifies it from the published file alone.
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'planning-bundle-')), 'bundle.json');
      writeFileSync(file, bundleText);
      const cli: string[] = [];
      expect(await verifyDrawCli([file], { out: (line) => cli.push(line), err: (line) => cli.push(line) })).toBe(0);
      expect(cli[0]).toBe('VALID');
      expect(cli[2]).toMatch(/^ {2}bundle version 2: \d+ exclusions \(reasons committed\), \d+ drawn targets opened, credit class withheld$/);

      // Version 2 publishes no declared conflict, leave date, credit code or class of a firm: the
      // inspector who declared one has only a conflict exclusion with a salted commitment to its reason.
      expect(bundle.populations.inspectors.find((i) => i.id === noted.body.id)).toEqual({ id: noted.body.id, department: WATER, certifiedCategories: ['水资源'], currentLoad: 0 });
      const declared = bundle.populations.exclusions.findIndex((e) => e.inspectorId === noted.body.id);
      expect(bundle.populations.exclusions[declared]).toEqual({ inspectorId: noted.body.id, target: expect.stringMatching(/^[0-9a-f]{64}$/), rule: 'conflict', commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(bundleText).not.toContain('赵某某');
      expect(bundleText).not.toContain('投资或持股');
      const codes = (await app.app.get(DataSource).query(`SELECT credit_code FROM planning.target WHERE credit_code IS NOT NULL`)) as { credit_code: string }[];
      expect(codes.length).toBeGreaterThan(100);
      expect(codes.filter((c) => bundleText.includes(c.credit_code))).toEqual([]);
      const directory = (await app.app.get(DataSource).query(`SELECT leave_periods, conflicts FROM planning.inspector`)) as { leave_periods: { from: string; to: string }[]; conflicts: { relation: string }[] }[];
      for (const row of directory) {
        for (const p of row.leave_periods) expect(bundleText).not.toContain(`"${p.from}","${p.to}"`);
        for (const c of row.conflicts) expect(bundleText).not.toContain(c.relation);
      }
      const drawnIds = new Set(bundle.outcome.teams.map((x) => x.targetId));
      expect(Object.keys(bundle.populations.targets)).toEqual(['strata', 'drawn']);
      expect(bundle.populations.targets.drawn.map((x) => x.id)).toEqual([...drawnIds].sort());
      // A firm that was not drawn appears only as a salted leaf: neither its id nor its class is published.
      const allIds = (await app.app.get(DataSource).query(`SELECT id::text AS id FROM planning.target`)) as { id: string }[];
      expect(allIds.filter((x) => !drawnIds.has(x.id) && bundleText.includes(x.id))).toEqual([]);

      // An auditor (or an officer) opens that one exclusion and checks it; the public cannot.
      const opening = await http.get(`/draws/${drawId}/exclusions/${declared}`).set(bearer('auditor')).expect(200);
      expect(opening.body).toMatchObject({ index: declared, valid: true, record: `["conflict","${noted.body.id}","${target.id}",[["${target.id}",null,"投资或持股"]]]`, target: { id: target.id } });
      expect(checkExclusionOpening(bundle.populations.exclusions[declared], opening.body)).toEqual([]);
      expect(JSON.stringify(opening.body)).not.toContain('赵某某');
      await http.get(`/draws/${drawId}/exclusions/${declared}`).set(bearer('inspector')).expect(403);
      await http.get(`/draws/${drawId}/exclusions/${declared}`).expect(401);
      await http.get(`/draws/${drawId}/exclusions/${bundle.populations.exclusions.length}`).set(bearer('auditor')).expect(404);

      // Tampering: move a target drawn in one stratum into another's selection.
      const tampered = structuredClone(bundle);
      const [first, second] = tampered.outcome.strata.filter((x) => x.selected.length > 0);
      const moved = second.selected[0];
      second.selected[0] = first.selected[0];
      const verdict = verifyDrawBundle(tampered);
      expect(verdict.valid).toBe(false);
      expect(verdict.differences).toContain(`outcome.strata[${second.stratum}].selected[0]: published ${first.selected[0]}, recomputed ${moved}`);

      // 递补: the replacement continues the stream; the republished bundle still verifies.
      const withdrawn = assignments.body.items[0];
      const sub = await http.post(`/draws/${drawId}/substitutions`).set(bearer('officer')).send({ targetId: withdrawn.targetId, inspectorId: withdrawn.inspectors[0].inspectorId, reason: '因公务不能参加', note: '外出培训' }).expect(201);
      expect(sub.body).toMatchObject({ sequence: 1, withdrawnInspectorId: withdrawn.inspectors[0].inspectorId, streamStart: bundle.outcome.streamPosition });
      expect(sub.body.replacementInspectorId).not.toBe(withdrawn.inspectors[0].inspectorId);
      const after = JSON.parse((await http.get(`/public/draws/${drawId}/bundle`).expect(200)).text) as DrawBundleV2;
      expect(after.substitutions).toHaveLength(1);
      expect(verifyDrawBundle(after).valid).toBe(true);
      expect(JSON.stringify(after)).not.toContain('外出培训');

      // Public surfaces carry no names, certificate numbers or ID numbers.
      const publicText = bundleText + JSON.stringify((await http.get('/public/draws').expect(200)).body);
      expect(publicText).not.toMatch(ID_NUMBER);
      expect(publicText).not.toMatch(/SL330106\d+/);
      expect(publicText).not.toContain('王某');
      for (const name of completed[0].payload.assignments[0].inspectors.map((i) => i.name)) expect(publicText).not.toContain(name);

      const revealedEvents = await eventually(async () => {
        const msgs = await probe.read(eventStreamName(prefix), eventSubject(prefix, 'planning.draw.revealed'));
        return msgs.length ? msgs : undefined;
      }, 5000, 'draw.revealed');
      const chunks = revealedEvents.map((m) => JSON.parse(m.body).payload as { chunkIndex: number; bundleChunk: string }).sort((a, b) => a.chunkIndex - b.chunkIndex);
      expect(verifyDrawBundle(JSON.parse(chunks.map((c) => c.bundleChunk).join(''))).valid).toBe(true);
    });
  });
});
