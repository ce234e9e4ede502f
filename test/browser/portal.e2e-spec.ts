/**
 * The portal's pages in a real browser (playwright-core driving Debian's chromium): search for a
 * two-character term and open a result; filter by kind; download the CSV; see the statistics chart
 * rendered; verify a revealed draw in the page. Screenshots of failures go to test-results/.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { buildBadgeClaims, developmentBadgeKeys, signBadge } from '#auth';
import { DrawAnnounced, DrawCompleted, DrawRevealed, InspectorsChanged, NoticePublished, deadLetterStreamName, eventStreamName } from '#contracts';
import { targetPopulationHash } from '#domain';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { TEST_NOW } from '../support/test-clock.js';
import { eventually, testPrefix } from '../support/test-env.js';
import { creditCode, notice, publish, sampleDraw } from './portal-fixtures.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const results = path.join(root, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('portal pages in a browser', () => {
  let db: TestDatabase;
  let prefix: string;
  let probe: NatsProbe;
  let portal: RunningApp;
  let browser: Browser;
  let page: Page;
  /** A genuine 亮证 token for a visit (development key), for the badge page. */
  let badgeToken: string;

  /** Runs a scenario; on failure keeps a screenshot named after it. */
  const scenario = (name: string, body: () => Promise<void>, timeoutMs?: number) =>
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        mkdirSync(results, { recursive: true });
        await page.screenshot({ path: path.join(results, `portal-${name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true }).catch(() => undefined);
        throw error;
      }
    }, timeoutMs);

  beforeAll(async () => {
    // The verifier and chart scripts are built assets: build them from the current sources.
    execFileSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/build-portal-assets.ts')], { cwd: root, stdio: 'pipe' });
    db = await createTestDatabase('portalweb');
    prefix = testPrefix('portalweb');
    probe = await NatsProbe.connect();
    portal = await startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { outboxPollMs: 50 }), db.url, prefix);

    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'web-pen', partyName: '东江砂石有限公司', creditCode: creditCode(11), body: '当事人未经许可在河道内采砂，罚款人民币三万元。' }));
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'web-lic', kind: 'licence', partyName: '西山水电站', creditCode: creditCode(12), title: '河道采砂许可决定', penaltyTypes: [], body: '准予在指定河段采砂，许可有效期一年。', decisionDate: '2024-03-01', publishedAt: '2024-03-02T00:00:00Z' }));
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'web-other', partyName: '南湖供水有限公司', creditCode: creditCode(13), body: '未安装计量设施取水，警告。', penaltyTypes: ['警告'], fields: { 违法行为类型: '未计量取水' } }));
    await publishDraw('draw-web', 2);
    await publishDraw('draw-web-v1', 1);
    await publishDraw('draw-web-class', 2, 'published');
    await publish(probe, prefix, InspectorsChanged, {
      changedAt: TEST_NOW,
      inspectors: [{ id: 'web-officer', certificateNo: 'ZF-3301-0001', name: '王建国', department: '水政监察大队', certifiedCategories: ['水政', '河道采砂'], status: 'active', certificateValidFrom: '2024-01-01', certificateValidUntil: '2028-12-31' }],
    });
    const visit = { id: 'web-visit', taskName: '2026年河道采砂双随机抽查', items: [{ name: '对河道采砂的行政检查' }], targetName: '东江砂石有限公司', targetKind: 'organisation', notBefore: '2026-11-18', dueDate: '2026-12-18' };
    badgeToken = (await signBadge(buildBadgeClaims({ id: 'web-officer', certificateNo: 'ZF-3301-0001' }, visit), developmentBadgeKeys().privateKey, new Date(TEST_NOW), 3600)).token;
    const sql = portal.app.get(DataSource);
    await eventually(async () => {
      const [r] = (await sql.query(`SELECT (SELECT count(*) FROM portal.notice)::int AS n, (SELECT count(*) FROM portal.draw WHERE bundle IS NOT NULL)::int AS d`)) as { n: number; d: number }[];
      const [o] = (await sql.query(`SELECT count(*)::int AS n FROM portal.officer`)) as { n: number }[];
      return r.n === 3 && r.d === 3 && o.n === 1;
    }, 15_000, 'events handled');

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await (await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' })).newPage();
  });

  /** Announces, completes and reveals a sample draw (its bundle in two chunks), as planning would. */
  async function publishDraw(drawId: string, version: 1 | 2, creditClass: 'published' | 'withheld' = 'withheld'): Promise<void> {
    const { bundle, commitment } = sampleDraw(drawId, version, creditClass);
    const taskId = `task-${drawId}`;
    await publish(probe, prefix, DrawAnnounced, {
      drawId, taskId, taskName: version === 2 ? '2024年取水单位双随机抽查' : '2024年取水单位双随机抽查（第1版）', year: 2024, department: '区水利水电局', departments: ['区水利水电局'],
      items: [{ code: 'SL-01', name: '取水许可检查', version: 1 }], announcedAt: '2024-05-30T00:00:00Z', dueDate: '2024-06-30', commitment,
      publicRandomnessSource: bundle.announcement.publicRandomnessSource, targetPopulationHash: targetPopulationHash(bundle.announcement),
      inspectorPopulationHash: bundle.announcement.inspectors.idsHash, targetPopulationSize: 10, inspectorPopulationSize: 5, strata: [], algorithm: 'spotcheck-sha256-v1',
      rules: { announcement: bundle.announcement },
    } as never);
    await publish(probe, prefix, DrawCompleted, {
      drawId, taskId, taskName: '2024年取水单位双随机抽查', department: '区水利水电局', departments: ['区水利水电局'], items: [{ code: 'SL-01', name: '取水许可检查', version: 1 }],
      dueDate: '2024-06-30', executedAt: '2024-06-01T02:00:00Z', batchIndex: 0, batchCount: 1, totalAssignments: bundle.outcome.teams.length,
      assignments: bundle.outcome.teams.map((t) => ({ targetId: t.targetId, targetName: `对象${t.targetId}`, targetKind: '取水单位', stratum: t.stratum, inspectors: t.inspectorIds.map((id) => ({ inspectorId: id, name: `执法员${id}`, department: '区水利水电局', certificateNo: 'ZF1' })) })),
    });
    const text = JSON.stringify(bundle);
    const half = Math.floor(text.length / 2);
    for (const [i, chunk] of [text.slice(0, half), text.slice(half)].entries()) {
      await publish(probe, prefix, DrawRevealed, { drawId, taskId, revealedAt: '2024-06-01T03:00:00Z', seed: bundle.reveal.seed, chunkIndex: i, chunkCount: 2, bundleChunk: chunk });
    }
  }

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await db?.drop();
  });

  scenario('searches a two-character term and opens a result', async () => {
    await page.goto(portal.url + '/');
    await page.getByRole('searchbox', { name: '关键词' }).fill('采砂');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const results = page.locator('ol.results > li');
    expect(await results.count()).toBe(2);
    await page.getByRole('link', { name: '行政处罚决定书' }).click();
    await page.waitForURL(/\/notices\/web-pen$/);
    expect(await page.locator('h1').textContent()).toBe('行政处罚决定书');
    expect(await page.locator('main').textContent()).toContain('东江砂石有限公司');
  });

  scenario('filters by kind', async () => {
    await page.goto(portal.url + '/search?q=' + encodeURIComponent('采砂'));
    await page.getByLabel('公示类型').selectOption('licence');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForURL(/kind=licence/);
    const titles = await page.locator('ol.results h3').allTextContents();
    expect(titles).toEqual(['河道采砂许可决定']);
  });

  scenario('downloads the CSV of a search', async () => {
    await page.goto(portal.url + '/search?q=' + encodeURIComponent('采砂'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载全部结果（CSV）' }).click()]);
    const file = await download.path();
    const csv = readFileSync(file);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('行政相对人名称');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).join('\n')).toContain('东江砂石有限公司');
  });

  scenario('renders the statistics chart', async () => {
    await page.goto(portal.url + '/statistics?year=2024');
    const svg = page.locator('#chart-monthly svg');
    await svg.waitFor({ timeout: 10_000 });
    expect(await page.locator('#chart-monthly svg path').count()).toBeGreaterThan(10);
    expect(await page.locator('#stat-penalty').textContent()).toBe('2');
  });

  scenario('verifies a revealed draw in the page', async () => {
    await page.goto(portal.url + '/tasks/draw-web');
    // The bureau does not publish credit classes (the default): the drawn firms are listed without one.
    const results = page.locator('table', { has: page.locator('caption', { hasText: '抽取结果' }) });
    expect(await results.locator('thead th').allTextContents()).toEqual(['检查对象', '检查人员']);
    await page.getByRole('link', { name: '在浏览器中验证抽取结果' }).click();
    await page.getByRole('button', { name: '验证公布的抽取结果' }).click();
    const status = page.locator('#verify-status');
    await page.waitForFunction(() => /验证(通过|未通过)/.test(document.getElementById('verify-status')?.textContent ?? ''), null, { timeout: 15_000 });
    expect(await status.textContent()).toMatch(/^验证通过/);
    expect(await page.locator('#verify-differences').textContent()).toContain('验证数据第 2 版：2 项回避或不能参加的情形');
  });

  scenario('names drawn firms’ credit classes only where the bureau publishes them', async () => {
    type Detail = { creditClass: string; strata: unknown; assignments: { stratum: string | null }[] };
    const withheld = (await (await fetch(`${portal.url}/api/v1/draws/draw-web`)).json()) as Detail;
    expect(withheld.creditClass).toBe('withheld');
    expect(withheld.assignments.length).toBe(4);
    expect(withheld.assignments.map((a) => a.stratum)).toEqual([null, null, null, null]);
    const published = (await (await fetch(`${portal.url}/api/v1/draws/draw-web-class`)).json()) as Detail;
    expect(published.creditClass).toBe('published');
    expect(published.assignments.map((a) => a.stratum)).toEqual(['A', 'B', 'C', 'D']);
    await page.goto(portal.url + '/tasks/draw-web-class');
    const results = page.locator('table', { has: page.locator('caption', { hasText: '抽取结果' }) });
    expect(await results.locator('thead th').allTextContents()).toEqual(['检查对象', '类别', '检查人员']);
  });

  scenario('verifies a draw published before bundles were versioned (version 1) in the page', async () => {
    await page.goto(portal.url + '/tasks/draw-web-v1/verify');
    await page.getByRole('button', { name: '验证公布的抽取结果' }).click();
    await page.waitForFunction(() => /验证(通过|未通过)/.test(document.getElementById('verify-status')?.textContent ?? ''), null, { timeout: 15_000 });
    expect(await page.locator('#verify-status').textContent()).toMatch(/^验证通过/);
    expect(await page.locator('#verify-differences').textContent()).toContain('验证数据第 1 版');
  });
  scenario('shows the 亮证 verdict large and without sideways scrolling on a phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await page.goto(`${portal.url}/badge?t=${badgeToken}`);
      const verdict = page.locator('.verdict-label');
      expect(await verdict.textContent()).toBe('真实有效的执法检查');
      expect(await verdict.isVisible()).toBe(true);
      expect(parseFloat(await verdict.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(24);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await page.locator('main').textContent()).toContain('东江砂石有限公司');
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  scenario('has no WCAG 2.1 A/AA violations (axe-core) on any page', async () => {
    const pages = ['/', '/search?q=' + encodeURIComponent('采砂'), '/search?q=' + encodeURIComponent('无此结果的词'), '/notices/web-pen', '/statistics?year=2024', '/tasks', '/tasks/draw-web', '/tasks/draw-web/verify', '/items', '/open-data', `/firms/${creditCode(1)}`, '/notices/no-such-notice', '/officers', '/officers/web-officer', `/badge?t=${badgeToken}`, '/badge?t=garbage'];
    const found: string[] = [];
    for (const url of pages) {
      await page.goto(portal.url + url);
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      found.push(...violations.map((v) => `${url}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
    }
    expect(found).toEqual([]);
  }, 180_000);
});
