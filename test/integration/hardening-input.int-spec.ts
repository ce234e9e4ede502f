import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { recordHashOf, seededRandom, type SignableResult } from '#domain';
import { SECURITY_HEADERS } from '#platform';
import { ID_NUMBER, uscc } from '../support/codes.js';
import { DAY_MS, HOUR_MS, TEST_TODAY, fromTestNow } from '../support/test-clock.js';
import { eventually, tokenFor } from '../support/test-env.js';
import {
  APP_NAMES,
  Fresh,
  System,
  bodyFields,
  pathText,
  validationProblems,
  valueAt,
  withValue,
  writeRoutes,
  type AppName,
  type RegisteredRoute,
} from './hardening.harness.js';
import { drawCompleted, inspector as teamMember, target as drawnTarget } from './inspection.harness.js';
import { AccountsService } from '../../apps/console/src/accounts/accounts.service.js';
import { hashPassword } from '../../apps/console/src/domain/password-hash.js';

/**
 * Issue 11, "bad input never reaches a 500": every class of bad input the probe of the demo found,
 * replayed on every write route of the four apps, plus random bodies. A refused request answers a
 * 4xx (never a 5xx) and leaves every table of the app as it was.
 */

const WATER = '水资源管理科';
const ENFORCEMENT = '水政监察大队';
const DEPT = 'shuizheng'; // the department of the injected draw (inspection.harness)
const PUB = '水政监察大队';

const BUREAU = uscc('11330100MB0000001');
let serial = 0;
const next = () => ++serial;
const freshUscc = () => uscc(`91330106HX${String(next()).padStart(7, '0')}`);

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(64, 7)]);
const pngNumbered = () => Buffer.concat([PNG, Buffer.from(`#${next()}`)]);

/** What an answer said, for a failure message. */
const said = (res: request.Response) => String(JSON.stringify(res.body?.message ?? res.text ?? '')).slice(0, 300);

/** What a request needs: its URL and, for routes that use up a prerequisite, that prerequisite. */
interface Prepared {
  url: string;
  ctx?: Record<string, unknown>;
}

/** One way to call one write route with a valid request. A route may have several (a result and its correction). */
interface Fixture {
  route: string;
  app: AppName;
  /** Authorization header value. */
  auth: () => string;
  prepare: () => Promise<Prepared>;
  /** A valid JSON body with every field the DTO has (absent: the route takes no JSON body). */
  body?: (ctx: Record<string, unknown>) => Record<string, unknown>;
  headers?: () => Record<string, string>;
  /** Called after a 2xx: the prerequisite is used up. */
  spent?: () => void;
  /** The valid request is a repeat that changes nothing (so it leaves no audit record). */
  noOp?: boolean;
  /** For a multipart route: the file of a valid upload (the bad JSON bodies of the tests below are refused as for any route). */
  upload?: () => { data: Buffer; name: string };
  /** For a route that takes raw bytes (a resumable upload's chunk): the bytes of a valid request. */
  raw?: (ctx: Record<string, unknown>) => Buffer;
}

