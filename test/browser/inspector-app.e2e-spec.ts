/**
 * The inspector's phone app (掌上执法, apps/console/mobile) in a real browser: playwright-core driving
 * Debian's chromium at a phone's viewport with touch, served by the console at /m/ with planning,
 * inspection and publication behind it on real PostgreSQL and JetStream. Sign in, go offline, reload and
 * work from the phone's copy: record a visit with three photos of 4000×3000 and both signatures, see it
 * 待发送, go online and see it 已送达 without a reload, with exactly one result and its files on the
 * server; the same with the connection dropping in the middle of the second photo; confirm a teammate's
 * submission offline; an inspector outside the team is refused (page and API); the 笔录 prints to PDF;
 * axe-core (WCAG 2.1 A/AA) on every screen. Also measures the first load on a throttled profile.
 * Screenshots of failures go to test-results/.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import piexif from 'piexifjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { recordHashOf } from '#domain';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { bootstrapConsole } from '../../apps/console/src/bootstrap.js';
import { InspectionAppModule } from '../../apps/inspection/src/app.module.js';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { PublicationAppModule } from '../../apps/publication/src/app.module.js';
import { freePort } from '../../scripts/embedded/free-port.js';
import { uscc } from '../support/codes.js';
import { expectAccessible as expectAccessibleNow } from '../support/accessibility.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { TEST_NOW } from '../support/test-clock.js';
import { eventually, testEnv, testPrefix } from '../support/test-env.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const results = path.join(root, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEPT = '水政监察大队';
/** Where the phone is: 20 m from the firm's registered coordinates. */
const SITE = { latitude: 30.27412, longitude: 120.15512 };
const PHONE = { latitude: 30.27425, longitude: 120.15525, accuracy: 12 };

interface DemoAccount {
  username: string;
  password: string;
  role: string;
}

/** A console session from Node, as a page holds it (session cookie, CSRF header). */
class ConsoleClient {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  static async signIn(base: string, username: string, password: string): Promise<ConsoleClient> {
    const c = new ConsoleClient(base);
    const r = await c.call('POST', '/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return c;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the services' JSON, read field by field in the scenarios
  async call<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; bytes: Buffer }> {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.cookies.has('sc_csrf')) h['x-csrf-token'] = decodeURIComponent(this.cookies.get('sc_csrf')!);
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(this.base + url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (a file)
    }
    return { status: res.status, body: parsed as T, bytes };
  }
}

/** Width and height of a JPEG from its SOF marker. */
function jpegSize(b: Buffer): { width: number; height: number } {
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) throw new Error('not a JPEG marker');
    const marker = b[i + 1];
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  throw new Error('no SOF marker');
}

