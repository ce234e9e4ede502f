import 'reflect-metadata';
import { DataSource } from 'typeorm';
import {
  DrawAnnounced,
  DrawCompleted,
  DrawRevealed,
  ItemsPublished,
  NoticeCorrected,
  NoticeExpired,
  NoticePublished,
  NoticeWithdrawn,
  deadLetterStreamName,
  eventStreamName,
  eventSubject,
  type NoticePublishedPayload,
} from '#contracts';
import { containsPersonalData, idNumberCheckDigit } from '#domain';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { creditCode, notice, publish } from '../browser/portal-fixtures.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { eventually, testPrefix } from '../support/test-env.js';

const ID17 = '11010519491231002';
const ID_NUMBER = ID17 + idNumberCheckDigit(ID17);

describe('portal read model, search, open data and statistics (real PostgreSQL and JetStream)', () => {
  let db: TestDatabase;
  let prefix: string;
  let probe: NatsProbe;
  let portal: RunningApp;
  let sql: DataSource;

  const get = (path: string) => fetch(portal.url + path);
  const json = async <T = Record<string, unknown>>(path: string): Promise<T> => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const version = async (id: string): Promise<number | undefined> =>
    ((await sql.query(`SELECT version FROM portal.notice WHERE id = $1`, [id])) as { version: number }[])[0]?.version;
  const searchIds = async (query: string): Promise<string[]> => {
    const ids: string[] = [];
    let next: string | undefined = `/api/v1/notices?${query}&limit=100`;
    while (next) {
      const page: { items: { id: string }[]; links: { next?: string } } = await json(next);
      ids.push(...page.items.map((i) => i.id));
      next = page.links.next;
    }
    return ids.sort();
  };

  beforeAll(async () => {
    db = await createTestDatabase('portal');
    prefix = testPrefix('portal');
    probe = await NatsProbe.connect();
    portal = await startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { outboxPollMs: 50 }), db.url, prefix);
    sql = portal.app.get(DataSource);
  });

  afterAll(async () => {
    await portal?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await db?.drop();
  });

  it('shows a published notice in search (two-character term), on its detail page and in the feed', async () => {
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'pub-1', body: '当事人在河道管理范围内非法采砂，罚款人民币五万元。' }));
    await eventually(async () => (await version('pub-1')) === 1, 10_000, 'notice ingested');
    const page: { items: { id: string; url: string }[] } = await json(`/api/v1/notices?q=${encodeURIComponent('采砂')}`);
    expect(page.items.map((i) => i.id)).toEqual(['pub-1']);
    const html = await (await get(page.items[0].url)).text();
    expect(html).toContain('非法采砂');
    expect(html).toContain('lang="zh-CN"');
    // No PORTAL_PUBLIC_URL configured: links use the URL the portal listens on, not the Host header.
    expect(await (await get('/feed.atom')).text()).toContain(`<id>${portal.url}/notices/pub-1</id>`);
  });

  it('replaces a corrected notice, and ignores an older version arriving late', async () => {
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'cor-1', body: '原文：擅自取水，罚款一万元。' }));
    await eventually(async () => (await version('cor-1')) === 1, 10_000, 'v1');
    await publish(probe, prefix, NoticeCorrected, { ...notice({ noticeId: 'cor-1', version: 2, body: '更正：擅自设置排污口，罚款三万元。' }), reason: '文字错误' });
    await eventually(async () => (await version('cor-1')) === 2, 10_000, 'v2');
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'cor-1', version: 1, body: '原文：擅自取水，罚款一万元。' }));
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'marker-1' }));
    await eventually(async () => (await version('marker-1')) === 1, 10_000, 'later event');
    expect(await searchIds(`q=${encodeURIComponent('排污')}`)).toEqual(['cor-1']);
    expect(await searchIds(`q=${encodeURIComponent('擅自取水')}`)).toEqual([]);
    const detail: { body: string; version: number } = await json('/api/v1/notices/cor-1');
    expect(detail).toMatchObject({ version: 2, body: '更正：擅自设置排污口，罚款三万元。' });
  });

  it('removes a withdrawn notice from search, detail (410), firm page, CSV and feed at once', async () => {
    const code = creditCode(777);
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'wd-1', creditCode: code, partyName: '撤回测试水电站', body: '违规蓄水发电，警告。' }));
    await eventually(async () => (await version('wd-1')) === 1, 10_000, 'published');
    expect(await (await get(`/firms/${code}`)).text()).toContain('撤回测试水电站');
    await publish(probe, prefix, NoticeWithdrawn, { noticeId: 'wd-1', version: 1, kind: 'penalty', department: '区水利水电局', at: '2024-06-01T00:00:00Z', reason: '行政复议撤销' });
    await eventually(async () => (await get('/api/v1/notices/wd-1')).status === 410, 10_000, 'withdrawn');

    expect(await searchIds(`q=${encodeURIComponent('蓄水')}`)).toEqual([]);
    const page = await get('/notices/wd-1');
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('已撤回');
    expect(await (await get(`/firms/${code}`)).text()).not.toContain('撤回测试水电站');
    expect(((await json(`/api/v1/firms/${code}`)) as { items: unknown[] }).items).toEqual([]);
    expect(await (await get(`/search.csv?creditCode=${code}`)).text()).not.toContain('撤回测试水电站');
    expect(await (await get('/feed.atom')).text()).not.toContain('wd-1');
    expect((await get('/notices/never-existed')).status).toBe(404);
  });

  it('changes nothing when the same event is delivered twice', async () => {
    const env = await publish(probe, prefix, NoticePublished, notice({ noticeId: 'dup-1', body: '重复投递测试：未按规定开展水土保持监测。' }));
    await eventually(async () => (await version('dup-1')) === 1, 10_000, 'first delivery');
    const before = (await sql.query(`SELECT updated_at FROM portal.notice WHERE id = 'dup-1'`)) as { updated_at: Date }[];
    await probe.publish(eventSubject(prefix, NoticePublished.type), env, `again-${env.id}`);
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'marker-2' }));
    await eventually(async () => (await version('marker-2')) === 1, 10_000, 'later event');
    const after = (await sql.query(`SELECT updated_at FROM portal.notice WHERE id = 'dup-1'`)) as { updated_at: Date }[];
    expect(after[0].updated_at).toEqual(before[0].updated_at);
    const inbox = (await sql.query(`SELECT count(*)::int AS n FROM portal.inbox_entry WHERE event_id = $1`, [env.id])) as { n: number }[];
    expect(inbox[0].n).toBe(1);
  });

  it('finds exactly what a brute-force LIKE finds, for two-, one- and longer terms', async () => {
    const words = ['水利', '采砂', '罚款', '河道', '取水', '许可', '水电站', '堤防', '监测', '整改', '利水', '水', '砂石', '工程'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]).join('');
    const kinds = ['licence', 'penalty', 'spot_check'] as const;
    for (let i = 0; i < 60; i++) {
      await publish(probe, prefix, NoticePublished, notice({
        noticeId: `bf-${i}`, kind: kinds[i % 3], partyName: `${pick(2)}有限公司`, title: `${pick(1)}决定`, documentNumber: `区水〔2024〕${i}号`,
        body: `${pick(6)}。`, fields: { 违法事实: pick(3) }, creditCode: creditCode(200 + i),
      }));
    }
    await eventually(async () => ((await sql.query(`SELECT count(*)::int AS n FROM portal.notice WHERE id LIKE 'bf-%'`)) as { n: number }[])[0].n === 60, 15_000, 'seeded');
    for (const term of ['水利', '采砂', '罚款', '利水', '水', '水电站', '区水〔2024〕1', '砂石 工程']) {
      const terms = term.split(' ');
      const like = terms.map((_, k) => `(party_name || ' ' || coalesce(document_number, '') || ' ' || coalesce(credit_code, '') || ' ' || title || ' ' || coalesce(outcome, '') || ' ' || body || ' ' || fields::text) LIKE '%' || $${k + 1} || '%'`).join(' AND ');
      const expected = ((await sql.query(`SELECT id FROM portal.notice WHERE status = 'public' AND ${like} ORDER BY id`, terms)) as { id: string }[]).map((r) => r.id).sort();
      expect({ term, ids: await searchIds(`q=${encodeURIComponent(term)}`) }).toEqual({ term, ids: expected });
      if (term === '水利') expect(expected.length).toBeGreaterThan(5);
    }
    const filtered = await searchIds(`q=${encodeURIComponent('水利')}&kind=licence`);
    expect(filtered.length).toBeGreaterThan(0);
    const kindsOf = (await sql.query(`SELECT DISTINCT kind FROM portal.notice WHERE id = ANY($1)`, [filtered])) as { kind: string }[];
    expect(kindsOf).toEqual([{ kind: 'licence' }]);
  });

  it('never shows an ID number, mobile number or bank card on any public surface', async () => {
    const leaky = (i: number): NoticePublishedPayload =>
      notice({
        noticeId: `pd-${i}`, kind: i === 0 ? 'spot_check' : 'penalty', creditCode: creditCode(900 + i), partyName: `隐私测试${i}号砂场`,
        body: `隐私测试：当事人身份证号${ID_NUMBER}，联系电话13912345678，收款账户卡号6222021234567890128，罚款已缴纳。`,
        fields: { 违法事实: `联系人手机 139 1234 5678，身份证${ID_NUMBER}`, 备注: ['银行卡 6222 0212 3456 7890 128'] },
        spotCheck: i === 0 ? { inspectionKind: 'random', channel: 'mobile', items: [{ code: 'SL-01', name: '取水许可检查', version: 1 }], outcome: '未发现问题', inspectionDate: '2024-06-02', drawId: 'draw-pd' } : undefined,
      });
    for (let i = 0; i < 3; i++) await publish(probe, prefix, NoticePublished, leaky(i));
    await eventually(async () => ((await sql.query(`SELECT count(*)::int AS n FROM portal.notice WHERE id LIKE 'pd-%'`)) as { n: number }[])[0].n === 3, 10_000, 'seeded');
    const masked = (await sql.query(`SELECT count(*)::int AS n FROM portal.notice WHERE id LIKE 'pd-%' AND masked`)) as { n: number }[];
    expect(masked[0].n).toBe(3);

    const paths = [
      '/', '/search?q=' + encodeURIComponent('隐私测试'), '/api/v1/notices?q=' + encodeURIComponent('隐私测试'), '/search.csv', '/api/v1/notices.csv?q=' + encodeURIComponent('隐私'),
      '/feed.atom', '/items', '/api/v1/items', '/tasks', '/api/v1/draws', '/statistics?year=2024', '/api/v1/statistics?year=2024', '/api/v1/facets', '/open-data', '/officers', '/api/v1/officers', '/badge?t=x', '/api/v1/badge?t=x',
      ...[0, 1, 2].flatMap((i) => [`/notices/pd-${i}`, `/api/v1/notices/pd-${i}`, `/firms/${creditCode(900 + i)}`, `/api/v1/firms/${creditCode(900 + i)}`]),
    ];
    for (const path of paths) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const text = await res.text();
      if (path.includes('pd-') || path.includes(encodeURIComponent('隐私'))) expect(text).toContain('隐私测试');
      expect({ path, leaks: containsPersonalData(text, { publicCodes: [creditCode(900), creditCode(901), creditCode(902)] }) }).toEqual({ path, leaks: false });
    }
  });

  it('computes the annual-report figures of a year from the events', async () => {
    const d = '区水利水电局';
    const sends: Promise<unknown>[] = [];
    const itemCodes = Array.from({ length: 13 }, (_, i) => `SL-${String(i + 1).padStart(2, '0')}`);
    sends.push(publish(probe, prefix, ItemsPublished, {
      department: d, publishedAt: '2020-01-10T00:00:00Z',
      items: itemCodes.map((code, i) => ({ code, name: `事项${i + 1}`, category: i < 8 ? '重点' : '一般', legalBasis: '《水法》', department: d, method: '现场检查', checkPoints: ['资料'], targetScope: '取水单位', version: 1 })),
    } as never));
    for (let i = 0; i < 237; i++) sends.push(publish(probe, prefix, NoticePublished, notice({ noticeId: `lic-${i}`, kind: 'licence', penaltyTypes: [], decisionDate: `2020-${String((i % 12) + 1).padStart(2, '0')}-15`, publishedAt: '2020-12-20T00:00:00Z' })));
    for (let i = 0; i < 17; i++) sends.push(publish(probe, prefix, NoticePublished, notice({ noticeId: `pen-${i}`, decisionDate: '2020-07-01', publishedAt: '2020-07-03T00:00:00Z' })));
    // 13 random spot-checks from one draw of 13 targets, 88 即时检查; all on time and on mobile.
    for (let i = 0; i < 101; i++) {
      sends.push(publish(probe, prefix, NoticePublished, notice({
        noticeId: `sc-${i}`, kind: 'spot_check', penaltyTypes: [], creditCode: creditCode(5000 + i), decisionDate: '2020-09-01', publishedAt: '2020-09-05T00:00:00Z',
        spotCheck: { inspectionKind: i < 13 ? 'random' : 'immediate', channel: 'mobile', drawId: i < 13 ? 'draw-2020' : undefined, taskId: i < 13 ? 'task-2020' : undefined,
          items: [{ code: itemCodes[i % 13], name: `事项${(i % 13) + 1}`, version: 1 }], outcome: '未发现问题', inspectionDate: '2020-09-01' },
      })));
    }
    const inspectors = (k: number) => [0, 1].map((j) => ({ inspectorId: `insp-${(k * 2 + j) % 22}`, name: `执法员${(k * 2 + j) % 22}`, department: d, certificateNo: `ZF${k}${j}` }));
    const drawBase = { drawId: 'draw-2020', taskId: 'task-2020', taskName: '2020年取水单位双随机抽查', department: d, departments: [d], items: [{ code: 'SL-01', name: '事项1', version: 1 }], dueDate: '2020-10-30', executedAt: '2020-08-01T02:00:00Z', batchCount: 2, totalAssignments: 13 };
    sends.push(publish(probe, prefix, DrawCompleted, { ...drawBase, batchIndex: 0, assignments: Array.from({ length: 7 }, (_, k) => ({ targetId: `t${k}`, targetName: `对象${k}`, targetCode: creditCode(5000 + k), targetKind: '取水单位', stratum: 'B', inspectors: inspectors(k) })) }));
    sends.push(publish(probe, prefix, DrawCompleted, { ...drawBase, batchIndex: 1, assignments: Array.from({ length: 6 }, (_, k) => ({ targetId: `t${k + 7}`, targetName: `对象${k + 7}`, targetCode: creditCode(5007 + k), targetKind: '取水单位', stratum: 'B', inspectors: inspectors(k + 7) })) }));
    await Promise.all(sends);
    // One licence withdrawn (not counted), two penalties expired (still counted in their year).
    await publish(probe, prefix, NoticeWithdrawn, { noticeId: 'lic-236', version: 1, kind: 'licence', department: d, at: '2021-01-05T00:00:00Z', reason: '撤销' });
    for (const id of ['pen-0', 'pen-1']) await publish(probe, prefix, NoticeExpired, { noticeId: id, version: 1, kind: 'penalty', department: d, at: '2020-10-03T00:00:00Z', reason: '公示期满' });

    const stats = await eventually(async () => {
      const [row] = (await sql.query(`SELECT
        (SELECT count(*) FROM portal.notice WHERE id LIKE 'lic-%' OR id LIKE 'pen-%' OR id LIKE 'sc-%')::int AS notices,
        (SELECT count(*) FROM portal.notice WHERE status <> 'public' AND (id = 'lic-236' OR id LIKE 'pen-%'))::int AS removed,
        (SELECT count(*) FROM portal.draw_assignment WHERE draw_id = 'draw-2020')::int AS assigned,
        (SELECT count(*) FROM portal.item)::int AS items`)) as { notices: number; removed: number; assigned: number; items: number }[];
      return row.notices === 355 && row.removed === 3 && row.assigned === 13 && row.items === 13 ? row : undefined;
    }, 30_000, 'all 2020 events handled');
    expect(stats).toBeTruthy();

    const s = await json<Record<string, never>>(`/api/v1/statistics?year=2020&department=${encodeURIComponent(d)}`);
    expect(s).toMatchObject({
      licenceDecisions: 236,
      penaltyDecisions: 17,
      spotChecks: { total: 101, immediate: 88, random: 13, mobile: 101, publishedOnTime: 101 },
      items: { covered: 13, categories: ['一般', '重点'], listed: 13 },
      tasks: { executed: 1, completed: 1, assignments: 13, inspectorsDrawn: 22 },
      rates: { taskCompletion: 1, resultPublication: 1, mobileEnforcement: 1, itemCoverage: 1 },
      activeDisclosure: [{ row: '行政许可', decisions: 236 }, { row: '行政处罚', decisions: 17 }, { row: '行政强制', decisions: 0 }],
    });
    const page = await (await get('/statistics?year=2020')).text();
    expect(page).toMatch(/<th scope="row">行政许可<\/th><td class="num">236<\/td>/);
    expect(page).toContain('id="stat-immediate">88<');
  });

  it('publishes a draw from its announcement on, and its bundle once every chunk has arrived', async () => {
    const announced = {
      drawId: 'draw-x', taskId: 'task-x', taskName: '河道采砂专项抽查', year: 2024, department: '区水利水电局', departments: ['区水利水电局'],
      items: [{ code: 'SL-02', name: '河道采砂检查', version: 1 }], announcedAt: '2024-05-30T00:00:00Z', dueDate: '2024-06-30', commitment: 'a'.repeat(64),
      publicRandomnessSource: '福彩3D 2024-06-01', targetPopulationHash: 'b'.repeat(64), inspectorPopulationHash: 'c'.repeat(64), targetPopulationSize: 10,
      inspectorPopulationSize: 4, strata: [{ stratum: 'A', size: 10, sampleSize: 2 }], algorithm: 'spotcheck-sha256-v1', rules: { inspectorsPerTarget: 2 },
    };
    const bundle = JSON.stringify({ format: 'spotcheck-draw-bundle', hello: '世界'.repeat(50) });
    const parts = [bundle.slice(0, 40), bundle.slice(40, 90), bundle.slice(90)];
    const reveal = (i: number) => ({ drawId: 'draw-x', taskId: 'task-x', revealedAt: '2024-06-02T00:00:00Z', seed: 'd'.repeat(64), chunkIndex: i, chunkCount: 3, bundleChunk: parts[i] });
    await publish(probe, prefix, DrawRevealed, reveal(2));
    await publish(probe, prefix, DrawAnnounced, announced);
    await publish(probe, prefix, DrawRevealed, reveal(0));
    await eventually(async () => (await get('/api/v1/draws/draw-x')).status === 200, 10_000, 'announced');
    expect((await get('/api/v1/draws/draw-x/bundle')).status).toBe(404);
    await publish(probe, prefix, DrawRevealed, reveal(1));
    const res = await eventually(async () => {
      const r = await get('/api/v1/draws/draw-x/bundle');
      return r.status === 200 ? r : undefined;
    }, 10_000, 'bundle');
    expect(await res.text()).toBe(bundle);
    expect(await (await get('/tasks')).text()).toContain('河道采砂专项抽查');
  });

  it('answers 400, never 500, for an impossible date or a tampered cursor (pages, API and CSV)', async () => {
    const refused = async (path: string, text: RegExp) => {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(await res.text()).toMatch(text);
    };
    await refused('/search?from=2026-02-30', /from must be a real calendar date/);
    // A NUL byte cannot be stored or compared in PostgreSQL text: a client error, not a server one.
    for (const url of ['/search?q=%E6%B0%B4%00%E5%88%A9', '/api/v1/notices?q=%00']) {
      expect({ url, status: (await get(url)).status }).toEqual({ url, status: 400 });
    }
    await refused('/search?kind=penalty&to=2026-04-31', /to must be a real calendar date/);
    await refused('/api/v1/notices?from=2026-02-30', /from must be a real calendar date/);
    await refused('/search.csv?kind=penalty&from=2026-02-30', /from must be a real calendar date/);
    await refused(`/firms/${creditCode(778)}?to=2025-02-29`, /to must be a real calendar date/);
    const bad = [
      'garbage',
      Buffer.from(JSON.stringify({ t: '2026-02-30', id: 'x' })).toString('base64url'),
      Buffer.from(JSON.stringify({ t: 'March 7, 2024', id: 'x' })).toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'x', t: '2024-01-01', id: 'x' })).toString('base64url'),
    ];
    for (const after of bad) {
      await refused(`/search?after=${after}`, /not a cursor this API returned/);
      await refused(`/search?sort=relevance&q=${encodeURIComponent('水利')}&after=${after}`, /not a cursor this API returned/);
      await refused(`/api/v1/notices?after=${after}`, /not a cursor this API returned/);
    }
    expect((await get('/search?from=2024-02-29&to=2024-03-01')).status).toBe(200);
  });

  it("takes a firm page's heading only from notices still on display", async () => {
    const code = creditCode(779);
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'firm-old', creditCode: code, partyName: '旧名称水务公司', decisionDate: '2024-05-01', body: '未按规定取水，警告。' }));
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'firm-new', creditCode: code, partyName: '新名称水务公司', decisionDate: '2024-06-01', body: '未按规定取水，警告。' }));
    await eventually(async () => (await version('firm-old')) === 1 && (await version('firm-new')) === 1, 10_000, 'both ingested');
    expect(((await json(`/api/v1/firms/${code}`)) as { name?: string }).name).toBe('新名称水务公司');
    // The newer notice's display period ends (status still 'public' until the expiry event arrives).
    await sql.query(`UPDATE portal.notice SET display_until = '2000-01-01' WHERE id = 'firm-new'`);
    expect(((await json(`/api/v1/firms/${code}`)) as { name?: string }).name).toBe('旧名称水务公司');
    const html = await (await get(`/firms/${code}`)).text();
    expect(html).toContain('旧名称水务公司');
    expect(html).not.toContain('新名称水务公司');
  });

  it('answers 429 with Retry-After once a client exceeds the CSV rate limit', async () => {
    const statuses: number[] = [];
    let limited: { retryAfter: string | null; body: string } | undefined;
    for (let i = 0; i < 25 && !limited; i++) {
      const r = await get('/api/v1/notices.csv?kind=licence&from=2030-01-01');
      statuses.push(r.status);
      const body = await r.text();
      if (r.status === 429) limited = { retryAfter: r.headers.get('retry-after'), body };
    }
    // 20 a minute per client (one CSV request was made by an earlier test).
    expect(statuses.length).toBeGreaterThanOrEqual(20);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses[statuses.length - 1]).toBe(429);
    expect(Number(limited!.retryAfter)).toBeGreaterThan(0);
    expect(limited!.body).toMatch(/too many requests/);
  });
});
