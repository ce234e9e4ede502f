/**
 * The officer console's pages in a real browser (playwright-core driving Debian's chromium), served by
 * the console app with planning and publication behind it (they verify the console's tokens by its
 * JWKS): sign in as the demo officer, open every page of the officer, the reviewer, the auditor and
 * the admin and check each with axe-core (WCAG 2.1 A/AA), see the role limits (menu, 无权访问), and
 * go through the main forms (a target, an import with row errors, a penalty with its redacted preview).
 * Screenshots of failures go to test-results/.
 */
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { bootstrapConsole } from '../../apps/console/src/bootstrap.js';
import { InspectionAppModule } from '../../apps/inspection/src/app.module.js';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { PublicationAppModule } from '../../apps/publication/src/app.module.js';
import { freePort } from '../../scripts/embedded/free-port.js';
import { uscc } from '../support/codes.js';
import { expectAccessible as expectAccessibleNow } from '../support/accessibility.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { eventually, testEnv, testPrefix } from '../support/test-env.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const results = path.join(root, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const code = (n: number) => uscc(`91330106MA2CF${String(n).padStart(4, '0')}`);

interface DemoAccount {
  username: string;
  password: string;
  role: string;
  department: string | null;
}

describe('console pages in a browser', () => {
  let dbs: TestDatabase[];
  let prefix: string;
  let probe: NatsProbe;
  let consoleApp: RunningApp;
  let planning: RunningApp;
  let publication: RunningApp;
  let portal: RunningApp;
  let inspection: RunningApp;
  let dataDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let accounts: DemoAccount[];

  /** Runs a scenario; on failure keeps a screenshot named after it. */
  const scenario = (name: string, body: () => Promise<void>, timeout = 60_000) =>
    it(
      name,
      async () => {
        try {
          await body();
        } catch (error) {
          mkdirSync(results, { recursive: true });
          await page.screenshot({ path: path.join(results, `console-${name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true }).catch(() => undefined);
          throw error;
        }
      },
      timeout,
    );

  /**
   * The README's walk-through pictures: with SCREENSHOTS_DIR set (`npm run screenshots`), the page as
   * it is now is saved there under `name`. Taken from this test so that every picture shows a step that
   * is also checked.
   */
  async function shot(name: string): Promise<void> {
    const dir = process.env.SCREENSHOTS_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`) });
  }

  /** No axe violation of WCAG 2.1 A/AA on the page as it is now. */
  const expectAccessible = (what: string) => expectAccessibleNow(page, what);

  /** Opens a console path and waits for its heading and for its data to load. */
  async function open(pathname: string, heading: string): Promise<void> {
    await page.goto(consoleApp.url + pathname);
    await page.locator('main h1', { hasText: heading }).waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.locator('.el-loading-mask').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  }

  /** A fresh browser session signed in through the sign-in page. */
  async function signInAs(roleOrUsername: string): Promise<DemoAccount> {
    const account = accounts.find((a) => a.username === roleOrUsername) ?? accounts.find((a) => a.role === roleOrUsername)!;
    await context?.close();
    context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await page.goto(consoleApp.url + '/');
    await page.waitForURL(/\/login\?returnTo=/);
    await page.getByLabel('用户名').fill(account.username);
    await page.getByLabel('密码', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('header [data-testid="current-user"]').waitFor({ timeout: 15_000 });
    return account;
  }

  const menu = () => page.getByRole('navigation', { name: '主菜单' }).getByRole('link').allTextContents();

  beforeAll(async () => {
    // The pages are built assets: build them from the current sources.
    // The production build, as `npm run build` makes it (Jest's NODE_ENV=test would keep Vue's development code).
    execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--config', 'apps/console/web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' },
    });
    dbs = await Promise.all(['conweb', 'conwebplan', 'conwebpub', 'conwebinsp', 'conwebportal'].map((n) => createTestDatabase(n)));
    prefix = testPrefix('conweb');
    probe = await NatsProbe.connect();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-console-web-'));
    const [consolePort, planningPort, publicationPort, inspectionPort, portalPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const jwks = { AUTH_JWKS_URL: `http://127.0.0.1:${consolePort}/.well-known/jwks.json` };
    consoleApp = await bootstrapConsole(
      testEnv(dbs[0].url, prefix, {
        PORT: String(consolePort), DATA_DIR: dataDir, CONSOLE_WEB_DIR: path.join(root, 'dist', 'console-web'), CONSOLE_DEMO_ACCOUNTS: 'on',
        PLANNING_URL: `http://127.0.0.1:${planningPort}`, PUBLICATION_URL: `http://127.0.0.1:${publicationPort}`, INSPECTION_URL: `http://127.0.0.1:${inspectionPort}`,
        PORTAL_URL: `http://127.0.0.1:${portalPort}`, PORTAL_PUBLIC_URL: `http://127.0.0.1:${portalPort}`,
      }),
      { outboxPollMs: 50 },
    );
    planning = await startTestApp('planning', (c, b) => PlanningAppModule.forRoot(c, b, { outboxPollMs: 50 }), dbs[1].url, prefix, { PORT: String(planningPort), ...jwks });
    inspection = await startTestApp('inspection', (c, b) => InspectionAppModule.forRoot(c, b, { outboxPollMs: 50, overdueScanMs: 0, evidenceDir: path.join(dataDir, 'evidence') }), dbs[3].url, prefix, {
      PORT: String(inspectionPort), ...jwks,
    });
    publication = await startTestApp('publication', (c, b) => PublicationAppModule.forRoot(c, b, { outboxPollMs: 50, rules: { schedulerIntervalMs: 0 } }), dbs[2].url, prefix, {
      PORT: String(publicationPort), ...jwks,
    });
    portal = await startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { outboxPollMs: 50 }), dbs[4].url, prefix, { PORT: String(portalPort) });
    accounts = await eventually(async () => {
      try {
        return JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
      } catch {
        return undefined;
      }
    }, 30_000, 'demo accounts');

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await portal?.close();
    await publication?.close();
    await inspection?.close();
    await planning?.close();
    await consoleApp?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await Promise.all((dbs ?? []).map((d) => d.drop()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  scenario('shows the server’s answer to a wrong password on an accessible sign-in page', async () => {
    context = await browser.newContext({ locale: 'zh-CN' });
    page = await context.newPage();
    await page.goto(consoleApp.url + '/targets');
    await page.waitForURL(/\/login\?returnTo=%2Ftargets/);
    await page.getByRole('button', { name: '登录' }).waitFor();
    // First load, cold cache: what the sign-in page cost (kept in test-results/ for the closing note).
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return {
        transferredBytes: nav.transferSize + resources.reduce((n, r) => n + r.transferSize, 0),
        decodedBytes: nav.decodedBodySize + resources.reduce((n, r) => n + r.decodedBodySize, 0),
        domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
        loadMs: Math.round(nav.loadEventEnd),
        signInVisibleMs: Math.round(performance.now()),
      };
    });
    mkdirSync(results, { recursive: true });
    writeFileSync(path.join(results, 'console-first-load.json'), JSON.stringify(load, null, 2));
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await shot('01-sign-in');
    await expectAccessible('登录');
    await page.getByLabel('用户名').fill('demo-officer');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await expectAccessible('登录（出错）');
  });

  scenario('signs in and moves between pages with the keyboard only, the focus always visible', async () => {
    const officer = accounts.find((a) => a.role === 'officer')!;
    await context?.close();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await page.goto(consoleApp.url + '/');
    await page.getByRole('button', { name: '登录' }).waitFor();
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, text: (el.textContent ?? '').trim(), label: el.getAttribute('aria-label'), outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
    });
    await page.keyboard.press('Tab');
    await page.keyboard.type(officer.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(officer.password);
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: '工作台' }).waitFor({ timeout: 15_000 });
    // After a navigation the focus is on the new page's heading, as after a page load for a screen reader.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    // On a fresh load the skip link comes first.
    await page.reload();
    await page.locator('main h1', { hasText: '工作台' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', text: '跳到主要内容', outline: true });
    // Then the menu: tab to 检查对象名录库 and open it; the new page's heading gets the focus.
    for (let i = 0; i < 30 && (await focused()).text !== '检查对象名录库'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'A', text: '检查对象名录库', outline: true });
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: '检查对象名录库' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    // Buttons show their focus too.
    for (let i = 0; i < 30 && (await focused()).text !== '新增对象'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'BUTTON', text: '新增对象', outline: true });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: '新增检查对象' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '新增检查对象' }).waitFor({ state: 'hidden' });
  });

  scenario('signs in as the demo officer, who sees the officer’s menu only and no admin page', async () => {
    const officer = await signInAs('officer');
    expect(await page.locator('h1').textContent()).toBe('工作台');
    expect(await page.locator('header').textContent()).toContain(officer.department!);
    const links = await menu();
    expect(links).toEqual(expect.arrayContaining(['工作台', '检查对象名录库', '执法检查人员名录库', '随机抽查事项清单', '决定录入', '公示管理']));
    expect(links).not.toContain('账号管理');
    expect(links).not.toContain('执法全过程记录');
    expect(links).not.toContain('法制审核');
    // The cookies are the session's: nothing in the page's storage.
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    await open('/accounts', '无权访问');
    expect(await page.getByTestId('forbidden').isVisible()).toBe(true);
    await expectAccessible('无权访问');
    await open('/no-such-page', '页面不存在');
    await expectAccessible('页面不存在');

    // On a tablet the menu folds behind a button.
    await page.setViewportSize({ width: 820, height: 1180 });
    await open('/', '工作台');
    const nav = page.getByRole('navigation', { name: '主菜单' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: '菜单' }).click();
    await nav.getByRole('link', { name: '公示管理' }).click();
    await page.locator('main h1', { hasText: '公示管理' }).waitFor();
    await expectAccessible('公示管理（平板）');
    // Wide tables scroll sideways on a tablet: the scrolling box takes the keyboard focus.
    for (const [p, h] of [['/targets', '检查对象名录库'], ['/inspectors', '执法检查人员名录库'], ['/items', '随机抽查事项清单'], ['/audit', '无权访问']]) {
      await open(p, h);
      await expectAccessible(`${h}（平板）`);
    }
  });

  scenario('every officer page passes axe', async () => {
    await signInAs('officer');
    for (const [p, h] of [
      ['/', '工作台'],
      ['/targets', '检查对象名录库'],
      ['/inspectors', '执法检查人员名录库'],
      ['/items', '随机抽查事项清单'],
      ['/plans', '计划与任务'],
      ['/draws', '抽取'],
      ['/progress', '检查进度'],
      ['/decisions/new', '决定录入'],
      ['/notices', '公示管理'],
      ['/sessions', '登录会话'],
      ['/password', '修改密码'],
    ]) {
      await open(p, h);
      await expectAccessible(h);
    }
  }, 120_000);

  scenario('adds a target through the dialog, with validation mirroring the API', async () => {
    await signInAs('officer');
    await open('/targets', '检查对象名录库');
    await page.getByRole('button', { name: '新增对象' }).click();
    const dialog = page.getByRole('dialog', { name: '新增检查对象' });
    await dialog.waitFor();
    await expectAccessible('新增检查对象');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请输入名称').waitFor();
    await dialog.getByLabel('名称').fill('东江砂石有限公司');
    await dialog.getByLabel('对象类别（如 取水单位）').fill('采砂单位');
    await dialog.getByLabel('统一社会信用代码').fill(code(1301));
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('table.data td', { hasText: '东江砂石有限公司' }).waitFor();
    await page.getByLabel('名称或统一社会信用代码').fill('东江');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('table.data tbody tr').count()).toBe(1);
  });

  scenario('imports targets: row errors in a table, then a good file with progress to the end', async () => {
    await signInAs('officer');
    await open('/targets', '检查对象名录库');
    await page.getByRole('button', { name: '批量导入' }).click();
    const dialog = page.getByRole('dialog', { name: '批量导入检查对象' });
    await dialog.waitFor();
    // The template is generated in the page: its header row is one the importer reads.
    const template = await dialog.getByRole('link', { name: '下载导入模板（CSV）' }).getAttribute('href');
    expect(decodeURIComponent(template!.split(',').slice(1).join(','))).toContain('名称,对象类型,对象类别,统一社会信用代码');
    const file = path.join(dataDir, 'targets.csv');
    writeFileSync(file, `名称,对象类型,对象类别,统一社会信用代码,信用风险等级\n一号取水口,场所,取水口,,B\n二号取水口,场所,取水口,,E\n`);
    await dialog.getByLabel('导入文件').setInputFiles(file);
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await dialog.getByText('导入失败').waitFor({ timeout: 20_000 });
    const errors = dialog.locator('table.data tbody tr');
    expect(await errors.count()).toBe(1);
    expect(await errors.first().locator('td').first().textContent()).toBe('3');
    await expectAccessible('导入（有错误）');
    writeFileSync(file, `名称,对象类型,对象类别,信用风险等级\n一号取水口,场所,取水口,B\n二号取水口,场所,取水口,C\n`);
    await dialog.getByLabel('导入文件').setInputFiles(file);
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await dialog.getByText('导入完成：共导入 2 行').waitFor({ timeout: 20_000 });
    await shot('03-import-targets');
  });

  /** Fills the penalty form of 决定录入 (the officer's department is the authority). */
  async function fillPenalty(party: string, documentNumber: string, n: number): Promise<void> {
    await open('/decisions/new', '决定录入');
    await page.getByLabel('行政相对人名称').fill(party);
    await page.getByLabel('统一社会信用代码', { exact: true }).fill(code(n));
    await page.getByLabel('决定文书号').fill(documentNumber);
    await page.getByLabel('决定日期').fill('2026-11-18');
    await page.getByLabel('决定日期').press('Enter');
    await page.getByLabel('机关统一社会信用代码').fill(code(1303));
    await page.getByLabel('违法行为类型').fill('未经许可河道采砂');
    await page.getByLabel('违法事实').fill('当事人未经许可在河道内采砂，现场联系电话13800138000。');
    await page.getByLabel('处罚依据').fill('《中华人民共和国水法》第六十五条');
    // The select by keyboard: open it, pick 罚款, close it.
    await page.getByLabel('处罚类别').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: '罚款', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('处罚内容').fill('罚款人民币三万元');
    await page.getByLabel('罚款金额（万元）').fill('3');
  }

  scenario('records a penalty as a draft and shows the redacted public version beside the form', async () => {
    const officer = await signInAs('officer');
    await fillPenalty('西山采砂有限公司', '区水罚〔2026〕7号', 1302);
    expect(await page.getByLabel('处罚机关').inputValue()).toBe(officer.department);
    await page.getByRole('button', { name: '保存为草稿并预览公示内容' }).click();
    const preview = page.getByTestId('notice-preview');
    await preview.waitFor({ timeout: 15_000 });
    const text = (await preview.textContent())!;
    expect(text).toContain('西山采砂有限公司');
    expect(text).not.toContain('13800138000');
    expect(await page.getByTestId('notice-state').textContent()).toBe('草稿');
    await expectAccessible('决定录入（预览）');
    await page.getByRole('button', { name: '立即发布' }).click();
    await page.getByTestId('notice-state').filter({ hasText: '已公示' }).waitFor({ timeout: 15_000 });
  }, 90_000);

  scenario('a major penalty waits for legal review; the reviewer approves it; the officer publishes it', async () => {
    await signInAs('officer');
    await fillPenalty('北岸砂石有限公司', '区水罚〔2026〕8号', 1304);
    await page.getByText('重大执法决定（须法制审核）').click();
    await page.getByRole('button', { name: '保存为草稿并预览公示内容' }).click();
    await page.getByTestId('notice-preview').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: '立即发布' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('重大执法决定须经法制审核通过后才能发布');
    await shot('08-penalty-needs-review');

    await signInAs('legal_reviewer');
    const row = page.locator('table.data tbody tr', { hasText: '区水罚〔2026〕8号' });
    await row.waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: /^预览/ }).click();
    const dialog = page.getByRole('dialog', { name: '公示内容预览' });
    await dialog.getByTestId('notice-preview').waitFor();
    expect(await dialog.textContent()).not.toContain('13800138000');
    await shot('09-legal-review');
    await expectAccessible('法制审核（预览）');
    await dialog.getByRole('button', { name: '审核通过' }).click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });

    await signInAs('officer');
    await open('/notices', '公示管理');
    const notice = page.locator('table.data tbody tr', { hasText: '北岸砂石有限公司' });
    expect(await notice.textContent()).toContain('审核通过');
    await notice.getByRole('button', { name: /^发布/ }).click();
    await notice.filter({ hasText: '已公示' }).waitFor({ timeout: 15_000 });
    await shot('10-published');
    await expectAccessible('公示管理');

    // The public finds it on the portal, redacted (the events reach the portal through JetStream).
    const portalPage = await context.newPage();
    await eventually(async () => {
      await portalPage.goto(`${portal.url}/search?q=${encodeURIComponent('北岸砂石')}`);
      return (await portalPage.locator('main').textContent())!.includes('区水罚〔2026〕8号');
    }, 30_000, 'the penalty on the portal');
    expect(await portalPage.locator('main').textContent()).not.toContain('13800138000');
    if (process.env.SCREENSHOTS_DIR) await portalPage.screenshot({ path: path.join(process.env.SCREENSHOTS_DIR, '11-portal-search.png') });
    await portalPage.close();

    // 更正: the published decision, loaded into the form, corrected with a reason; the public version follows.
    await notice.getByRole('link', { name: /^更正/ }).click();
    await page.locator('main h1', { hasText: '决定更正' }).waitFor();
    await eventually(async () => (await page.getByLabel('行政相对人名称').inputValue()) === '北岸砂石有限公司', 10_000, 'the decision in the form');
    await page.getByLabel('处罚内容').fill('罚款人民币二万元');
    await page.getByLabel('罚款金额（万元）').fill('2');
    await page.getByLabel(/更正原因/).fill('复核后调整罚款金额');
    await expectAccessible('决定更正');
    await page.getByRole('button', { name: '保存更正并预览公示内容' }).click();
    await page.getByTestId('notice-preview').filter({ hasText: '罚款人民币二万元' }).waitFor({ timeout: 15_000 });

    // 批量导入决定: a row that is not a decision gets its row errors in a table, nothing written.
    await open('/notices', '公示管理');
    await page.getByRole('button', { name: '批量导入决定' }).click();
    const importDialog = page.getByRole('dialog', { name: '批量导入处罚或许可决定' });
    await importDialog.waitFor();
    await expectAccessible('批量导入决定');
    const header = await page.evaluate(async () => (await fetch('/api/publication/decisions/import/template?kind=penalty')).text());
    const file = path.join(dataDir, 'penalties.csv');
    writeFileSync(file, `${header.replace(/^\uFEFF/, '').trim()}\n${header.split(',').map(() => '').join(',').replace(/^/, '东岸砂石有限公司')}\n`);
    await importDialog.getByLabel('导入文件').setInputFiles(file);
    await importDialog.getByRole('button', { name: '仅校验' }).click();
    await importDialog.locator('table.data tbody tr').first().waitFor({ timeout: 15_000 });
    await expectAccessible('批量导入决定（错误）');
  }, 180_000);

  /** A JSON call through the console as the page makes it (session cookie, CSRF header). */
  async function api(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    return page.evaluate(
      async ([m, u, b]) => {
        const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('sc_csrf='))?.slice(8) ?? '');
        const r = await fetch(u as string, { method: m as string, headers: { 'content-type': 'application/json', 'X-CSRF-Token': csrf }, body: b === undefined ? undefined : JSON.stringify(b), credentials: 'same-origin' });
        return { status: r.status, body: await r.json().catch(() => null) };
      },
      [method, url, body] as const,
    );
  }

  scenario('adds an item, plans a task in the wizard, and announces, executes and reveals its draw', async () => {
    await signInAs('officer');
    // The item list: a new item through its dialog.
    await open('/items', '随机抽查事项清单');
    await page.getByRole('button', { name: '新增事项' }).click();
    const itemDialog = page.getByRole('dialog', { name: '新增抽查事项' });
    await itemDialog.getByLabel('事项编码').fill('SL-QS-01');
    await itemDialog.getByLabel('事项名称').fill('对取水许可实施情况的行政检查');
    await itemDialog.getByLabel('检查依据').fill('《取水许可和水资源费征收管理条例》第四十六条');
    await itemDialog.getByLabel('检查内容（每行一项）').fill('取水许可证有效\n计量设施正常');
    await itemDialog.getByLabel('检查对象范围说明').fill('取水口');
    await itemDialog.getByLabel('检查对象类别（顿号分隔，留空为全部）').fill('取水口');
    await itemDialog.getByLabel('执法类别（检查人员须持有）').fill('水资源');
    await expectAccessible('新增抽查事项');
    await itemDialog.getByRole('button', { name: '保存并发布' }).click();
    await itemDialog.waitFor({ state: 'hidden' });
    await page.locator('table.data td', { hasText: 'SL-QS-01' }).waitFor();
    // Two certified inspectors (through the same API the pages use).
    for (const n of [1, 2]) expect((await api('POST', '/api/planning/inspectors', { certificateNo: `SL-QS-${n}00`, name: `检查员${n}`, certifiedCategories: ['水资源'] })).status).toBe(201);

    await open('/plans', '计划与任务');
    await page.getByRole('button', { name: '新建年度计划' }).click();
    const planDialog = page.getByRole('dialog', { name: '新建年度计划' });
    await planDialog.getByLabel('计划名称').fill('2026年度双随机抽查工作计划');
    await planDialog.getByRole('button', { name: '创建' }).click();
    await page.getByRole('heading', { name: /2026 年 · 2026年度双随机抽查工作计划/ }).waitFor();
    await page.getByRole('button', { name: '新建抽查任务' }).click();
    const wizard = page.getByRole('dialog', { name: /新建抽查任务/ });
    await wizard.getByRole('button', { name: '下一步' }).click();
    await wizard.getByRole('alert').getByText('请填写任务名称').waitFor();
    await wizard.getByLabel('任务名称').fill('2026年第一批取水许可随机抽查');
    await wizard.getByText('SL-QS-01 对取水许可实施情况的行政检查').click();
    await expectAccessible('任务向导第 1 步');
    await wizard.getByRole('button', { name: '下一步' }).click();
    await wizard.getByText('场所', { exact: true }).click();
    await wizard.getByLabel('对象类别（顿号分隔，留空为不限）').fill('取水口');
    // The imported sites: one of class B and one of class C; B is sampled at 5 % (rounded up), C at 100 %.
    await wizard.getByTestId('population-total').filter({ hasText: '2' }).waitFor({ timeout: 10_000 });
    expect(await wizard.getByTestId('sample-total').textContent()).toBe('2');
    await shot('04-task-wizard');
    await expectAccessible('任务向导第 2 步');
    await wizard.getByRole('button', { name: '下一步' }).click();
    await wizard.getByRole('button', { name: '下一步' }).click();
    await wizard.getByLabel('检查开始日期').fill('2026-12-01');
    await wizard.getByLabel('检查开始日期').press('Enter');
    await wizard.getByLabel('完成期限').fill('2026-12-31');
    await wizard.getByLabel('完成期限').press('Enter');
    await wizard.getByRole('button', { name: '下一步' }).click();
    expect(await wizard.textContent()).toContain('2026-12-01 至 2026-12-31');
    await expectAccessible('任务向导第 5 步');
    await wizard.getByRole('button', { name: '创建任务' }).click();
    await wizard.waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: '抽取', exact: true }).last().click();
    await page.locator('main h1', { hasText: '抽取：2026年第一批取水许可随机抽查' }).waitFor();
    await page.getByLabel('公开随机数来源（抽取时录入其数值）').fill('中国福利彩票3D 2026年12月1日开奖号码');
    await page.getByRole('button', { name: '公告抽取' }).click();
    await page.getByTestId('commitment').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('commitment').textContent()).toMatch(/^[0-9a-f]{64}$/);
    // The announcement's public page, at the portal's address.
    expect(await page.locator('a', { hasText: '/tasks/' }).getAttribute('href')).toMatch(new RegExp(`^${portal.url}/tasks/[0-9a-f-]{36}$`));
    await shot('05-draw-announced');
    await expectAccessible('抽取（已公告）');
    await page.getByLabel(/^公开随机数（/).fill('3 8 1');
    await page.getByLabel('见证人姓名（不公开）').fill('王某');
    await page.getByRole('button', { name: '执行抽取' }).click();
    await page.getByTestId('draw-status').filter({ hasText: '已抽取' }).waitFor({ timeout: 15_000 });
    await page.locator('table.data tbody tr').nth(1).waitFor();
    expect(await page.locator('table.data tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: '揭示' }).click();
    await page.getByTestId('draw-status').filter({ hasText: '已揭示' }).waitFor({ timeout: 15_000 });
    // Verified in the browser with the portal's verifier.
    await page.getByRole('button', { name: '在本机验证抽取' }).click();
    expect(await page.getByTestId('verify-verdict').textContent()).toContain('验证通过');
    await shot('06-draw-revealed-verified');
    await expectAccessible('抽取（已揭示）');

    // Inspection receives the draw: the task's progress shows two inspections waiting.
    const taskUrl = new URL(page.url()).pathname;
    const taskId = taskUrl.split('/')[2];
    await eventually(async () => {
      await open(`/progress?task=${taskId}`, '检查进度');
      return (await page.getByTestId('count-assigned').textContent().catch(() => null)) === '2';
    }, 30_000, 'the inspections of the draw');
    await shot('07-inspection-progress');
    await expectAccessible('检查进度');
    await page.getByRole('button', { name: /^查看/ }).first().click();
    await page.getByRole('dialog', { name: /检查详情/ }).getByText('检查组尚未提交检查结果').waitFor();
    await expectAccessible('检查详情');

    // 即时检查 opened from a target of the directory, with a team of two.
    await open('/targets', '检查对象名录库');
    await page.getByRole('button', { name: '即时检查：一号取水口' }).click();
    const immediate = page.getByRole('dialog', { name: '即时检查：一号取水口' });
    await immediate.getByLabel('检查事项').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: /SL-QS-01/ }).click();
    await page.keyboard.press('Escape');
    await immediate.getByLabel('检查组（至少 2 名）').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: /检查员1/ }).click();
    await page.getByRole('option', { name: /检查员2/ }).click();
    await page.keyboard.press('Escape');
    await immediate.getByLabel('检查缘由', { exact: true }).fill('群众举报夜间超许可取水');
    await expectAccessible('即时检查');
    await immediate.getByRole('button', { name: '发起即时检查' }).click();
    await immediate.getByTestId('immediate-created').waitFor({ timeout: 15_000 });

    // An officer of another department opening the task's URL gets the no-access page (the API answers 403).
    await signInAs('demo-officer-water');
    await open(taskUrl, '无权访问');
    expect((await api('GET', `/api/planning/tasks/${taskId}`)).status).toBe(403);
  }, 150_000);

  scenario('the dashboard shows the year’s figures as the portal counts them and the burden, and exports them to XLSX', async () => {
    await signInAs('officer');
    const officer = accounts.find((a) => a.role === 'officer')!;
    await open('/', '工作台');
    await page.locator('dl.figures').waitFor({ timeout: 15_000 });
    // The same figures the public sees for this department and year (read straight from the portal).
    const stats = (await (await fetch(`${portal.url}/api/v1/statistics?department=${encodeURIComponent(officer.department!)}`)).json()) as { year: number; penaltyDecisions: number; licenceDecisions: number };
    expect(await page.locator('h2', { hasText: '年度指标' }).textContent()).toContain(String(stats.year));
    expect(await page.locator('.figures div', { hasText: '行政处罚决定' }).locator('dd').first().textContent()).toBe(`${stats.penaltyDecisions} 件`);
    const burdenRows = page.locator('table', { has: page.locator('caption', { hasText: '企业按近12个月被检查次数分布' }) }).locator('tbody tr');
    expect(await burdenRows.count()).toBe(4);
    await page.locator('.chart svg').first().waitFor();
    await shot('02-dashboard');
    await expectAccessible('工作台（统计）');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel（XLSX）' }).click()]);
    expect(download.suggestedFilename()).toBe(`执法监管工作台-${stats.year}-${officer.department}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['年度指标', '按月公示', '检查负担']));
    const figures = book.getWorksheet('年度指标')!;
    const licence = figures.getRows(2, figures.rowCount - 1)!.find((r) => r.getCell(1).value === '行政许可决定（件）');
    expect(licence?.getCell(2).value).toBe(stats.licenceDecisions);
    expect(licence?.getCell(4).value).toBe(officer.department);
  });

  scenario('serves the built files precompressed, hashed assets cached as immutable', async () => {
    const html = await (await fetch(consoleApp.url + '/')).text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const head = (encoding: string) =>
      new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
        http.get(consoleApp.url + script!, { headers: { 'accept-encoding': encoding } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.headers));
        }).on('error', reject);
      });
    const br = await head('gzip, deflate, br');
    expect([br['content-encoding'], br['content-type'], br['cache-control']]).toEqual(['br', expect.stringContaining('javascript'), 'public, max-age=31536000, immutable']);
    expect(br.vary).toMatch(/accept-encoding/i);
    expect((await head('gzip'))['content-encoding']).toBe('gzip');
    expect((await head('identity'))['content-encoding']).toBeUndefined();
    // A missing asset is a 404 with no encoding claimed, never the page in its place; the page by another spelling keeps its policy.
    const missing = await fetch(consoleApp.url + '/assets/index-AAAAAAAA.js', { headers: { 'accept-encoding': 'br' } });
    expect([missing.status, missing.headers.get('content-encoding')]).toEqual([404, null]);
    const spelled = await fetch(consoleApp.url + '/%69ndex.html');
    expect([spelled.status, spelled.headers.get('content-security-policy'), spelled.headers.get('cache-control')]).toEqual([200, expect.stringContaining("script-src 'self'"), 'no-cache']);
    // The console may read the portal's open data, and nothing else of it.
    const officer = accounts.find((a) => a.role === 'officer')!;
    const login = await fetch(consoleApp.url + '/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: officer.username, password: officer.password }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect((await fetch(consoleApp.url + '/api/portal/api/v1/statistics', { headers: { cookie } })).status).toBe(200);
    expect((await fetch(consoleApp.url + '/api/portal/statistics', { headers: { cookie } })).status).toBe(404);
    expect((await fetch(consoleApp.url + '/api/portal/api/v1/statistics')).status).toBe(401);
  });

  scenario('the legal reviewer sees the review queue only', async () => {
    await signInAs('legal_reviewer');
    expect(await page.locator('main h1').textContent()).toBe('法制审核');
    expect(await menu()).toEqual(['法制审核', '登录会话']);
    await page.waitForLoadState('networkidle');
    await expectAccessible('法制审核');
    await open('/targets', '无权访问');
  });

  scenario('the auditor searches the audit trail, pages it and verifies the chain', async () => {
    await signInAs('auditor');
    expect(await page.locator('main h1').textContent()).toBe('执法全过程记录');
    await expectAccessible('执法全过程记录');
    // The newest records are there as the page opens, before any search.
    await page.locator('table.data tbody tr').first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.locator('table.data tbody tr').first().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('link', { name: '导出 CSV' }).getAttribute('href')).toBe('/api/planning/audit/export');
    await page.getByRole('button', { name: '校验记录链' }).click();
    expect(await page.getByTestId('chain-verdict').textContent()).toContain('记录链完整');
    await expectAccessible('执法全过程记录（结果）');
  });

  scenario('the admin sees the account page and every office page', async () => {
    await signInAs('admin');
    const links = await menu();
    expect(links).toEqual(expect.arrayContaining(['账号管理', '执法全过程记录', '检查对象名录库']));
    await open('/accounts', '账号管理');
    await page.locator('table.data td', { hasText: 'demo-officer' }).first().waitFor();
    await expectAccessible('账号管理');
    await page.getByRole('button', { name: '新建账号' }).click();
    await page.getByRole('dialog', { name: '新建账号' }).waitFor();
    await expectAccessible('新建账号');
  });
});