describe('the inspector’s phone app (掌上执法) in a browser', () => {
  let dbs: TestDatabase[];
  let prefix: string;
  let probe: NatsProbe;
  let consoleApp: RunningApp;
  let planning: RunningApp;
  let publication: RunningApp;
  let inspection: RunningApp;
  let dataDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let accounts: DemoAccount[];
  let officer: ConsoleClient;
  const people: Record<'me' | 'co' | 'outsider' | 'spare', { id: string; name: string; certificateNo: string; username: string; password: string }> = {} as never;
  const visits: Record<'offline' | 'drop' | 'confirm', string> = {} as never;
  let item: { code: string; name: string; version: number };
  let photoFiles: { name: string; mimeType: string; buffer: Buffer }[] = [];
  /** When inspection's clock started at TEST_NOW (real time, monotonic). */
  let inspectionStartedAt = 0;
  /** The phone's clock follows the services' (TEST_NOW and running): a result may not be dated in their future. */
  const phoneNow = () => Date.parse(TEST_NOW) + Math.round(performance.now() - inspectionStartedAt) - 5_000;

  const scenario = (name: string, body: () => Promise<void>, timeout = 180_000) =>
    it(
      name,
      async () => {
        try {
          await body();
        } catch (error) {
          mkdirSync(results, { recursive: true });
          await page?.screenshot({ path: path.join(results, `inspector-app-${name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true }).catch(() => undefined);
          throw error;
        }
      },
      timeout,
    );

  /** The README's walk-through pictures (`npm run screenshots` sets SCREENSHOTS_DIR): the phone's screen as it is now. */
  async function shot(name: string): Promise<void> {
    const dir = process.env.SCREENSHOTS_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`) });
  }

  const expectAccessible = (what: string) => expectAccessibleNow(page, what);

  /** A phone: 390 × 844, touch, zh-CN, located near the firm, service workers on. */
  async function phone(serviceWorkers: 'allow' | 'block' = 'allow'): Promise<void> {
    await context?.close();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
      geolocation: PHONE, permissions: ['geolocation'], serviceWorkers,
    });
    await context.clock.install({ time: phoneNow() });
    page = await context.newPage();
  }

  async function signIn(who: { username: string; password: string }): Promise<void> {
    await page.goto(`${consoleApp.url}/m/`);
    await page.waitForURL(/\/m\/login/);
    await page.getByLabel('用户名').fill(who.username);
    await page.getByLabel('密码').fill(who.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '检查任务' }).waitFor({ timeout: 15_000 });
  }

  const card = (name: string) => page.getByTestId('assignment').filter({ has: page.getByRole('heading', { name }) });

  /** Draws a stroke on the open signature pad and confirms it. */
  async function drawSignature(): Promise<void> {
    const canvas = page.getByTestId('signature-canvas');
    // The dialog slides in: hovering waits until the canvas stands still.
    await canvas.hover({ trial: true });
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 20, box.y + box.height / 2 + (i % 2 ? -30 : 30), { steps: 3 });
    await page.mouse.up();
    await page.getByRole('button', { name: '确认签名' }).click();
    await canvas.waitFor({ state: 'detached' }).catch(() => canvas.waitFor({ state: 'hidden' }));
  }

  /** Records a whole visit on the open visit page: start, all compliant, outcome, 3 photos, both signatures; then submits. */
  async function recordVisit(checkAccessibility: boolean): Promise<void> {
    await page.getByRole('button', { name: /开始检查/ }).click();
    await page.getByTestId('fix').filter({ hasText: '±12 米' }).waitFor();
    expect(await page.getByTestId('place-warnings').count()).toBe(0);
    await page.getByRole('button', { name: '全部符合' }).click();
    await page.getByTestId('answered-count').filter({ hasText: '已检查 3/3' }).waitFor();
    await page.getByLabel('检查结论（标准结果类别）').selectOption('未发现问题');
    // Submitting too early lists every problem at once.
    await page.getByRole('button', { name: '提交检查结果' }).click();
    const problems = page.getByTestId('problems').locator('li');
    await problems.first().waitFor();
    expect(await problems.allTextContents()).toEqual(['检查人员（本人）尚未签名', '当事人尚未签名（拒绝签名的，请记录拒签原因和见证人）']);
    if (checkAccessibility) await expectAccessible('检查记录（有待处理的问题）');
    await page.getByTestId('photo-input').setInputFiles(photoFiles);
    await page.getByTestId('photos').locator('li').nth(2).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: `签名：${people.me.name}` }).click();
    if (checkAccessibility) await expectAccessible('签名');
    await drawSignature();
    await page.getByLabel('当事人（签名人）姓名或单位').fill('杭州某某水务有限公司 王五');
    await page.getByRole('button', { name: '当事人签名' }).click();
    await drawSignature();
    expect(await page.locator('.state.delivered', { hasText: '已签名' }).count()).toBe(2);
    if (checkAccessibility) await expectAccessible('检查记录（已签名）');
    await page.getByRole('button', { name: '提交检查结果' }).click();
  }

  /** The assignment as the server has it (through the console, as an officer). */
  const detail = async (id: string) => (await officer.call('GET', `/api/inspection/assignments/${id}`)).body;

  beforeAll(async () => {
    // The production build of the app, as `npm run build` makes it.
    execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--config', 'apps/console/mobile/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' },
    });
    dbs = await Promise.all(['mobcon', 'mobplan', 'mobpub', 'mobinsp'].map((n) => createTestDatabase(n)));
    prefix = testPrefix('mob');
    probe = await NatsProbe.connect();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-inspector-app-'));
    const [consolePort, planningPort, publicationPort, inspectionPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const jwks = { AUTH_JWKS_URL: `http://127.0.0.1:${consolePort}/.well-known/jwks.json` };
    consoleApp = await bootstrapConsole(
      testEnv(dbs[0].url, prefix, {
        PORT: String(consolePort), DATA_DIR: dataDir, CONSOLE_INSPECTOR_WEB_DIR: path.join(root, 'dist', 'inspector-web'), CONSOLE_DEMO_ACCOUNTS: 'on',
        PLANNING_URL: `http://127.0.0.1:${planningPort}`, PUBLICATION_URL: `http://127.0.0.1:${publicationPort}`, INSPECTION_URL: `http://127.0.0.1:${inspectionPort}`,
      }),
      { outboxPollMs: 50 },
    );
    planning = await startTestApp('planning', (c, b) => PlanningAppModule.forRoot(c, b, { outboxPollMs: 50 }), dbs[1].url, prefix, { PORT: String(planningPort), ...jwks });
    inspectionStartedAt = performance.now();
    inspection = await startTestApp('inspection', (c, b) => InspectionAppModule.forRoot(c, b, { outboxPollMs: 50, overdueScanMs: 0, evidenceDir: path.join(dataDir, 'evidence') }), dbs[3].url, prefix, {
      PORT: String(inspectionPort), ...jwks,
    });
    publication = await startTestApp('publication', (c, b) => PublicationAppModule.forRoot(c, b, { outboxPollMs: 50, rules: { schedulerIntervalMs: 0 } }), dbs[2].url, prefix, {
      PORT: String(publicationPort), ...jwks,
    });
    accounts = await eventually(async () => {
      try {
        return JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
      } catch {
        return undefined;
      }
    }, 30_000, 'demo accounts');
    const demo = (u: string) => accounts.find((a) => a.username === u)!;
    officer = await ConsoleClient.signIn(consoleApp.url, 'demo-officer', demo('demo-officer').password);
    const admin = await ConsoleClient.signIn(consoleApp.url, 'demo-admin', demo('demo-admin').password);

    // The directory: the demo inspector's entry (its account is linked when the event reaches the console),
    // a teammate and an inspector of no team.
    const entries = [
      ['me', 'SL33010620001', '张明'],
      ['co', 'SL33010620002', '李华'],
      ['outsider', 'SL33010620003', '王强'],
      ['spare', 'SL33010620004', '赵磊'],
    ] as const;
    for (const [key, certificateNo, name] of entries) {
      const r = await officer.call('POST', '/api/planning/inspectors', {
        certificateNo, name, department: DEPT, regionCode: '330106', certifiedCategories: ['水资源'], status: 'active', certificateValidFrom: '2024-01-01', certificateValidUntil: '2030-12-31',
      });
      expect(r.status).toBe(201);
      people[key] = { id: r.body.id, name, certificateNo, username: '', password: '' };
    }
    people.me.username = 'demo-inspector';
    people.me.password = demo('demo-inspector').password;
    await eventually(async () => {
      const c = await ConsoleClient.signIn(consoleApp.url, 'demo-inspector', people.me.password);
      return (await c.call('GET', '/auth/me')).body.user.inspectorId === people.me.id || undefined;
    }, 30_000, 'the demo inspector linked to the directory');
    await eventually(async () => ((await admin.call('GET', '/auth/directory/inspectors')).body as unknown[]).length >= 3 || undefined, 30_000, 'the console’s directory');
    for (const key of ['co', 'outsider'] as const) {
      const created = await admin.call('POST', '/auth/accounts', { username: `insp-${key}`, displayName: people[key].name, roles: ['inspector'], department: DEPT, inspectorId: people[key].id });
      expect(created.status).toBe(201);
      const password = `现场检查-${key}-Spotcheck-2026`;
      const c = await ConsoleClient.signIn(consoleApp.url, `insp-${key}`, created.body.initialPassword);
      expect((await c.call('POST', '/auth/password', { currentPassword: created.body.initialPassword, newPassword: password })).status).toBe(204);
      Object.assign(people[key], { username: `insp-${key}`, password });
    }

    // The item with its check points, and the firm with its registered address and coordinates.
    const created = await officer.call('POST', '/api/planning/items', {
      code: 'SL-QS-01', name: '对取水许可实施情况的行政检查', category: '一般', legalBasis: '《取水许可和水资源费征收管理条例》第四十六条', method: '现场检查',
      checkPoints: ['取水许可证在有效期内', '取水计量设施正常运行', '按许可水量取水'],
      targetScope: { kinds: ['organisation'], categories: ['取水单位'], description: '取水单位' }, certificationCategory: '水资源', defaultRatios: { A: 0.1, B: 0.1, C: 1, D: 1 }, frequencyPerYear: 1,
    });
    expect(created.status).toBe(201);
    item = { code: 'SL-QS-01', name: '对取水许可实施情况的行政检查', version: 1 };
    const firms: Record<string, { id: string; name: string }> = {};
    for (const [key, name, n] of [['offline', '杭州一号取水有限公司', 1], ['drop', '杭州二号取水有限公司', 2], ['confirm', '杭州三号取水有限公司', 3]] as const) {
      const code = uscc(`91330106MA2CG${String(n).padStart(4, '0')}`);
      const t = await officer.call('POST', '/api/planning/targets', {
        department: DEPT, departments: [DEPT], kind: 'organisation', category: '取水单位', name, creditCode: code, regionCode: '330106', industry: '水的生产和供应业',
        creditClass: 'B', status: 'active', address: `杭州市西湖区文三路${key === 'offline' ? 1 : key === 'drop' ? 2 : 3}号`, latitude: SITE.latitude, longitude: SITE.longitude,
      });
      expect([t.status, t.body]).toEqual([201, expect.anything()]);
      firms[key] = { id: t.body.id, name };
    }

    // Three 即时检查 for the demo inspector and the teammate (the lists of inspection fill from planning's events).
    const team = (first: 'me' | 'co', second: 'me' | 'co') => [first, second].map((k) => ({ inspectorId: people[k as 'me'].id, name: people[k as 'me'].name, certificateNo: people[k as 'me'].certificateNo }));
    for (const [key, due, members] of [['offline', '2026-11-25', team('me', 'co')], ['drop', '2026-11-27', team('me', 'co')], ['confirm', '2026-11-29', team('co', 'me')]] as const) {
      const r = await eventually(async () => {
        const res = await officer.call('POST', '/api/inspection/immediate-inspections', {
          target: { id: firms[key].id, name: firms[key].name, kind: 'organisation' }, items: [item], team: members, reason: '群众举报超许可取水', dueDate: due,
        }, { 'Idempotency-Key': `mobile-e2e-${key}` });
        return res.status === 422 ? undefined : res;
      }, 30_000, 'the directory and the item list in inspection');
      expect(r.status).toBe(201);
      visits[key] = r.body.id;
    }

    // Fifty more for the teammate and a fourth inspector: a week of work carried offline.
    const capacityTeam = (['co', 'spare'] as const).map((k) => ({ inspectorId: people[k].id, name: people[k].name, certificateNo: people[k].certificateNo }));
    for (let n = 1; n <= 50; n++) {
      const r = await officer.call('POST', '/api/inspection/immediate-inspections', {
        target: { name: `容量测试取水点${String(n).padStart(2, '0')}`, kind: 'site' }, items: [item], team: capacityTeam, reason: '汛前巡查', dueDate: '2026-12-10',
      }, { 'Idempotency-Key': `mobile-e2e-capacity-${n}` });
      expect(r.status).toBe(201);
    }

    // The teammate submits the third one (through the API, as a desk client would), for the demo inspector to confirm.
    // Its record hash is sent, so the demo inspector signs that record when confirming.
    const co = await ConsoleClient.signIn(consoleApp.url, people.co.username, people.co.password);
    const coResult = {
      outcome: '未发现问题', inspectedAt: '2026-11-20T09:30:00+08:00', place: '杭州市西湖区文三路3号', channel: 'desktop',
      findings: [{ itemCode: item.code, checkPoints: ['取水许可证在有效期内', '取水计量设施正常运行', '按许可水量取水'].map((label, index) => ({ index, label, compliant: true })) }],
    };
    const submitted = await co.call('POST', `/api/inspection/assignments/${visits.confirm}/results`, { ...coResult, recordHash: recordHashOf({ ...coResult, assignmentId: visits.confirm }) }, { 'Idempotency-Key': 'mobile-e2e-co-submission' });
    expect(submitted.status).toBe(201);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // Three different 4000×3000 photos as a phone camera makes them (fine detail, so they do not compress to nothing).
    const painter = await browser.newPage();
    photoFiles = [];
    for (const seed of [1, 2, 3]) {
      const base64 = await painter.evaluate(async (s) => {
        const c = document.createElement('canvas');
        c.width = 4000;
        c.height = 3000;
        const ctx = c.getContext('2d')!;
        const g = ctx.createLinearGradient(0, 0, 4000, 3000);
        g.addColorStop(0, `hsl(${s * 70}, 60%, 55%)`);
        g.addColorStop(1, `hsl(${s * 70 + 120}, 50%, 35%)`);
        ctx.fillStyle = g;
        ctx.fillRect(0, 0, 4000, 3000);
        let x = s * 9973;
        const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
        // Grain in 6-pixel cells: detail that survives the scaling, like gravel or water.
        const cell = 6;
        for (let y = 0; y < 3000; y += cell) for (let xx = 0; xx < 4000; xx += cell) {
          ctx.fillStyle = `rgba(${(rnd() * 255) | 0},${(rnd() * 255) | 0},${(rnd() * 255) | 0},0.35)`;
          ctx.fillRect(xx, y, cell, cell);
        }
        const blob: Blob = await new Promise((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.9));
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let bin = '';
        for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(bin);
      }, seed);
      photoFiles.push({ name: `IMG_000${seed}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') });
    }
    await painter.close();
    expect(jpegSize(photoFiles[0].buffer)).toEqual({ width: 4000, height: 3000 });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await publication?.close();
    await inspection?.close();
    await planning?.close();
    await consoleApp?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await Promise.all((dbs ?? []).map((d) => d.drop()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  scenario('signs in, works offline after a reload, records a visit with 3 photos and both signatures, and delivers it when online', async () => {
    await phone();
    await page.goto(`${consoleApp.url}/m/`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expectAccessible('登录');
    await page.getByLabel('用户名').fill(people.me.username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await signIn(people.me);
    // The worklist: earliest due first, everything for the visits downloaded.
    await page.getByTestId('assignment').nth(2).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('assignment').getByRole('heading').allTextContents()).toEqual(['杭州一号取水有限公司', '杭州二号取水有限公司', '杭州三号取水有限公司']);
    await page.getByTestId('last-sync').filter({ hasText: '刚刚' }).waitFor();
    const firstDetail = await detail(visits.offline);
    if (firstDetail.target.address) expect(await card('杭州一号取水有限公司').textContent()).toContain(firstDetail.target.address);
    expect(await card('杭州三号取水有限公司').textContent()).toContain('待我确认');
    await card('杭州一号取水有限公司').getByText('检查事项 1 项').click();
    expect(await card('杭州一号取水有限公司').textContent()).toContain('取水计量设施正常运行');
    await expectAccessible('检查任务');
    // The app shell is cached by the service worker before going offline.
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 20_000 });

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('offline').waitFor();
    await page.getByTestId('assignment').nth(2).waitFor();
    expect(await page.getByTestId('last-sync').textContent()).not.toContain('尚未同步');
    await shot('12-phone-worklist-offline');

    // 亮证 offline: the last code, with its expiry.
    await card('杭州一号取水有限公司').getByRole('link', { name: '亮证' }).click();
    await page.getByTestId('badge-qr').waitFor();
    expect(await page.getByTestId('badge-certificate').textContent()).toBe(people.me.certificateNo);
    expect(await page.getByTestId('badge-expiry').textContent()).toMatch(/(有效至|已过期) \d{4}-\d\d-\d\d \d\d:\d\d/);
    await expectAccessible('亮证');
    await page.getByRole('button', { name: '关闭' }).click();

    await card('杭州一号取水有限公司').getByRole('link', { name: '开始检查' }).click();
    await page.getByRole('heading', { name: '杭州一号取水有限公司', level: 1 }).waitFor();
    await expectAccessible('检查记录');
    await recordVisit(true);
    await page.getByTestId('submission-state').filter({ hasText: '待发送' }).waitFor();
    await page.getByTestId('queue-count').filter({ hasText: '待发送 2' }).waitFor();
    await shot('13-phone-visit-queued');
    await expectAccessible('检查记录（待发送）');

    // Nothing unsent may be thrown away: sign-out is refused.
    await page.getByRole('link', { name: /我的/ }).click();
    await page.getByTestId('unsent-warning').waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    expect(await page.getByTestId('me-message').textContent()).toContain('未送达');
    await expectAccessible('我的');

    // The 现场检查笔录 with both signatures, printed to PDF.
    await page.goto(`${consoleApp.url}/m/record/${visits.offline}`);
    await page.getByTestId('record').waitFor();
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="record-signature"]')).filter((i) => i.complete && i.naturalWidth > 0).length === 2);
    expect(await page.getByTestId('record-outcome').textContent()).toBe('未发现问题');
    await shot('14-phone-record');
    await expectAccessible('现场检查笔录');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    mkdirSync(results, { recursive: true });
    writeFileSync(path.join(results, 'inspector-app-record.pdf'), pdf);
    expect(pdf.length).toBeGreaterThan(10_000);

    // The queue, then the connection comes back: 已送达 appears without a reload.
    await page.getByTestId('queue-count').click();
    await page.getByRole('heading', { name: '发送队列' }).waitFor();
    const resultItem = page.getByTestId('outbox-item').filter({ hasText: '杭州一号取水有限公司 · 检查结果' });
    expect(await resultItem.getByTestId('outbox-state').textContent()).toBe('待发送');
    await expectAccessible('发送队列（待发送）');
    await context.setOffline(false);
    await resultItem.getByTestId('outbox-state').filter({ hasText: '已送达' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('queue-count').filter({ hasText: '待发送 0' }).waitFor();
    await shot('15-phone-outbox-delivered');
    await expectAccessible('发送队列（已送达）');

    // Exactly one result with the 3 photos on the server, its signatures bound to the record.
    const d = await detail(visits.offline);
    expect(d.results).toHaveLength(1);
    expect(d.results[0]).toMatchObject({ outcome: '未发现问题', channel: 'mobile', status: 'pending' });
    expect(d.results[0].evidence).toHaveLength(3);
    const photos = d.evidence.filter((e: { sha256: string }) => d.results[0].evidence.includes(e.sha256));
    expect(photos).toHaveLength(3);
    expect(d.results[0].recordHash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.results[0].signatures.map((s: { signer: string }) => s.signer).sort()).toEqual(['inspector', 'party']);
    for (const sig of d.results[0].signatures) expect(sig.recordHash).toBe(d.results[0].recordHash);
    expect(d.results[0].signatures.find((x: { signer: string }) => x.signer === 'party')).toMatchObject({ name: '杭州某某水务有限公司 王五' });
    // The signature images arrived as evidence of their own, not listed among the result's photos.
    const signatureFiles = d.evidence.filter((e: { purpose: string }) => e.purpose === 'signature');
    expect(signatureFiles.map((e: { sha256: string }) => e.sha256).sort()).toEqual(d.results[0].signatures.map((x: { image: string }) => x.image).sort());
    expect(photos.every((p: { purpose: string }) => p.purpose === 'photo')).toBe(true);
    // A served photo: at most 1600 px on its long edge, under 500 KB, stamped in EXIF with time, place and task.
    for (const p of photos) {
      const file = await officer.call('GET', `/api/inspection/assignments/${visits.offline}/evidence/${p.sha256}`, undefined, { accept: '*/*' });
      expect(file.status).toBe(200);
      const { width, height } = jpegSize(file.bytes);
      expect(Math.max(width, height)).toBeLessThanOrEqual(1600);
      expect(file.bytes.length).toBeLessThan(500 * 1024);
      const exif = piexif.load(file.bytes.toString('binary'));
      expect(exif['0th']?.[piexif.ImageIFD.ImageDescription]).toContain(visits.offline);
      expect(exif.Exif?.[piexif.ExifIFD.DateTimeOriginal]).toMatch(/^\d{4}:\d\d:\d\d \d\d:\d\d:\d\d$/);
      expect(exif.GPS?.[piexif.GPSIFD.GPSLatitudeRef]).toBe('N');
    }
  }, 300_000);

  scenario('resumes when the connection drops in the middle of the second photo, and records exactly one result', async () => {
    // No service worker here: page.route must see every request of the page.
    await phone('block');
    await signIn(people.me);
    await page.getByTestId('assignment').nth(1).waitFor({ timeout: 20_000 });
    const uploads = `**/api/inspection/assignments/${visits.drop}/evidence/uploads/*`;
    const seen: string[] = [];
    let dropped: { sha: string; offset: number } | null = null;
    await page.route(uploads, async (route) => {
      const req = route.request();
      if (req.method() !== 'PATCH') return route.continue();
      const sha = req.url().split('/').pop()!;
      if (!seen.includes(sha)) seen.push(sha);
      const offset = Number(req.headers()['upload-offset']);
      // The second photo, once part of it has arrived: the connection goes.
      if (!dropped && seen.indexOf(sha) === 1 && offset > 0) {
        dropped = { sha, offset };
        await context.setOffline(true);
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    await card('杭州二号取水有限公司').getByRole('link', { name: '开始检查' }).click();
    await page.getByRole('heading', { name: '杭州二号取水有限公司', level: 1 }).waitFor();
    await recordVisit(false);
    await page.getByTestId('offline').waitFor({ timeout: 60_000 });
    expect(dropped).not.toBeNull();
    await page.getByTestId('submission-state').filter({ hasText: '待发送' }).waitFor();
    expect(await page.getByTestId('submission').textContent()).toContain('网络中断');
    expect((await detail(visits.drop)).results).toHaveLength(0);
    await context.setOffline(false);
    await page.getByTestId('submission-state').filter({ hasText: '已送达' }).waitFor({ timeout: 60_000 });
    const d = await detail(visits.drop);
    expect(d.results).toHaveLength(1);
    expect(d.results[0].evidence).toHaveLength(3);
    expect(d.results[0].evidence).toContain(dropped!.sha);
    const second = d.evidence.find((e: { sha256: string }) => e.sha256 === dropped!.sha);
    expect(second.size).toBeGreaterThan(dropped!.offset);
  }, 300_000);

  scenario('confirms a teammate’s submission offline, queued like a submission', async () => {
    await phone();
    await signIn(people.me);
    await card('杭州三号取水有限公司').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 20_000 });
    await context.setOffline(true);
    await card('杭州三号取水有限公司').getByRole('link', { name: '查看并确认' }).click();
    await page.getByTestId('confirm-outcome').filter({ hasText: '未发现问题' }).waitFor();
    await expectAccessible('确认同组提交');
    await page.getByRole('button', { name: '签名并确认' }).click();
    await drawSignature();
    await page.getByTestId('confirm-state').filter({ hasText: '待发送' }).waitFor();
    await context.setOffline(false);
    await page.getByTestId('confirm-state').filter({ hasText: '已送达' }).waitFor({ timeout: 60_000 });
    const d = await detail(visits.confirm);
    expect(d.results[0].status).toBe('confirmed');
    expect(d.results[0].signatures).toEqual([expect.objectContaining({ signer: 'inspector', inspectorId: people.me.id, recordHash: d.results[0].recordHash })]);
  });

  scenario('opens and works offline eight days after the last sync, with more than 50 visits on the phone', async () => {
    await phone();
    await signIn(people.co);
    const capacity = page.getByTestId('assignment').filter({ has: page.getByRole('heading', { name: /^容量测试取水点/ }) });
    await capacity.nth(49).waitFor({ timeout: 60_000 });
    await page.getByTestId('last-sync').filter({ hasText: '刚刚' }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 20_000 });
    await context.setOffline(true);
    await page.clock.setSystemTime(phoneNow() + 8 * 86_400_000);
    await page.reload();
    await page.getByTestId('offline').waitFor();
    await capacity.nth(49).waitFor();
    expect(await capacity.count()).toBe(50);
    expect(await page.getByTestId('last-sync').textContent()).toContain('8 天前');
    // A visit opens and records from the phone's copy.
    await capacity.nth(49).getByRole('link', { name: '开始检查' }).click();
    await page.getByRole('heading', { name: '容量测试取水点50', level: 1 }).waitFor();
    await page.getByRole('button', { name: '全部符合' }).click();
    await page.getByTestId('answered-count').filter({ hasText: '已检查 3/3' }).waitFor();
  });

  scenario('an inspector outside the team gets the no-access page, and a 403 from the API', async () => {
    await phone();
    await signIn(people.outsider);
    await page.getByTestId('worklist-empty').waitFor({ timeout: 20_000 });
    await page.goto(`${consoleApp.url}/m/visit/${visits.offline}`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    await expectAccessible('无权访问');
    const status = await page.evaluate(async (id) => (await fetch(`/api/inspection/assignments/${id}`, { credentials: 'same-origin' })).status, visits.offline);
    expect(status).toBe(403);
  });

  scenario('first load on a throttled phone profile (Fast 3G, CPU ×4): size and time to interactive', async () => {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', serviceWorkers: 'block' });
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Lighthouse's mobile profile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU four times slower.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let encoded = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (encoded += e.encodedDataLength));
    const started = performance.now();
    await page.goto(`${consoleApp.url}/m/login`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    // Interactive: the form takes input and the main thread answers at once.
    await page.getByLabel('用户名').fill('x');
    const interactiveMs = Math.round(performance.now() - started);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return {
        transferredBytes: nav.transferSize + res.reduce((n, r) => n + r.transferSize, 0),
        decodedBytes: nav.decodedBodySize + res.reduce((n, r) => n + r.decodedBodySize, 0),
        domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
        loadMs: Math.round(nav.loadEventEnd),
      };
    });
    const measured = { profile: 'Fast 3G (150 ms, 1.6 Mbit/s down), CPU ×4', encodedBytesOnWire: encoded, ...timing, interactiveMs };
    mkdirSync(results, { recursive: true });
    writeFileSync(path.join(results, 'inspector-app-first-load.json'), JSON.stringify(measured, null, 2));
    console.log('inspector app first load', measured);
    // The brotli files were sent: the wire carries far less than the decoded app.
    expect(timing.transferredBytes).toBeLessThan(timing.decodedBytes / 2);
    await expectAccessible('登录（首次加载）');
  });
});