describe('hardening: bad input is a 4xx, never a 5xx, and writes nothing (issue 11)', () => {
  let sys: System;
  const auth: Record<string, string> = {};
  const bearer = (who: string) => () => `Bearer ${auth[who]}`;
  const http = (app: AppName) => request(sys.apps[app].url);
  let registered: RegisteredRoute[];
  const fixtures: Fixture[] = [];
  let fiveHundreds: string[] = [];

  /** A request as a fixture makes it, with `body` instead of the valid one (a string is sent as raw JSON text). */
  async function send(f: Fixture, body?: unknown, prepared?: Prepared) {
    const p = prepared ?? (await f.prepare());
    const [method] = f.route.split(' ');
    let r = http(f.app)[method.toLowerCase() as 'post'](p.url).set('Authorization', f.auth()).set('X-Request-Id', `h-${next()}`);
    for (const [k, v] of Object.entries(f.headers?.() ?? {})) r = r.set(k, v);
    if (typeof body === 'string') r = r.set('Content-Type', 'application/json').send(body);
    else if (body !== undefined) r = r.send(body as object);
    const res = await r;
    if (res.status >= 500) fiveHundreds.push(`${f.route} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    if (res.status >= 200 && res.status < 300) f.spent?.();
    return res;
  }

  /** Sends a bad request and expects status `expected` and no row written in the app. */
  async function refused(f: Fixture, body: unknown, what: string, expected = 400): Promise<void> {
    const p = await f.prepare();
    const before = await sys.rowCounts(f.app);
    const res = await send(f, body, p);
    const after = await sys.rowCounts(f.app);
    const label = `${f.route} with ${what}: ${res.status} ${said(res)}`;
    expect(label).toContain(`: ${expected} `);
    expect([label, after]).toEqual([label, before]);
  }

  /** Fixtures of one app, with the app's inbound events settled first. */
  async function* phases(): AsyncGenerator<Fixture> {
    for (const app of APP_NAMES) {
      const mine = fixtures.filter((f) => f.app === app);
      if (!mine.length) continue;
      await sys.settle();
      yield* mine;
    }
  }

  const dtoOf = (f: Fixture) => registered.find((r) => r.key === f.route)?.body;

  beforeAll(async () => {
    sys = await System.start('harden');
    registered = APP_NAMES.flatMap((a) => writeRoutes(a, sys.apps[a].app));
    auth.admin = await tokenFor(['admin'], undefined, 'admin-h');
    auth.water = await tokenFor(['officer'], WATER, 'officer-water');
    auth.enforcement = await tokenFor(['officer'], ENFORCEMENT, 'officer-enforcement');
    auth.inspA = await tokenFor(['inspector'], DEPT, 'insp-a');
    auth.inspB = await tokenFor(['inspector'], DEPT, 'insp-b');
    auth.deptOfficer = await tokenFor(['officer'], DEPT, 'officer-dept');
    auth.pub = await tokenFor(['officer'], PUB, 'officer-pub');
    auth.legal = await tokenFor(['legal_reviewer'], PUB, 'legal-reviewer-pub');

    // ---- planning: the demo bureau, one plan, an item, a target and an inspector to edit ----
    await http('planning').post('/demo/load').set('Authorization', `Bearer ${auth.admin}`).set('X-Request-Id', 'setup-demo-load').expect(200);
    await http('planning').post('/demo/load-2020').set('Authorization', `Bearer ${auth.admin}`).set('X-Request-Id', 'setup-demo-load-2020').expect(200);
    const plans = await http('planning').get('/plans?year=2026').set('Authorization', `Bearer ${auth.water}`).expect(200);
    const planId = (plans.body as { id: string; department: string }[]).find((p) => p.department === WATER)!.id;
    const post = async (path: string, body: object, who = 'water') =>
      (await http('planning').post(path).set('Authorization', `Bearer ${auth[who]}`).send(body).expect((r) => expect([path, r.status, r.body]).toEqual([path, 201, expect.anything()]))).body as Record<string, unknown>;

    const itemBody = (code = `HX-${next()}`) => ({
      code,
      name: '对取水计量设施的行政检查',
      category: '一般',
      legalBasis: '《中华人民共和国水法》第四十九条\n《取水许可和水资源费征收管理条例》第四十三条',
      method: '现场检查',
      checkPoints: ['计量设施安装', '计量数据记录'],
      targetScope: { kinds: ['organisation'], categories: ['取水单位'], description: '取水单位' },
      certificationCategory: '水资源',
      defaultRatios: { A: 0.1, B: 0.1, C: 1, D: 1 },
      frequencyPerYear: 1,
      changeNote: '新增事项\n经局务会审议',
      department: WATER,
    });
    const itemFields = () => {
      const { code: _code, department: _department, ...rest } = itemBody();
      return rest;
    };
    const targetBody = () => ({
      department: WATER,
      departments: [WATER],
      kind: 'organisation',
      category: '取水单位',
      name: `测试取水有限公司${next()}`,
      creditCode: freshUscc(),
      regionCode: '330106',
      industry: '水的生产和供应业',
      creditClass: 'B',
      status: 'active',
      lastInspectedOn: '2026-03-15',
      address: '杭州市西湖区某某路1号',
      latitude: 30.2741,
      longitude: 120.1551,
    });
    const editItem = (await post('/items', itemBody())).code as string;
    const editTarget = (await post('/targets', targetBody())).id as string;
    const inspectorBody = () => ({
      certificateNo: `HX${String(next()).padStart(8, '0')}`,
      name: '测试检查员',
      department: WATER,
      regionCode: '330106',
      certifiedCategories: ['水资源'],
      leavePeriods: [{ from: '2027-01-04', to: '2027-01-08', note: '年休假' }],
      conflicts: [{ targetId: editTarget, creditCode: freshUscc(), relation: '近亲属任职', note: '配偶在该单位任职' }],
      status: 'active',
      certificateValidFrom: '2024-01-01',
      certificateValidUntil: '2028-12-31',
    });
    const editInspector = (await post('/inspectors', inspectorBody())).id as string;

    const taskBody = () => ({
      name: `2026年第${next()}批取水许可抽查`,
      itemCodes: ['SL-ZD-05'],
      targetFilter: { kinds: ['organisation'], categories: ['取水单位'], regionCodes: ['33'], industries: [] as string[] },
      sampling: { A: { ratio: 0.05 }, B: { ratio: 0.05 }, C: { ratio: 0.05 }, D: { ratio: 0.05 } },
      inspectorsPerTarget: 2,
      departments: [WATER],
      excludeInspectedWithinDays: 0,
      excludeInspectedAtLeast: 5,
      maxAssignmentsPerInspector: 1000,
      inspectionFrom: '2026-12-01',
      dueDate: '2026-12-31',
    });
    const newTask = async (over: Record<string, unknown> = {}) => {
      const { industries: _i, ...filter } = taskBody().targetFilter;
      return (await post(`/plans/${planId}/tasks`, { ...taskBody(), targetFilter: filter, ...over })).id as string;
    };
    const announced = async () => (await post(`/tasks/${await newTask()}/draw`, { publicRandomnessSource: '中国福利彩票3D 2026年12月1日开奖号码' })).id as string;
    const executed = async () => {
      const id = await announced();
      await post(`/draws/${id}/execute`, { publicRandomnessValue: '3 8 1', witnessName: '王某', witnessRole: '局办公室代表' });
      return id;
    };
    const announcedDraw = new Fresh(announced);
    const drawToReveal = new Fresh(executed);
    const freshTask = new Fresh(() => newTask());
    const jointTask = new Fresh(() => newTask({ departments: [WATER, ENFORCEMENT] }));
    const itemToRetire = new Fresh(async () => (await post('/items', itemBody())).code as string);
    // 递补: one drawn (target, inspector) pair after another, from one executed draw.
    let pairs: { drawId: string; targetId: string; inspectorId: string }[] = [];
    const substitution = new Fresh(async () => {
      if (!pairs.length) {
        const id = await executed();
        const res = await http('planning').get(`/draws/${id}/assignments?limit=500`).set('Authorization', `Bearer ${auth.water}`).expect(200);
        pairs = (res.body.items as { targetId: string; inspectors: { inspectorId: string }[] }[]).map((a) => ({ drawId: id, targetId: a.targetId, inspectorId: a.inspectors[0].inspectorId }));
      }
      return pairs.shift()!;
    });

    fixtures.push(
      // One plan per department and year: an admin files each into a department of its own.
      { route: 'POST /plans', app: 'planning', auth: bearer('admin'), prepare: async () => ({ url: '/plans' }), body: () => ({ year: 2027, title: '年度抽查工作计划', description: '第一批：取水许可\n第二批：河道采砂', department: `测试科室${next()}` }) },
      { route: 'POST /plans/:id/tasks', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: `/plans/${planId}/tasks` }), body: () => ({ ...taskBody(), targetFilter: { ...taskBody().targetFilter, industries: ['水的生产和供应业'] } }) },
      { route: 'POST /tasks/:id/draw', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: `/tasks/${await freshTask.get()}/draw` }), spent: () => freshTask.spend(), body: () => ({ publicRandomnessSource: '中国福利彩票3D 2026年12月1日开奖号码', algorithm: 'spotcheck-sha256-v1' }) },
      { route: 'POST /draws/:id/execute', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: `/draws/${await announcedDraw.get()}/execute` }), spent: () => announcedDraw.spend(), body: () => ({ publicRandomnessValue: '3 8 1', witnessName: '王某', witnessRole: '局办公室代表' }) },
      { route: 'POST /draws/:id/reveal', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: `/draws/${await drawToReveal.get()}/reveal` }), spent: () => drawToReveal.spend() },
      {
        route: 'POST /draws/:id/substitutions', app: 'planning', auth: bearer('water'),
        prepare: async () => {
          const p = await substitution.get();
          return { url: `/draws/${p.drawId}/substitutions`, ctx: p };
        },
        spent: () => substitution.spend(),
        body: (ctx) => ({ targetId: ctx.targetId, inspectorId: ctx.inspectorId, reason: '因公务不能参加', note: '外出培训\n12月1日至5日' }),
      },
      { route: 'POST /targets', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: '/targets' }), body: targetBody },
      { route: 'PATCH /targets/:id', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: `/targets/${editTarget}` }), body: targetBody },
      { route: 'POST /items', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: '/items' }), body: () => itemBody() },
      { route: 'PUT /items/:code', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: `/items/${editItem}` }), body: itemFields },
      { route: 'POST /items/:code/retire', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: `/items/${await itemToRetire.get()}/retire` }), spent: () => itemToRetire.spend(), body: () => ({ note: '并入其他事项\n见局务会纪要' }) },
      { route: 'POST /inspectors', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: '/inspectors' }), body: inspectorBody },
      { route: 'PATCH /inspectors/:id', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: `/inspectors/${editInspector}` }), body: inspectorBody },
      // Files, not JSON: a JSON body is refused; here only deep and random bodies are sent.
      {
        route: 'POST /imports/targets', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: '/imports/targets?wait=true' }),
        upload: () => ({ data: Buffer.from(`名称,类型,对象类别,统一社会信用代码,行政区划代码,信用风险等级,检查部门\n导入取水有限公司${next()},法人及非法人组织,取水单位,${freshUscc()},330106,B,${WATER}\n`), name: 'targets.csv' }),
      },
      {
        route: 'POST /imports/inspectors', app: 'planning', auth: bearer('water'), prepare: async () => ({ url: '/imports/inspectors?wait=true' }),
        upload: () => ({ data: Buffer.from(`执法证号,姓名,部门,执法类别,状态\nIM${String(next()).padStart(8, '0')},导入检查员,${WATER},水资源,在岗\n`), name: 'inspectors.csv' }),
      },
      // Loaded in the set-up above: loading again is a no-op, which leaves no audit record.
      { route: 'POST /demo/load', app: 'planning', auth: bearer('admin'), prepare: async () => ({ url: '/demo/load' }), noOp: true },
      { route: 'POST /demo/load-2020', app: 'planning', auth: bearer('admin'), prepare: async () => ({ url: '/demo/load-2020' }), noOp: true },
    );
    // A joint task's other department accepts it.
    fixtures.push({ route: 'POST /tasks/:id/consent', app: 'planning', auth: bearer('enforcement'), prepare: async () => ({ url: `/tasks/${await jointTask.get()}/consent` }), spent: () => jointTask.spend(), body: () => ({ department: ENFORCEMENT }) });

    // ---- inspection: assignments of an injected draw (team insp-a, insp-b), the directory from planning ----
    const POOL = 250;
    const event = drawCompleted({ assignments: Array.from({ length: POOL }, (_, i) => drawnTarget(i + 1, [teamMember('insp-a'), teamMember('insp-b')])) });
    await sys.probe.publish(`${sys.prefix}.events.${event.type}`, event, event.id);
    const pool = await eventually(async () => {
      const rows = (await sys.ds('inspection').query(`SELECT id FROM inspection.assignment WHERE draw_id = $1 ORDER BY target_id`, [event.payload.drawId])) as { id: string }[];
      return rows.length === POOL ? rows.map((r) => r.id) : undefined;
    }, 20_000, 'the injected draw');
    const take = async () => {
      const id = pool.shift();
      if (!id) throw new Error(`all ${POOL} assignments of the injected draw are used up: raise POOL`);
      return id;
    };
    const result = (over: Record<string, unknown> = {}) => ({
      outcome: '发现问题已责令改正',
      findings: [{
        itemCode: 'SL-ZD-02',
        checkPoints: [
          { index: 0, label: '是否持证作业', compliant: true },
          { index: 1, label: '采砂范围与许可一致', compliant: false, legalProvision: '《中华人民共和国水法》第三十九条', description: '超出许可范围约20米\n已责令停止', rectificationDeadline: '2026-12-31' },
        ],
        note: '现场负责人在场\n已签字确认',
      }, { itemCode: 'SL-YB-05', checkPoints: [{ label: '检测资质有效', compliant: true }] }],
      inspectedAt: fromTestNow(-HOUR_MS).toISOString(),
      place: '某某河段采砂作业区',
      location: { latitude: 30.27, longitude: 120.15, accuracyMeters: 12 },
      channel: 'mobile',
      summary: '发现1项问题\n已责令改正',
      ...over,
    });
    const submitted = async (id: string) => {
      const res = await http('inspection').post(`/assignments/${id}/results`).set('Authorization', `Bearer ${auth.inspA}`).set('Idempotency-Key', randomUUID()).send(result()).expect(201);
      return res.body.id as string;
    };
    // The resumable upload (POST, then PATCH chunks of raw bytes): here each file in one chunk.
    const CHUNK_TYPE = 'application/offset+octet-stream';
    /** Begins an upload by `who` (a signature image: for the record `recordHash`). */
    const beginUpload = async (id: string, data: Buffer, purpose: 'photo' | 'signature', recordHash?: string, who = 'inspA') => {
      const sha256 = createHash('sha256').update(data).digest('hex');
      await http('inspection').post(`/assignments/${id}/evidence/uploads`).set('Authorization', `Bearer ${auth[who]}`).send({ sha256, size: data.length, purpose, ...(recordHash ? { recordHash } : {}) }).expect(201);
      return sha256;
    };
    const resumable = async (id: string, data: Buffer, purpose: 'photo' | 'signature', recordHash?: string, who = 'inspA') => {
      const sha256 = await beginUpload(id, data, purpose, recordHash, who);
      await http('inspection').patch(`/assignments/${id}/evidence/uploads/${sha256}`).set('Authorization', `Bearer ${auth[who]}`).set('Content-Type', CHUNK_TYPE).set('Upload-Offset', '0').send(data).expect(201);
      return sha256;
    };
    const recordHash = (id: string, body: Record<string, unknown>) => recordHashOf({ ...(body as unknown as SignableResult), assignmentId: id });
    // The signature images are uploaded for the record they sign, so each fixture's record is known first.
    const withEvidence = new Fresh(async () => {
      const id = await take();
      const up = await http('inspection').post(`/assignments/${id}/evidence`).set('Authorization', `Bearer ${auth.inspA}`).attach('file', pngNumbered(), 'photo.png').expect(201);
      const sha256 = up.body.sha256 as string;
      const record = recordHash(id, result({ evidence: [sha256] }));
      return { id, sha256, inspectorSig: await resumable(id, pngNumbered(), 'signature', record), partySig: await resumable(id, pngNumbered(), 'signature', record) };
    });
    const correction = () => result({
      outcome: '未发现问题',
      findings: [{ itemCode: 'SL-ZD-02', checkPoints: [{ label: '是否持证作业', compliant: true }] }, { itemCode: 'SL-YB-05', checkPoints: [{ label: '检测资质有效', compliant: true }] }],
      correctionReason: '检查地点记录有误\n更正为下游河段',
    });
    const confirmed = new Fresh(async () => {
      const id = await take();
      await http('inspection').post(`/results/${await submitted(id)}/confirm`).set('Authorization', `Bearer ${auth.inspB}`).expect(200);
      return { id, inspectorSig: await resumable(id, pngNumbered(), 'signature', recordHash(id, correction())) };
    });
    /** A result body signed by inspector insp-a and by the party (or the party's refusal), bound to its record hash. */
    const signedBy = (id: string, body: Record<string, unknown>, signatures: Record<string, unknown>[]) => {
      const hash = recordHash(id, body);
      return { ...body, recordHash: hash, signatures: signatures.map((sig) => ({ signedAt: fromTestNow(-HOUR_MS / 2).toISOString(), recordHash: hash, ...sig })) };
    };

    const pendingResult = new Fresh(async () => submitted(await take()));
    // A revision prepared for signing (recordHash), and insp-b's signature image for it: insp-b signs when confirming.
    const signedPending = new Fresh(async () => {
      const id = await take();
      const body = result();
      const hash = recordHash(id, body);
      const res = await http('inspection').post(`/assignments/${id}/results`).set('Authorization', `Bearer ${auth.inspA}`).set('Idempotency-Key', randomUUID()).send({ ...body, recordHash: hash }).expect(201);
      return { resultId: res.body.id as string, image: await resumable(id, pngNumbered(), 'signature', hash, 'inspB') };
    });
    const toCancel = new Fresh(take);
    const started = await take();
    // Uploads left unfinished count against a cap per inspection (30): every 10 requests use a fresh one.
    let uploading = { id: '', uses: 0 };
    const uploadTarget = async () => {
      if (!uploading.id || ++uploading.uses > 10) uploading = { id: await take(), uses: 1 };
      return uploading.id;
    };
    const key = () => ({ 'Idempotency-Key': randomUUID() });
    // A 即时检查 names inspectors and items as planning publishes them to inspection.
    const directory = await eventually(async () => {
      const team = (await sys.ds('inspection').query(`SELECT id, name, certificate_no AS "certificateNo", department FROM inspection.directory_inspector WHERE department = $1 AND status = 'active' ORDER BY id LIMIT 2`, [ENFORCEMENT]).catch(() => [])) as Record<string, string>[];
      const items = (await sys.ds('inspection').query(`SELECT code, name, version FROM inspection.listed_item ORDER BY code LIMIT 1`).catch(() => [])) as { code: string; name: string; version: number }[];
      return team.length === 2 && items.length === 1 ? { team, items } : undefined;
    }, 20_000, 'the inspector directory and item list in inspection');
    const immediate = () => ({
      target: { id: randomUUID(), name: '某某砂石有限公司', code: freshUscc(), kind: 'organisation', region: '某某镇' },
      items: directory.items.map((i) => ({ code: i.code, name: i.name, version: Number(i.version) })),
      team: directory.team.map((t) => ({ inspectorId: t.id, name: t.name, certificateNo: t.certificateNo, department: t.department })),
      reason: '群众举报夜间违规采砂\n举报电话记录在案',
      trigger: 'tip_off',
      title: '即时检查：夜间采砂',
      taskNumber: `水政〔2026〕${next()}号`,
      department: ENFORCEMENT,
      inspectionDate: TEST_TODAY,
      dueDate: '2026-11-27',
    });
    fixtures.push(
      {
        route: 'POST /assignments/:id/results', app: 'inspection', auth: bearer('inspA'), headers: key,
        prepare: async () => {
          const e = await withEvidence.get();
          return { url: `/assignments/${e.id}/results`, ctx: e };
        },
        spent: () => withEvidence.spend(),
        body: (ctx) => signedBy(ctx.id as string, result({ evidence: [ctx.sha256] }), [
          { signer: 'inspector', inspectorId: 'insp-a', image: ctx.inspectorSig },
          { signer: 'party', name: '某某砂石有限公司 王某', image: ctx.partySig },
        ]),
      },
      {
        // A correction of a confirmed result: the only valid place for correctionReason.
        route: 'POST /assignments/:id/results', app: 'inspection', auth: bearer('inspA'), headers: key,
        prepare: async () => {
          const c = await confirmed.get();
          return { url: `/assignments/${c.id}/results`, ctx: c };
        },
        spent: () => confirmed.spend(),
        body: (ctx) => signedBy(ctx.id as string, correction(), [
          { signer: 'inspector', inspectorId: 'insp-a', image: ctx.inspectorSig },
          { signer: 'party', refused: true, refusalReason: '当事人对检查结果有异议\n拒绝签字', witness: { name: '李某', role: '村委会工作人员' } },
        ]),
      },
      {
        // insp-b confirms and signs; a confirmation without a body (at a desk) is the same route with nothing to validate.
        route: 'POST /results/:resultId/confirm', app: 'inspection', auth: bearer('inspB'),
        prepare: async () => {
          const p = await signedPending.get();
          return { url: `/results/${p.resultId}/confirm`, ctx: p };
        },
        spent: () => signedPending.spend(),
        body: (ctx) => ({ signature: { image: ctx.image, signedAt: fromTestNow(-HOUR_MS / 4).toISOString() } }),
      },
      { route: 'POST /results/:resultId/dispute', app: 'inspection', auth: bearer('inspB'), prepare: async () => ({ url: `/results/${await pendingResult.get()}/dispute` }), spent: () => pendingResult.spend(), body: () => ({ reason: '第2项检查点记录与现场情况不符\n请更正' }) },
      { route: 'POST /assignments/:id/start', app: 'inspection', auth: bearer('inspA'), prepare: async () => ({ url: `/assignments/${started}/start` }) },
      { route: 'POST /assignments/:id/cancel', app: 'inspection', auth: bearer('deptOfficer'), prepare: async () => ({ url: `/assignments/${await toCancel.get()}/cancel` }), spent: () => toCancel.spend(), body: () => ({ reason: '检查对象已注销\n见市场监管局公告' }) },
      { route: 'POST /assignments/:id/evidence', app: 'inspection', auth: bearer('inspA'), prepare: async () => ({ url: `/assignments/${started}/evidence` }), upload: () => ({ data: pngNumbered(), name: 'photo.png' }) },
      {
        route: 'POST /assignments/:id/evidence/uploads', app: 'inspection', auth: bearer('inspA'),
        prepare: async () => {
          const data = pngNumbered();
          return { url: `/assignments/${await uploadTarget()}/evidence/uploads`, ctx: { sha256: createHash('sha256').update(data).digest('hex'), size: data.length } };
        },
        body: (ctx) => ({
          sha256: ctx.sha256, size: ctx.size, purpose: 'photo', fileName: '现场照片.png', capturedAt: fromTestNow(-HOUR_MS).toISOString(),
          location: { latitude: 30.27, longitude: 120.15, accuracyMeters: 8 },
        }),
      },
      {
        // A chunk of raw bytes, not JSON: the JSON bodies of the tests below are refused (415, or 400 before parsing).
        route: 'PATCH /assignments/:id/evidence/uploads/:sha256', app: 'inspection', auth: bearer('inspA'), headers: () => ({ 'Upload-Offset': '0' }),
        prepare: async () => {
          const data = pngNumbered();
          const id = await uploadTarget();
          const sha256 = await beginUpload(id, data, 'photo');
          return { url: `/assignments/${id}/evidence/uploads/${sha256}`, ctx: { data } };
        },
        raw: (ctx) => ctx.data as Buffer,
      },
      { route: 'POST /immediate-inspections', app: 'inspection', auth: bearer('enforcement'), prepare: async () => ({ url: '/immediate-inspections' }), body: immediate },
    );

    // ---- publication: decisions and their notices ----
    const base = () => ({
      department: PUB,
      partyName: '临安某某建材经营部',
      partyKind: '个体工商户',
      partyCreditCode: freshUscc(),
      partyIdNumber: ID_NUMBER,
      legalRepresentative: '王五',
      otherPersons: ['李四'],
      partyIsMinor: false,
      involvesStateSecret: false,
      involvesCommercialSecret: false,
      involvesPersonalPrivacy: false,
      endangersSecurity: false,
      documentNumber: `区水〔2026〕${next()}号`,
      decisionDate: '2026-11-18',
      authority: '区水利水电局',
      authorityCreditCode: BUREAU,
      dataSource: '区水利水电局',
      dataSourceCreditCode: BUREAU,
      remarks: '无\n（备注第二行）',
      region: '临安区',
      publish: 'draft',
    });
    const licence = (over: Record<string, unknown> = {}) => ({
      ...base(),
      documentName: '取水许可决定书',
      licenceCategory: '普通',
      certificateName: '取水许可证',
      licenceNumber: `取水(浙临)字[2026]第${next()}号`,
      licenceContent: '准予取水\n年取水量10万立方米',
      validFrom: '2026-12-01',
      validUntil: '2031-11-30',
      status: '有效',
      ...over,
    });
    const penalty = (over: Record<string, unknown> = {}) => ({
      ...base(),
      violationType: '未经批准擅自取水',
      violationFacts: '当事人未取得取水许可\n自2026年3月起擅自取水',
      legalBasis: '《中华人民共和国水法》第六十九条',
      penaltyTypes: ['罚款', '没收违法所得', '吊销许可证件'],
      penaltyContent: '罚款人民币贰万元\n没收违法所得',
      fineAmount: '2',
      confiscatedAmount: '0.2',
      suspendedOrRevokedLicence: '取水许可证 取水(浙临)字[2020]第1号',
      penaltyValidUntil: '2027-11-18',
      displayUntil: '2027-11-18',
      procedure: '普通程序',
      restrictionMonths: 12,
      lifetimeRestriction: false,
      serious: false,
      major: false,
      ...over,
    });
    const create = async (kind: 'licences' | 'penalties', body: Record<string, unknown>) => {
      const res = await http('publication').post(`/decisions/${kind}`).set('Authorization', `Bearer ${auth.pub}`).send(body);
      expect([kind, res.status, res.body]).toEqual([kind, 201, expect.objectContaining({ notice: expect.objectContaining({ id: expect.any(String) }) })]);
      return res.body as { id: string; documentNumber: string; notice: { id: string } };
    };
    const editLicence = await create('licences', licence());
    const editPenalty = await create('penalties', penalty());
    const draft = new Fresh(async () => (await create('licences', licence())).notice.id);
    const scheduled = new Fresh(async () => {
      const id = (await create('licences', licence())).notice.id;
      await http('publication').post(`/notices/${id}/schedule`).set('Authorization', `Bearer ${auth.pub}`).send({ publishAt: fromTestNow(DAY_MS).toISOString() }).expect(200);
      return id;
    });
    const published = new Fresh(async () => (await create('licences', licence({ publish: 'now' }))).notice.id);
    // Published in January: past the three months before early removal, still on display.
    const oldPenalty = new Fresh(async () => (await create('penalties', penalty({ decisionDate: '2026-01-05', publishedOn: '2026-01-06', publish: 'now', penaltyValidUntil: undefined, displayUntil: undefined, penaltyTypes: ['罚款'], confiscatedAmount: undefined, suspendedOrRevokedLicence: undefined, restrictionMonths: undefined, lifetimeRestriction: undefined }))).notice.id);
    const noticeBy = (f: Fresh<string>, action: string) => async () => ({ url: `/notices/${await f.get()}/${action}` });
    // A major penalty (吊销许可证件) waiting for legal review (法制审核).
    const underReview = new Fresh(async () => (await create('penalties', penalty())).id);
    fixtures.push(
      { route: 'POST /decisions/licences', app: 'publication', auth: bearer('pub'), prepare: async () => ({ url: '/decisions/licences' }), body: () => licence() },
      { route: 'POST /decisions/penalties', app: 'publication', auth: bearer('pub'), prepare: async () => ({ url: '/decisions/penalties' }), body: () => penalty() },
      { route: 'PUT /decisions/licences/:id', app: 'publication', auth: bearer('pub'), prepare: async () => ({ url: `/decisions/licences/${editLicence.id}` }), body: () => ({ ...licence({ documentNumber: editLicence.documentNumber }), correctionReason: '许可编号录入错误\n予以更正' }) },
      { route: 'PUT /decisions/penalties/:id', app: 'publication', auth: bearer('pub'), prepare: async () => ({ url: `/decisions/penalties/${editPenalty.id}` }), body: () => ({ ...penalty({ documentNumber: editPenalty.documentNumber }), correctionReason: '罚款金额录入错误\n予以更正' }) },
      {
        route: 'POST /decisions/import', app: 'publication', auth: bearer('pub'), prepare: async () => ({ url: '/decisions/import?kind=licence' }),
        upload: () => {
          const n = next();
          const header = '行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,行政许可决定文书名称,行政许可决定文书号,许可类别,许可证书名称,许可编号,许可内容,许可决定日期,有效期自,有效期至,许可机关,许可机关统一社会信用代码,当前状态';
          return { data: Buffer.from(`${header}\n导入水务有限公司${n},法人及非法人组织,${freshUscc()},赵六,取水许可决定书,区水许〔2026〕导${n}号,普通,取水许可证,B330100S2026-${n},取水量每年5万立方米,2026-11-18,2026-11-18,2031-11-17,区水利水电局,${BUREAU},有效\n`), name: 'licences.csv' };
        },
      },
      { route: 'POST /notices/:id/publish', app: 'publication', auth: bearer('pub'), prepare: noticeBy(draft, 'publish'), spent: () => draft.spend() },
      { route: 'POST /notices/:id/schedule', app: 'publication', auth: bearer('pub'), prepare: noticeBy(draft, 'schedule'), spent: () => draft.spend(), body: () => ({ publishAt: fromTestNow(DAY_MS).toISOString() }) },
      { route: 'POST /notices/:id/unschedule', app: 'publication', auth: bearer('pub'), prepare: noticeBy(scheduled, 'unschedule'), spent: () => scheduled.spend() },
      { route: 'POST /notices/:id/withdraw', app: 'publication', auth: bearer('pub'), prepare: noticeBy(published, 'withdraw'), spent: () => published.spend(), body: () => ({ reason: '行政复议决定撤销原许可决定\n（复议决定书附后）', revokedOn: TEST_TODAY }) },
      { route: 'POST /decisions/:id/review/approve', app: 'publication', auth: bearer('legal'), prepare: async () => ({ url: `/decisions/${await underReview.get()}/review/approve` }), spent: () => underReview.spend() },
      { route: 'POST /decisions/:id/review/reject', app: 'publication', auth: bearer('legal'), prepare: async () => ({ url: `/decisions/${await underReview.get()}/review/reject` }), spent: () => underReview.spend(), body: () => ({ reason: '处罚依据引用条款有误\n请核对后更正' }) },
      { route: 'POST /notices/:id/remove-early', app: 'publication', auth: bearer('pub'), prepare: noticeBy(oldPenalty, 'remove-early'), spent: () => oldPenalty.spend(), body: () => ({ reason: '信用修复申请已核准\n编号XF-2026-001' }) },
    );

    // ---- console: its routes ride on the session cookie and the CSRF header, not on a bearer token ----
    const CONSOLE_PASSWORD = 'hardening-console-password-1';
    const consoleApp = sys.apps.console.app;
    const hash = await hashPassword(CONSOLE_PASSWORD);
    await consoleApp.get(DataSource).transaction(async (m) => {
      const accounts = consoleApp.get(AccountsService);
      await accounts.insert(m, { username: 'h-admin', displayName: '加固测试管理员', roles: ['admin'], department: null, mustChangePassword: false }, hash);
      await accounts.insert(m, { username: 'h-login', displayName: '加固测试登录', roles: ['officer'], department: WATER, mustChangePassword: false }, hash);
      await accounts.insert(m, { username: 'h-user', displayName: '加固测试用户', roles: ['officer'], department: WATER, mustChangePassword: false }, hash);
    });
    type ConsoleBrowser = { cookie: string; csrf: string };
    const consoleLogin = async (username: string, password = CONSOLE_PASSWORD): Promise<ConsoleBrowser> => {
      const res = await http('console').post('/auth/login').send({ username, password });
      expect([username, res.status]).toEqual([username, 200]);
      const jar = Object.fromEntries(([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0].split('=')));
      return { cookie: `sc_session=${jar.sc_session}; sc_csrf=${jar.sc_csrf}`, csrf: decodeURIComponent(jar.sc_csrf) };
    };
    const session = (b: ConsoleBrowser) => ({ Cookie: b.cookie, 'X-CSRF-Token': b.csrf });
    const viaSession = () => 'Bearer not-read-by-the-console';
    const consoleAdmin = await consoleLogin('h-admin');
    const consoleGet = (path: string, b: ConsoleBrowser) => http('console').get(path).set('Cookie', b.cookie);
    // The inspector directory reaches the console from planning's demo load.
    const consoleDirectory = await eventually(async () => {
      const list = (await consoleGet('/auth/directory/inspectors', consoleAdmin)).body as { id: string }[];
      return list.length >= 2 ? list : undefined;
    }, 20_000, 'the console’s inspector directory');
    // An inspector is linked to one account at most: the account edited below holds the first entry, new ones link the second.
    const directoryEntry = consoleDirectory[0];
    const accountBody = () => ({ username: `h-acc-${next()}`, displayName: '测试检查员', roles: ['inspector'], department: WATER, inspectorId: consoleDirectory[1].id });
    const editAccount = (await http('console').post('/auth/accounts').set(session(consoleAdmin)).send({ ...accountBody(), inspectorId: directoryEntry.id }).expect(201)).body.account.id as string;
    let forLogout: ConsoleBrowser;
    const logoutSession = new Fresh(() => consoleLogin('h-user'));
    let forRevoke: ConsoleBrowser;
    const sessionToRevoke = new Fresh(async () => {
      const b = await consoleLogin('h-user');
      const mine = ((await consoleGet('/auth/sessions', b)).body as { id: string; current: boolean }[]).find((x) => x.current)!;
      return { b, id: mine.id };
    });
    let forPassword: { b: ConsoleBrowser; password: string };
    const passwordUser = new Fresh(async () => {
      const made = await http('console').post('/auth/accounts').set(session(consoleAdmin)).send({ username: `h-pw-${next()}`, displayName: '改密测试', roles: ['officer'], department: WATER }).expect(201);
      const password = made.body.initialPassword as string;
      return { b: await consoleLogin(made.body.account.username, password), password };
    });
    fixtures.push(
      { route: 'POST /auth/login', app: 'console', auth: viaSession, prepare: async () => ({ url: '/auth/login' }), body: () => ({ username: 'h-login', password: CONSOLE_PASSWORD }) },
      {
        route: 'POST /auth/logout', app: 'console', auth: viaSession, headers: () => session(forLogout), spent: () => logoutSession.spend(),
        prepare: async () => ((forLogout = await logoutSession.get()), { url: '/auth/logout' }),
      },
      {
        route: 'POST /auth/password', app: 'console', auth: viaSession, headers: () => session(forPassword.b), spent: () => passwordUser.spend(),
        prepare: async () => ((forPassword = await passwordUser.get()), { url: '/auth/password', ctx: { current: forPassword.password } }),
        body: (ctx) => ({ currentPassword: ctx.current as string, newPassword: `h-new-password-${next()}` }),
      },
      {
        route: 'DELETE /auth/sessions/:id', app: 'console', auth: viaSession, headers: () => session(forRevoke), spent: () => sessionToRevoke.spend(),
        prepare: async () => {
          const s = await sessionToRevoke.get();
          forRevoke = s.b;
          return { url: `/auth/sessions/${s.id}` };
        },
      },
      { route: 'POST /auth/accounts', app: 'console', auth: viaSession, headers: () => session(consoleAdmin), prepare: async () => ({ url: '/auth/accounts' }), body: accountBody },
      {
        route: 'PATCH /auth/accounts/:id', app: 'console', auth: viaSession, headers: () => session(consoleAdmin), prepare: async () => ({ url: `/auth/accounts/${editAccount}` }),
        body: () => ({ displayName: '测试检查员（更名）', roles: ['inspector'], department: WATER, inspectorId: directoryEntry.id, status: 'active' }),
      },
      { route: 'POST /auth/accounts/:id/reset-password', app: 'console', auth: viaSession, headers: () => session(consoleAdmin), prepare: async () => ({ url: `/auth/accounts/${editAccount}/reset-password` }) },
    );
  }, 180_000);

  afterAll(async () => {
    await sys?.close();
  });

  afterEach(() => {
    // Whatever a test expected, no request of it may have answered 5xx.
    const found = fiveHundreds;
    fiveHundreds = [];
    expect(found).toEqual([]);
  });

  it('has a fixture for every write route of the four apps, and every fixture body passes validation and names every text field of its DTO', async () => {
    const routes = [...new Set(registered.map((r) => r.key))].sort();
    expect([...new Set(fixtures.map((f) => f.route))].sort()).toEqual(routes);
    const gaps: string[] = [];
    for (const f of fixtures) {
      const dto = dtoOf(f);
      if (!f.body) {
        if (dto) gaps.push(`${f.route}: takes a ${dto.name} but the fixture has no body`);
        continue;
      }
      if (!dto) {
        gaps.push(`${f.route}: has a fixture body but no @Body() DTO`);
        continue;
      }
      const p = await f.prepare();
      const body = f.body(p.ctx ?? {});
      gaps.push(...(await validationProblems(dto, body)).map((e) => `${f.route}: ${e}`));
      const { textWithoutShared } = bodyFields(dto, body);
      gaps.push(...textWithoutShared.map((t) => `${f.route}: ${t} is a string field without IsPlainText or IsMultilineText`));
    }
    // Every text field of every DTO is in some fixture body of its route.
    for (const route of routes) {
      const mine = fixtures.filter((f) => f.route === route && f.body);
      const dto = registered.find((r) => r.key === route)?.body;
      if (!dto || !mine.length) continue;
      const missing = new Map<string, number>();
      for (const f of mine) {
        const p = await f.prepare();
        for (const m of bodyFields(dto, f.body!(p.ctx ?? {})).missingText) missing.set(m, (missing.get(m) ?? 0) + 1);
      }
      gaps.push(...[...missing].filter(([, n]) => n === mine.length).map(([m]) => `${route}: no fixture body carries ${m}`));
    }
    expect(gaps).toEqual([]);
  });

  it('accepts each valid request (so the refusals below come from the bad part alone), and records each in the audit trail once (执法全过程记录)', async () => {
    const failures: string[] = [];
    for await (const f of phases()) {
      const p = await f.prepare();
      const requestId = `valid-${next()}`;
      const [method] = f.route.split(' ');
      let r = http(f.app)[method.toLowerCase() as 'post'](p.url).set('Authorization', f.auth()).set('X-Request-Id', requestId);
      for (const [k, v] of Object.entries(f.headers?.() ?? {})) r = r.set(k, v);
      const upload = f.upload?.();
      const res = await (upload
        ? r.attach('file', upload.data, upload.name)
        : f.raw ? r.set('Content-Type', 'application/offset+octet-stream').send(f.raw(p.ctx ?? {})) : f.body ? r.send(f.body(p.ctx ?? {})) : r);
      if (res.status >= 300) {
        failures.push(`${f.route}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        continue;
      }
      f.spent?.();
      // Every write route is read from Nest's router and has a fixture (above): a route whose change is not recorded fails here.
      // An import writes its job row and its rows in transactions of their own: a record each, under the one request id.
      const rows = (await sys.ds(f.app).query(`SELECT subject, action FROM "${f.app}".audit_record WHERE request_id = $1`, [requestId])) as { subject: string; action: string }[];
      const counted = f.noOp ? rows.length === 0 : upload && f.route.includes('/import') ? rows.length >= 1 : rows.length === 1;
      if (!counted) failures.push(`${f.route}: ${rows.length} audit records`);
      if (rows.some((x) => x.action !== f.route || x.subject === 'anonymous')) failures.push(`${f.route}: recorded as ${JSON.stringify(rows)}`);
    }
    // The demo's first loads, in the set-up: the bureau in one transaction, its 2020 draws in one per step.
    for (const [requestId, min] of [['setup-demo-load', 1], ['setup-demo-load-2020', 2]] as const) {
      const [{ n }] = (await sys.ds('planning').query(`SELECT count(*)::int AS n FROM planning.audit_record WHERE request_id = $1 AND subject = 'admin-h'`, [requestId])) as { n: number }[];
      if (n < min) failures.push(`${requestId}: ${n} audit records`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses JSON nested deeper than 64 levels on every write route before parsing it (400), and a body over the size limit (413)', async () => {
    const deepObject = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000); // ~18 KB, as in the probe
    const deepArray = '['.repeat(3000) + ']'.repeat(3000);
    for await (const f of phases()) {
      await refused(f, deepObject, '3,000 nested objects');
      await refused(f, deepArray, '3,000 nested arrays');
    }
    const penalties = fixtures.find((f) => f.route === 'POST /decisions/penalties')!;
    const res = await send(penalties, '['.repeat(65) + ']'.repeat(65));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('more than 64 levels');
    // 64 levels are parsed; the DTO then refuses the array.
    const ok = await send(penalties, '['.repeat(64) + ']'.repeat(64));
    expect(ok.status).toBe(400);
    expect(JSON.stringify(ok.body.message)).not.toContain('levels');
    // Brackets inside strings are text, not nesting.
    const text = await send(penalties, JSON.stringify({ ...penalties.body!({}), remarks: '['.repeat(500) }));
    expect(text.status).toBe(201);
    await refused(penalties, JSON.stringify({ remarks: 'x'.repeat(1_100_000) }), 'a 1.1 MB body', 413);
    // A form body is bounded the same way (qs's own depth limit, strict).
    const form = await http('publication').post('/decisions/penalties').set('Authorization', penalties.auth()).type('form').send(`a${'[a]'.repeat(40)}=1`);
    expect([form.status, form.body.message]).toEqual([400, 'The input exceeded the depth']);
  });

  it('refuses NUL and \\u0001 in every text field of every write DTO, nested and list fields included (400, nothing written)', async () => {
    let tried = 0;
    for await (const f of phases()) {
      const dto = dtoOf(f);
      if (!dto || !f.body) continue;
      const p = await f.prepare();
      const body = f.body(p.ctx ?? {});
      const texts = bodyFields(dto, body).fields.filter((x) => typeof x.value === 'string');
      for (const field of texts) {
        for (const bad of ['\u0000', '\u0001']) {
          const value = field.value as string;
          const spoiled = withValue(f.body((await f.prepare()).ctx ?? {}), field.path, `${value.slice(0, 1)}${bad}${value.slice(1)}`);
          await refused(f, spoiled, `${JSON.stringify(bad)} in ${pathText(field.path)}`);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(300);
  });

  it('accepts tab and line breaks only in multi-line text fields', async () => {
    const penalties = fixtures.find((f) => f.route === 'POST /decisions/penalties')!;
    expect((await send(penalties, { ...penalties.body!({}), violationFacts: '第一段\r\n\t第二段' })).status).toBe(201);
    await refused(penalties, { ...penalties.body!({}), partyName: '某某\n公司' }, 'a line break in partyName');
    await refused(penalties, { ...penalties.body!({}), partyName: '某某\t公司' }, 'a tab in partyName');
    await refused(penalties, { ...penalties.body!({}), violationFacts: '事实\u007f' }, 'DEL in violationFacts');
    await refused(penalties, { ...penalties.body!({}), violationFacts: '事实\ud800' }, 'a lone surrogate in violationFacts');
  });

  it('refuses a missing, null or malformed nested object that the code needs (400, nothing written)', async () => {
    const required: string[] = [];
    for await (const f of phases()) {
      const dto = dtoOf(f);
      if (!dto || !f.body) continue;
      const p = await f.prepare();
      for (const field of bodyFields(dto, f.body(p.ctx ?? {})).fields.filter((x) => x.nested)) {
        if (!field.optional) required.push(`${f.route} ${pathText(field.path)}`);
        const shapes: [string, unknown][] = [['a string', 'x'], ['a number', 1], ['an empty list', []], ['a list of lists', [[]]], ['a list of null', [null]]];
        if (!field.optional) shapes.push(['nothing', undefined], ['null', null]);
        for (const [what, value] of shapes) {
          // A list of nested objects may be an empty list; the other shapes are wrong everywhere.
          if (what === 'an empty list' && Array.isArray(field.value)) continue;
          await refused(f, withValue(f.body((await f.prepare()).ctx ?? {}), field.path, value), `${what} as ${pathText(field.path)}`);
        }
      }
    }
    expect(required).toEqual(expect.arrayContaining([
      'POST /items targetScope', 'POST /items defaultRatios', 'PUT /items/:code targetScope', 'PUT /items/:code defaultRatios', 'POST /immediate-inspections target',
    ]));
  });

  it('refuses a null amount (400, nothing written) and answers null in any other optional field without a 5xx', async () => {
    for (const route of ['POST /decisions/penalties', 'PUT /decisions/penalties/:id']) {
      const f = fixtures.find((x) => x.route === route)!;
      for (const amount of ['fineAmount', 'confiscatedAmount']) await refused(f, { ...f.body!({}), [amount]: null }, `${amount}: null`);
    }
    let tried = 0;
    for await (const f of phases()) {
      const dto = dtoOf(f);
      if (!dto || !f.body) continue;
      const p = await f.prepare();
      for (const field of bodyFields(dto, f.body(p.ctx ?? {})).fields.filter((x) => x.optional)) {
        const q = await f.prepare();
        const before = await sys.rowCounts(f.app);
        const res = await send(f, withValue(f.body(q.ctx ?? {}), field.path, null), q);
        const label = `${f.route} with ${pathText(field.path)}: null → ${res.status} ${said(res)}`;
        expect([label, res.status < 500]).toEqual([label, true]);
        if (res.status >= 400) expect([label, await sys.rowCounts(f.app)]).toEqual([label, before]);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(50);
  });

  it('property: random JSON bodies on every write route never answer 5xx, and a 4xx writes nothing', async () => {
    const random = seededRandom(20261120);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const STRINGS = ['', ' ', 'x', '中文', '\u0000', 'a\u0001b', '\u007f', '\ud800', '9'.repeat(40), 'x'.repeat(10_000), '2026-13-45', '2026-02-30', '../../etc/passwd', "'; DROP TABLE x; --", '<script>', '1e309', 'null', randomUUID(), '-1', 'SL-ZD-05', '罚款', 'organisation', '普通程序', 'A'];
    const NUMBERS = [0, -1, 1, 1.5, 1e308, -1e308, 2 ** 53, 0.000001, 3.14159];
    const value = (depth: number): unknown => {
      const r = random();
      if (depth <= 0 || r < 0.35) return pick<unknown>([null, true, false, pick(NUMBERS), pick(STRINGS), pick(STRINGS)]);
      if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth - 1));
      if (r < 0.62) return JSON.parse('['.repeat(60) + ']'.repeat(60)) as unknown;
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(['a', 'id', 'name', '__proto__', 'constructor', '0', 'x y']), value(depth - 1)]));
    };
    /** Replaces, removes or adds one node of a valid body. */
    const mutate = (body: Record<string, unknown>): Record<string, unknown> => {
      const paths: (string | number)[][] = [];
      const walk = (node: unknown, at: (string | number)[]) => {
        if (at.length) paths.push(at);
        if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...at, Array.isArray(node) ? Number(k) : k]);
      };
      walk(body, []);
      const at = pick(paths);
      const r = random();
      if (r < 0.15) return withValue(body, at, undefined);
      if (r < 0.25) return { ...body, [pick(['extra', 'id', 'createdAt', 'status'])]: value(2) };
      const current = valueAt(body, at);
      return withValue(body, at, typeof current === 'string' && r < 0.45 ? `${current}${pick(STRINGS)}` : value(3));
    };
    const PER_ROUTE = 8;
    let sent = 0;
    const statuses = new Map<number, number>();
    for await (const f of phases()) {
      for (let i = 0; i < PER_ROUTE; i++) {
        const p = await f.prepare();
        const valid = f.body?.(p.ctx ?? {});
        const body = valid && random() < 0.7 ? mutate(valid) : value(3);
        const raw = JSON.stringify(body) ?? 'null';
        const before = await sys.rowCounts(f.app);
        const res = await send(f, raw, p);
        sent++;
        const label = `${f.route} ${raw.slice(0, 300)} → ${res.status} ${said(res)}`;
        expect([label, res.status < 500]).toEqual([label, true]);
        if (res.status >= 400) expect([label, await sys.rowCounts(f.app)]).toEqual([label, before]);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }
    expect(sent).toBe(PER_ROUTE * fixtures.length);
    // The mutations stay close enough to valid bodies that some are accepted: the services, not only the pipe, are exercised.
    const accepted = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    expect(accepted).toBeGreaterThan(sent / 10);
    // Hundreds of requests over five apps: about 20 s on a quiet machine, several times that on a busy CI one.
  }, 180_000);

  describe('security headers', () => {
    const expectHardened = (what: string, res: request.Response) => {
      const h = res.headers as Record<string, string | undefined>;
      expect([what, h['x-content-type-options'], h['x-powered-by'], h['referrer-policy'] !== undefined, h['x-frame-options'] === 'DENY' || /frame-ancestors 'none'/.test(h['content-security-policy'] ?? '')])
        .toEqual([what, 'nosniff', undefined, true, true]);
    };

    it('are on every kind of response of every app: JSON, errors, 404s, /docs, /health', async () => {
      for (const app of APP_NAMES) {
        for (const path of ['/health', '/docs', '/docs/openapi.json', '/no-such-page', '/no-such-page.json']) {
          expectHardened(`${app} ${path}`, await http(app).get(path));
        }
        expectHardened(`${app} a 401`, await http(app).post('/x'));
        expectHardened(`${app} a 400`, await http(app).post('/x').set('Content-Type', 'application/json').send('{"a":'));
      }
      expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    });

    it('are on the portal’s pages, feed, CSV and API, and the pages keep their own CSP', async () => {
      for (const path of ['/', '/feed.atom', '/api/v1/notices', '/api/v1/notices.csv', '/search.csv', '/open-data', '/tasks', '/assets/verifier.js', '/notices/00000000-0000-0000-0000-000000000000']) {
        expectHardened(`portal ${path}`, await http('portal').get(path));
      }
      const page = await http('portal').get('/');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    });
  });

  describe('evidence', () => {
    let assignment: string;
    const upload = (data: Buffer, name: string) => http('inspection').post(`/assignments/${assignment}/evidence`).set('Authorization', `Bearer ${auth.inspA}`).attach('file', data, name);

    beforeAll(async () => {
      assignment = (await fixtures.find((f) => f.route === 'POST /assignments/:id/start')!.prepare()).url.split('/')[2];
    });

    it('is downloaded as an attachment with the type recognised at upload', async () => {
      const up = await upload(pngNumbered(), 'photo.html').expect(201);
      const res = await http('inspection').get(`/assignments/${assignment}/evidence/${up.body.sha256}`).set('Authorization', `Bearer ${auth.inspA}`).expect(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${up.body.sha256}.png"`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain('sandbox');
    });

    it('refuses HTML and script at upload (415), writing nothing: a PNG header followed by HTML, a PDF with /JS or /JavaScript', async () => {
      const pdf = (...body: (string | Buffer)[]) => Buffer.concat([Buffer.from('%PDF-1.7\n'), ...body.map((b) => (typeof b === 'string' ? Buffer.from(b, 'latin1') : b)), Buffer.from('\n%%EOF\n')]);
      const bad: [string, Buffer][] = [
        ['a PNG header followed by HTML', Buffer.concat([PNG, Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>')])],
        ['a JPEG with a script tag', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20), Buffer.from('<script src=//evil.example/x.js></script>')])],
        ['a PDF with /JavaScript', pdf('1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj')],
        ['a PDF with /JS only', pdf('1 0 obj << /AA << /O << /JS 2 0 R >> >> >> endobj')],
        ['a PDF with the script in an object stream', pdf('1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n', deflateSync(Buffer.from('2 0 << /S /JavaScript /JS (x) >>')), '\nendstream\nendobj')],
      ];
      const before = await sys.rowCounts('inspection');
      for (const [what, data] of bad) {
        const res = await upload(data, 'evidence.bin');
        expect([what, res.status]).toEqual([what, 415]);
      }
      expect(await sys.rowCounts('inspection')).toEqual(before);
      await upload(pdf('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj'), 'plain.pdf').expect(201);
    });
  });
});
