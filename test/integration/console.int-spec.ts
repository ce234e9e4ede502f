import 'reflect-metadata';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import nodeHttp from 'node:http';
import net from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import Provider from 'oidc-provider';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { eventStreamName, deadLetterStreamName } from '#contracts';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp, TestClock } from '#platform';
import { AccountsService } from '../../apps/console/src/accounts/accounts.service.js';
import { bootstrapConsole } from '../../apps/console/src/bootstrap.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../../apps/console/src/console-settings.js';
import { DemoAccounts } from '../../apps/console/src/demo/demo-accounts.js';
import { hashPassword } from '../../apps/console/src/domain/password-hash.js';
import { TokenIssuer } from '../../apps/console/src/tokens/token-issuer.js';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { freePort } from '../../scripts/embedded/free-port.js';
import { uscc } from '../support/codes.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { testClock } from '../support/test-clock.js';
import { eventually, testEnv, testPrefix } from '../support/test-env.js';

/**
 * Issue 13, the staff front door: the console on real PostgreSQL and NATS, with a real planning app
 * that verifies the console's tokens through its JWKS, and a real OpenID provider (oidc-provider).
 */
const WATER = '水资源管理科';
const ENFORCEMENT = '水政监察大队';
const PASSWORD = 'Correct-horse-battery-9';

/** A browser's cookies for the console: the session and the CSRF token. */
interface Browser {
  cookie: string;
  csrf: string;
  setCookies: string[];
}

function cookiesOf(res: request.Response): Browser {
  const setCookies = ([] as string[]).concat((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []);
  const jar = Object.fromEntries(setCookies.map((c) => c.split(';')[0].split('=')).map(([k, ...v]) => [k, v.join('=')]));
  return { cookie: `sc_session=${jar.sc_session}; sc_csrf=${jar.sc_csrf}`, csrf: decodeURIComponent(jar.sc_csrf ?? ''), setCookies };
}

describe('console: sign-in, sessions, CSRF, tokens and the forwarding to the services (issue 13)', () => {
  let consoleDb: TestDatabase;
  let planningDb: TestDatabase;
  let prefix: string;
  let probe: NatsProbe;
  let console_: RunningApp;
  let planning: RunningApp;
  let clock: TestClock;
  let dataDir: string;
  let settings: ConsoleSettings;
  let oidcServer: Server;
  const http = () => request(console_.url);

  const createAccount = async (username: string, roles: ('officer' | 'inspector' | 'admin' | 'auditor' | 'legal_reviewer')[], department: string | null, mustChangePassword = false) => {
    const accounts = console_.app.get(AccountsService);
    const hash = await hashPassword(PASSWORD);
    return console_.app.get(DataSource).transaction((m) => accounts.insert(m, { username, displayName: username, roles, department, mustChangePassword }, hash));
  };
  const login = async (username: string, password = PASSWORD, headers: Record<string, string> = {}) => {
    let r = http().post('/auth/login');
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    return r.send({ username, password });
  };
  const signIn = async (username: string) => {
    const res = await login(username);
    expect([username, res.status]).toEqual([username, 200]);
    return cookiesOf(res);
  };
  const as = (b: Browser, method: 'get' | 'post' | 'patch' | 'delete', url: string) => {
    const r = http()[method](url).set('Cookie', b.cookie);
    return method === 'get' ? r : r.set('X-CSRF-Token', b.csrf);
  };

  beforeAll(async () => {
    [consoleDb, planningDb] = await Promise.all([createTestDatabase('consoleapp'), createTestDatabase('consoleplan')]);
    prefix = testPrefix('console');
    probe = await NatsProbe.connect();
    clock = testClock();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-console-'));
    const [consolePort, planningPort, providerPort] = [await freePort(), await freePort(), await freePort()];
    const consoleUrl = `http://127.0.0.1:${consolePort}`;
    const issuer = `http://127.0.0.1:${providerPort}`;

    // A real OpenID provider: its dev interactions sign in any user name; the claims carry the provider's own role names.
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'spotcheck-console', client_secret: 'console-client-secret-0123456789', redirect_uris: [`${consoleUrl}/auth/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
      findAccount: async (_ctx: unknown, id: string) => ({
        accountId: id,
        claims: async () => ({ sub: id, name: '赵六', preferred_username: id.split('+')[0], zf_roles: id === 'nobody' ? [] : id === 'boss' ? ['zf-officer', 'admin'] : ['zf-officer'], unit: WATER }),
      }),
      claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'zf_roles', 'unit'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
      cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    });
    oidcServer = provider.listen(providerPort) as unknown as Server;

    console_ = await bootstrapConsole(
      testEnv(consoleDb.url, prefix, {
        PORT: String(consolePort), DATA_DIR: dataDir, PLANNING_URL: `http://127.0.0.1:${planningPort}`, INSPECTION_URL: 'http://127.0.0.1:1',
        CONSOLE_TRUST_PROXY: 'loopback', CONSOLE_WEB_DIR: path.join(dataDir, 'no-web'), CONSOLE_LOGIN_RATE_LIMIT: '10000',
        OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'spotcheck-console', OIDC_CLIENT_SECRET: 'console-client-secret-0123456789', OIDC_REDIRECT_URI: `${consoleUrl}/auth/oidc/callback`,
        OIDC_ALLOW_HTTP: 'on', OIDC_ROLES_CLAIM: 'zf_roles', OIDC_DEPARTMENT_CLAIM: 'unit', OIDC_ROLE_MAP: '{"zf-officer":"officer"}',
      }),
      { clock, outboxPollMs: 50 },
    );
    settings = console_.app.get<ConsoleSettings>(CONSOLE_SETTINGS);
    planning = await startTestApp('planning', (c, b) => PlanningAppModule.forRoot(c, b, { outboxPollMs: 50 }), planningDb.url, prefix, {
      PORT: String(planningPort), AUTH_JWKS_URL: `${consoleUrl}/.well-known/jwks.json`,
    });
    await createAccount('admin-1', ['admin'], null);
    await createAccount('officer-water', ['officer'], WATER);
    await createAccount('officer-enforcement', ['officer'], ENFORCEMENT);
    await createAccount('lock-me', ['officer'], WATER);
    await createAccount('idle-one', ['officer'], WATER);
    await createAccount('revoke-me', ['officer'], WATER);
    await createAccount('race-me', ['officer'], WATER);
    await createAccount('stale-one', ['officer'], WATER);
    await createAccount('qian.qi', ['officer'], WATER);
  }, 120_000);

  afterAll(async () => {
    await planning?.close();
    await console_?.close();
    await new Promise((r) => oidcServer?.close(r));
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await Promise.all([consoleDb?.drop(), planningDb?.drop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('local sign-in', () => {
    it('answers the same 401 for an unknown user and a wrong password', async () => {
      const unknown = await login('nobody-here', 'whatever-password-1');
      const wrong = await login('officer-water', 'not-the-password-1');
      expect([unknown.status, unknown.body.message]).toEqual([401, '用户名或密码错误']);
      expect([wrong.status, wrong.body.message]).toEqual([401, '用户名或密码错误']);
    });

    it('signs in, sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie, Secure only over https', async () => {
      const res = await login('Officer-Water ');
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ username: 'officer-water', roles: ['officer'], department: WATER, authMethod: 'local', mustChangePassword: false, inspectorId: null });
      const { setCookies } = cookiesOf(res);
      const session = setCookies.find((c) => c.startsWith('sc_session='))!;
      const csrf = setCookies.find((c) => c.startsWith('sc_csrf='))!;
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Strict/);
      expect(session).toMatch(/; Path=\//);
      expect(session).not.toMatch(/; Secure/);
      expect(csrf).not.toMatch(/HttpOnly/);
      expect(csrf).toMatch(/; SameSite=Strict/);
      // Behind a trusted proxy that terminated TLS (CONSOLE_TRUST_PROXY=loopback here).
      const overHttps = cookiesOf(await login('officer-water', PASSWORD, { 'X-Forwarded-Proto': 'https' })).setCookies;
      expect(overHttps.every((c) => /; Secure/.test(c))).toBe(true);
      // GET /auth/me with the cookie; nothing without.
      const b = cookiesOf(res);
      expect((await as(b, 'get', '/auth/me')).body.user.username).toBe('officer-water');
      expect((await http().get('/auth/me')).status).toBe(401);
      // Another site cannot sign a browser in (login CSRF).
      expect((await login('officer-water', PASSWORD, { Origin: 'https://evil.example' })).status).toBe(403);
    });

    it('locks after 5 wrong passwords with back-off, refuses even the right one while locked, and lets in once the lock ran out', async () => {
      for (let i = 1; i <= 4; i++) expect((await login('lock-me', `wrong-password-${i}`)).status).toBe(401);
      expect((await login('lock-me', 'wrong-password-5')).status).toBe(401);
      const locked = await login('lock-me');
      expect(locked.status).toBe(423);
      expect(locked.body.retryAfterSeconds).toBe(60);
      expect(locked.headers['retry-after']).toBe('60');
      clock.advance(61_000);
      // One more wrong password after the lock: locked again, twice as long.
      expect((await login('lock-me', 'wrong-password-6')).status).toBe(401);
      expect((await login('lock-me')).body.retryAfterSeconds).toBe(120);
      clock.advance(121_000);
      expect((await login('lock-me')).status).toBe(200);
      // The count starts again after a good sign-in.
      expect((await login('lock-me', 'wrong-password-7')).status).toBe(401);
      expect((await login('lock-me')).status).toBe(200);
    });

    it('checks at most the free attempts (and the one that locks) of 20 concurrent wrong guesses; the rest are 423 and the account ends locked', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login('race-me', `wrong-guess-${i}`)));
      const count = (status: number) => answers.filter((a) => a.status === status).length;
      // 4 free attempts + the 5th, which locks: only these were hashed and compared.
      expect([count(401), count(423)]).toEqual([5, 15]);
      const locked = await login('race-me');
      expect([locked.status, locked.body.retryAfterSeconds]).toEqual([423, 60]);
      clock.advance(61_000);
      expect((await login('race-me')).status).toBe(200);
    }, 60_000);

    it('limits sign-in attempts per client address (429 with Retry-After), by real time', async () => {
      const saved = settings.loginRateLimit;
      try {
        settings.loginRateLimit = 3;
        const from = { 'X-Forwarded-For': '203.0.113.9' };
        for (let i = 0; i < 3; i++) expect((await login(`rate-${i}`, 'whatever-password-1', from)).status).toBe(401);
        const refused = await login('officer-water', PASSWORD, from);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(refused.body.message).toContain('登录尝试过于频繁');
        // Another address is not affected; the business clock moving does not open the window.
        clock.advance(10 * 60_000);
        expect((await login('officer-water', PASSWORD, from)).status).toBe(429);
        expect((await login('officer-water', PASSWORD, { 'X-Forwarded-For': '203.0.113.10' })).status).toBe(200);
      } finally {
        settings.loginRateLimit = saved;
      }
    });

    it('answers 503 with Retry-After at once when too many sign-ins wait for a hash, never a hang', async () => {
      const timed = async (i: number) => {
        const started = performance.now();
        const res = await login(`flood-${i}`, 'whatever-password-1');
        return { res, ms: performance.now() - started };
      };
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => timed(i)));
      const busy = answers.filter((a) => a.res.status === 503);
      // At most 2 hashing and 20 waiting: the others are refused, at once (not after the queue's hashes).
      expect(busy.length).toBeGreaterThanOrEqual(8);
      expect(answers.filter((a) => a.res.status === 401).length).toBeLessThanOrEqual(22);
      expect(answers.every((a) => [401, 503].includes(a.res.status))).toBe(true);
      expect(busy[0].res.headers['retry-after']).toBe('2');
      expect(busy[0].res.body.message).toContain('系统繁忙');
      expect(Math.max(...busy.map((b) => b.ms))).toBeLessThan(Math.max(...answers.map((a) => a.ms)) / 2);
      // The console keeps answering after the flood.
      expect((await login('officer-water')).status).toBe(200);
    }, 120_000);

    it('does not revert an admin’s change made while a sign-in was hashing', async () => {
      expect((await login('stale-one', 'wrong-password-stale')).status).toBe(401);
      const admin = await signIn('admin-1');
      const id = (await as(admin, 'get', '/auth/accounts?q=stale-one').expect(200)).body.items[0].id as string;
      const signingIn = login('stale-one');
      await new Promise((r) => setTimeout(r, 60));
      await as(admin, 'patch', `/auth/accounts/${id}`).send({ displayName: '改过的名字' }).expect(200);
      expect((await signingIn).status).toBe(200);
      const after = (await as(admin, 'get', '/auth/accounts?q=stale-one').expect(200)).body.items[0];
      expect([after.displayName, after.failedAttempts]).toEqual(['改过的名字', 0]);
    });
  });

  describe('CSRF and origin', () => {
    it('refuses a state-changing request without the CSRF header, with a wrong one, or from another origin (403)', async () => {
      const b = await signIn('officer-water');
      const body = { currentPassword: PASSWORD, newPassword: 'another-long-password-2' };
      const none = await http().post('/auth/password').set('Cookie', b.cookie).send(body);
      expect([none.status, none.body.message]).toEqual([403, 'CSRF token missing or wrong']);
      const wrong = await http().post('/auth/password').set('Cookie', b.cookie).set('X-CSRF-Token', 'x'.repeat(43)).send(body);
      expect([wrong.status, wrong.body.message]).toEqual([403, 'CSRF token missing or wrong']);
      const foreign = await as(b, 'post', '/auth/password').set('Origin', 'https://evil.example').send(body);
      expect(foreign.status).toBe(403);
      // Another session's token is not this one's.
      const other = await signIn('officer-water');
      expect((await http().post('/api/planning/targets').set('Cookie', b.cookie).set('X-CSRF-Token', other.csrf).send({})).status).toBe(403);
      // With the right header (and the console's own Origin), the request goes through to validation.
      const weak = await as(b, 'post', '/auth/password').set('Origin', console_.url).send({ currentPassword: PASSWORD, newPassword: 'short' });
      expect([weak.status, weak.body.message]).toEqual([400, '密码至少 12 个字符']);
    });
  });

  describe('sessions', () => {
    it('lists the own sessions and a revoked one is refused at its next request', async () => {
      const a = await signIn('revoke-me');
      const b = await signIn('revoke-me');
      const list = (await as(a, 'get', '/auth/sessions').expect(200)).body as { id: string; current: boolean }[];
      expect(list).toHaveLength(2);
      const other = list.find((s) => !s.current)!;
      await as(a, 'delete', `/auth/sessions/${other.id}`).expect(204);
      expect((await as(b, 'get', '/auth/me')).status).toBe(401);
      expect((await as(b, 'get', '/api/planning/targets')).status).toBe(401);
      expect((await as(a, 'get', '/auth/me')).status).toBe(200);
      await as(a, 'post', '/auth/logout').expect(204);
      expect((await as(a, 'get', '/auth/me')).status).toBe(401);
    });

    it('ends a session idle for 30 minutes (by the injected clock), not one in use', async () => {
      const b = await signIn('idle-one');
      clock.advance(20 * 60_000);
      await as(b, 'get', '/auth/me').expect(200);
      clock.advance(20 * 60_000);
      await as(b, 'get', '/auth/me').expect(200);
      clock.advance(31 * 60_000);
      expect((await as(b, 'get', '/auth/me')).status).toBe(401);
    });
  });

  describe('forwarding to the services (BFF)', () => {
    let admin: Browser;
    let water: Browser;
    let enforcement: Browser;
    let targetId: string;
    const targetBody = () => ({ department: WATER, departments: [WATER], kind: 'organisation', category: '取水单位', name: '控制台测试取水有限公司', creditCode: uscc('91330106HX9000001'), regionCode: '330106', creditClass: 'B', status: 'active' });

    beforeAll(async () => {
      [admin, water, enforcement] = [await signIn('admin-1'), await signIn('officer-water'), await signIn('officer-enforcement')];
    });

    it('publishes the public key of its ES256 tokens as a JWKS', async () => {
      const jwks = (await http().get('/.well-known/jwks.json').expect(200)).body as { keys: { kty: string; crv: string; alg: string; kid: string; d?: string }[] };
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      expect(jwks.keys[0].d).toBeUndefined();
    });

    it('forwards a POST and a GET with the user’s roles and department: planning verifies the token by the JWKS', async () => {
      await as(admin, 'post', '/api/planning/demo/load').expect(200);
      const created = await as(water, 'post', '/api/planning/targets').set('Idempotency-Key', 'console-target-1').send(targetBody());
      expect([created.status, created.body.message]).toEqual([201, undefined]);
      targetId = created.body.id;
      const page = await as(water, 'get', `/api/planning/targets?q=${encodeURIComponent('控制台测试')}&limit=5`).expect(200);
      expect(page.headers['content-type']).toMatch(/application\/json/);
      expect(JSON.stringify(page.body)).toContain('控制台测试取水有限公司');
    });

    it('streams a multipart upload through to planning', async () => {
      const csv = `名称,类型,对象类别,统一社会信用代码,行政区划代码,信用风险等级,检查部门\n控制台导入取水有限公司,法人及非法人组织,取水单位,${uscc('91330106HX9000002')},330106,B,${WATER}\n`;
      const res = await as(water, 'post', '/api/planning/imports/targets?wait=true').attach('file', Buffer.from(csv), 'targets.csv');
      expect([res.status, JSON.stringify(res.body).slice(0, 300)]).toEqual([201, expect.any(String)]);
    });

    it('passes the service’s own 403 back to an officer of another department', async () => {
      const res = await as(enforcement, 'patch', `/api/planning/targets/${targetId}`).send({ ...targetBody(), name: '改名' });
      expect([res.status, res.body.message]).toEqual([403, expect.any(String)]);
      // The officer of the target's department may.
      await as(water, 'patch', `/api/planning/targets/${targetId}`).send({ ...targetBody(), name: '控制台测试取水有限公司（更名）' }).expect(200);
    });

    it('answers 401 without a session, 404 for another path, and 502 at once when a service is down', async () => {
      expect((await http().get('/api/planning/targets')).status).toBe(401);
      expect((await as(water, 'get', '/api/nowhere/x')).status).toBe(404);
      const started = performance.now();
      const down = await as(water, 'get', '/api/inspection/assignments/mine');
      expect(down.status).toBe(502);
      expect(down.body.message).toContain('inspection');
      expect(performance.now() - started).toBeLessThan(5_000);
    });

    it('answers 504 when a service accepts but does not answer in time, and 413 for a body over the cap, without a hang', async () => {
      const silent = net.createServer(() => undefined);
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      const saved = { ...settings.services };
      const [timeout, cap] = [settings.forwardTimeoutMs, settings.forwardMaxBytes];
      try {
        settings.services.publication = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
        settings.forwardTimeoutMs = 500;
        const slow = await as(water, 'get', '/api/publication/decisions');
        expect([slow.status, slow.body.message]).toEqual([504, expect.stringContaining('publication')]);
        settings.forwardMaxBytes = 4096;
        const big = await as(water, 'post', '/api/planning/targets').send({ name: 'x'.repeat(10_000) });
        expect(big.status).toBe(413);
        // A body sent in chunks, with no length declared, is counted as it streams.
        const body = new ReadableStream({
          start(c) {
            for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(1000).fill(97));
            c.close();
          },
        });
        const chunked = await fetch(`${console_.url}/api/planning/imports/targets?wait=true`, {
          method: 'POST', headers: { cookie: water.cookie, 'x-csrf-token': water.csrf, 'content-type': 'text/csv' }, body, duplex: 'half',
        } as RequestInit);
        expect(chunked.status).toBe(413);
      } finally {
        Object.assign(settings.services, saved);
        settings.forwardTimeoutMs = timeout;
        settings.forwardMaxBytes = cap;
        silent.close();
      }
    });
  });

  describe('forwarding: no hang, no path tricks', () => {
    let water: Browser;
    beforeAll(async () => {
      water = await signIn('officer-water');
    });

    /** A GET straight over node:http (no client-side path normalisation); resolves when the connection's answer closes. */
    const rawGet = (b: Browser, pathText: string) =>
      new Promise<{ status?: number; body: string; complete: boolean; ms: number }>((resolve, reject) => {
        const started = performance.now();
        const u = new URL(console_.url);
        const req = nodeHttp.get({ hostname: u.hostname, port: u.port, path: pathText, headers: { cookie: b.cookie }, agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('error', () => undefined);
          res.on('close', () => resolve({ status: res.statusCode, body, complete: res.complete, ms: performance.now() - started }));
        });
        req.on('error', reject);
      });

    it('cuts off an answer whose service sends headers and a chunk and then stalls, within the timeout', async () => {
      const stalling = nodeHttp.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.write('first,chunk\n');
      });
      await new Promise<void>((r) => stalling.listen(0, '127.0.0.1', r));
      const saved = settings.services.publication;
      const timeout = settings.forwardTimeoutMs;
      try {
        settings.services.publication = `http://127.0.0.1:${(stalling.address() as net.AddressInfo).port}`;
        settings.forwardTimeoutMs = 1_000;
        const res = await rawGet(water, '/api/publication/decisions/export.csv');
        expect([res.status, res.body, res.complete]).toEqual([200, 'first,chunk\n', false]);
        expect(res.ms).toBeLessThan(4_000);
      } finally {
        settings.services.publication = saved;
        settings.forwardTimeoutMs = timeout;
        stalling.closeAllConnections();
        stalling.close();
      }
    });

    it('answers 504 when a service keeps the connection busy but never sends its answer’s headers', async () => {
      // 102 Processing every 300 ms: the socket is never silent, so only the headers deadline ends it.
      const timers: NodeJS.Timeout[] = [];
      const chatty = net.createServer((socket) => {
        socket.on('error', () => undefined);
        socket.once('data', () => timers.push(setInterval(() => socket.write('HTTP/1.1 102 Processing\r\n\r\n'), 300)));
      });
      await new Promise<void>((r) => chatty.listen(0, '127.0.0.1', r));
      const saved = settings.services.publication;
      const [timeout, headers] = [settings.forwardTimeoutMs, settings.forwardHeadersTimeoutMs];
      try {
        settings.services.publication = `http://127.0.0.1:${(chatty.address() as net.AddressInfo).port}`;
        settings.forwardTimeoutMs = 1_000;
        settings.forwardHeadersTimeoutMs = 1_500;
        const res = await rawGet(water, '/api/publication/decisions');
        expect(res.status).toBe(504);
        expect(res.ms).toBeLessThan(5_000);
      } finally {
        settings.services.publication = saved;
        [settings.forwardTimeoutMs, settings.forwardHeadersTimeoutMs] = [timeout, headers];
        timers.forEach(clearInterval);
        chatty.close();
      }
    });

    it('closes the connection after refusing a body that grew too large mid-stream', async () => {
      const cap = settings.forwardMaxBytes;
      settings.forwardMaxBytes = 4096;
      try {
        const u = new URL(console_.url);
        const result = await new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
          const req = nodeHttp.request(
            { hostname: u.hostname, port: u.port, method: 'POST', path: '/api/planning/imports/targets?wait=true', agent: false, headers: { cookie: water.cookie, 'x-csrf-token': water.csrf, 'content-type': 'text/csv' } },
            (res) => {
              res.resume();
              // Resolves only once the server has closed the connection.
              res.socket.once('close', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
            },
          );
          req.on('error', (e: NodeJS.ErrnoException) => (['EPIPE', 'ECONNRESET'].includes(e.code ?? '') ? undefined : reject(e)));
          const chunk = Buffer.alloc(1000, 97);
          let n = 0;
          const more = () => {
            if (n++ >= 20 || req.destroyed) return req.end();
            req.write(chunk, () => setTimeout(more, 5));
          };
          more();
        });
        expect(result).toEqual({ status: 413, connection: 'close' });
      } finally {
        settings.forwardMaxBytes = cap;
      }
    });

    it('answers 404 for dot segments and encoded slashes, dots or backslashes in the forwarded path', async () => {
      for (const p of ['/api/planning/%2e%2e/audit', '/api/planning/targets/../audit', '/api/planning/./targets', '/api/planning/targets%2F..%2Faudit', '/api/planning/a%5cb', '/api/planning/%2E%2E']) {
        const res = await rawGet(water, p);
        // The console's own 404, not the service's: nothing was forwarded.
        expect([p, res.status, (JSON.parse(res.body) as { message: string }).message]).toEqual([p, 404, expect.stringContaining('forwarded path')]);
      }
      expect((await rawGet(water, '/api/planning/targets?limit=1')).status).toBe(200);
    });

    it('reuses a session’s token for a while, and mints a new one when the claims change', async () => {
      const issuer = console_.app.get(TokenIssuer);
      const a = { id: '00000000-0000-4000-8000-000000000001', inspectorId: null, roles: ['officer'], department: WATER, displayName: '甲' };
      const first = await issuer.tokenForSession('session-a', a);
      expect(await issuer.tokenForSession('session-a', a)).toBe(first);
      expect(await issuer.tokenForSession('session-b', a)).not.toBe(first);
      expect(decodeJwt(await issuer.tokenForSession('session-a', { ...a, roles: ['officer', 'legal_reviewer'] })).roles).toEqual(['officer', 'legal_reviewer']);
    });
  });

  describe('accounts (admin)', () => {
    it('creates an inspector linked to the directory; the initial password must be changed before the APIs open', async () => {
      const admin = await signIn('admin-1');
      const directory = await eventually(async () => {
        const r = await as(admin, 'get', `/auth/directory/inspectors?department=${encodeURIComponent(ENFORCEMENT)}`);
        return r.status === 200 && (r.body as unknown[]).length ? (r.body as { id: string; certificateNo: string }[]) : undefined;
      }, 20_000, 'the inspector directory');
      const created = await as(admin, 'post', '/auth/accounts').send({ username: 'insp.one', displayName: '检查员一', roles: ['inspector'], department: ENFORCEMENT, inspectorId: directory[0].id }).expect(201);
      expect(created.body.account).toMatchObject({ username: 'insp.one', inspectorId: directory[0].id, inspectorCertificateNo: directory[0].certificateNo, mustChangePassword: true });
      expect(created.body.account.passwordHash).toBeUndefined();
      // One account per inspector, and only an inspector's account is linked.
      const twice = await as(admin, 'post', '/auth/accounts').send({ username: 'insp.twice', displayName: '重复', roles: ['inspector'], department: ENFORCEMENT, inspectorId: directory[0].id });
      expect(twice.status).toBe(409);
      const officerLinked = await as(admin, 'post', '/auth/accounts').send({ username: 'officer.linked', displayName: '执法', roles: ['officer'], department: ENFORCEMENT, inspectorId: directory[0].id });
      expect([officerLinked.status, officerLinked.body.message]).toEqual([400, expect.stringContaining('inspector')]);
      expect((await as(admin, 'patch', `/auth/accounts/${created.body.account.id}`).send({ roles: ['officer'] })).status).toBe(400);
      const initial = created.body.initialPassword as string;
      const first = await login('insp.one', initial);
      expect(first.status).toBe(200);
      const insp = cookiesOf(first);
      expect((await as(insp, 'get', '/api/planning/inspectors')).status).toBe(403);
      await as(insp, 'post', '/auth/password').send({ currentPassword: initial, newPassword: 'insp-one-new-password' }).expect(204);
      expect((await as(insp, 'get', '/auth/me').expect(200)).body.user.mustChangePassword).toBe(false);
      // The services see the inspector's planning id as the token subject (what draws assign).
      const token = await console_.app.get(TokenIssuer).mintFor(created.body.account);
      expect(decodeJwt(token)).toMatchObject({ sub: directory[0].id, roles: ['inspector'], department: ENFORCEMENT, name: '检查员一', iss: 'spotcheck', aud: 'spotcheck' });
      expect((await as(insp, 'get', '/api/planning/targets?limit=1')).status).toBeLessThan(500);

      // Listing, then disabling: the account's sessions end at once.
      const list = await as(admin, 'get', '/auth/accounts?role=inspector').expect(200);
      expect(list.body.total).toBeGreaterThanOrEqual(1);
      const id = created.body.account.id as string;
      await as(admin, 'patch', `/auth/accounts/${id}`).send({ status: 'disabled' }).expect(200);
      expect((await as(insp, 'get', '/auth/me')).status).toBe(401);
      expect((await login('insp.one', 'insp-one-new-password')).status).toBe(403);
      // A reset gives a new initial password.
      await as(admin, 'patch', `/auth/accounts/${id}`).send({ status: 'active' }).expect(200);
      const reset = await as(admin, 'post', `/auth/accounts/${id}/reset-password`).expect(200);
      expect((await login('insp.one', reset.body.initialPassword)).body.user.mustChangePassword).toBe(true);
      // Not for an officer.
      const water = await signIn('officer-water');
      expect((await as(water, 'get', '/auth/accounts')).status).toBe(403);
    });
  });

  describe('OIDC sign-in against a real OpenID provider', () => {
    /** Follows the provider's redirects with its cookies, signing in as `user` on its dev login page and consenting. */
    async function throughProvider(start: string, user: string): Promise<string> {
      const jar = new Map<string, string>();
      const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const keep = (res: Response) => {
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          const eq = pair.indexOf('=');
          jar.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
      };
      let url = start;
      for (let hop = 0; hop < 12; hop++) {
        if (url.startsWith(console_.url)) return url;
        let res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } });
        keep(res);
        if (res.status === 200 && url.includes('/interaction/')) {
          const page = await res.text();
          const form: Record<string, string> = page.includes('name="login"') ? { prompt: 'login', login: user, password: 'any' } : { prompt: 'consent' };
          res = await fetch(url, { method: 'POST', redirect: 'manual', headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
          keep(res);
        }
        const next = res.headers.get('location');
        if (!next) throw new Error(`the provider stopped at ${url} with ${res.status}`);
        url = new URL(next, url).href;
      }
      throw new Error('too many redirects');
    }

    it('signs in with code flow + PKCE, maps the provider’s roles and department, and the session works like a local one', async () => {
      expect((await http().get('/auth/config').expect(200)).body).toEqual({ localLogin: true, oidc: { enabled: true, label: '统一身份认证登录' }, portalUrl: null });
      const start = await http().get('/auth/oidc/login?returnTo=/targets').expect(302);
      const authorize = new URL(start.headers.location);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('nonce')).toBeTruthy();
      const stateCookie = cookiesOf(start).setCookies.find((c) => c.startsWith('sc_oidc='))!;
      expect(stateCookie).toMatch(/SameSite=Lax/);
      const callback = await throughProvider(start.headers.location, 'zhao.liu');
      const back = await http().get(callback.slice(console_.url.length)).set('Cookie', stateCookie.split(';')[0]).expect(302);
      expect(back.headers.location).toBe('/targets');
      const b = cookiesOf(back);
      const me = (await as(b, 'get', '/auth/me').expect(200)).body.user;
      expect(me).toMatchObject({ username: 'zhao.liu', displayName: '赵六', roles: ['officer'], department: WATER, authMethod: 'oidc' });
      await as(b, 'get', '/api/planning/targets?limit=1').expect(200);
      // The callback replayed (or without the browser's state cookie) is refused.
      const replay = await http().get(callback.slice(console_.url.length)).set('Cookie', stateCookie.split(';')[0]).expect(302);
      expect(replay.headers.location).toMatch(/^\/login\?error=oidc_/);
    });

    it('gives a new OIDC user whose preferred user name is taken a unique one, also the second time; a provider "admin" is not ours', async () => {
      const names: string[] = [];
      for (const user of ['qian.qi', 'qian.qi+2', 'qian.qi+3']) {
        const start = await http().get('/auth/oidc/login').expect(302);
        const stateCookie = cookiesOf(start).setCookies.find((c) => c.startsWith('sc_oidc='))!;
        const callback = await throughProvider(start.headers.location, user);
        const back = await http().get(callback.slice(console_.url.length)).set('Cookie', stateCookie.split(';')[0]).expect(302);
        expect([user, back.headers.location]).toEqual([user, '/']);
        names.push((await as(cookiesOf(back), 'get', '/auth/me').expect(200)).body.user.username);
      }
      expect(names).toEqual(['qian.qi#oidc', 'qian.qi#oidc2', 'qian.qi#oidc3']);
      // The provider's role "admin" is not mapped (OIDC_ROLE_MAP names only zf-officer): no console admin.
      const start = await http().get('/auth/oidc/login').expect(302);
      const stateCookie = cookiesOf(start).setCookies.find((c) => c.startsWith('sc_oidc='))!;
      const back = await http().get((await throughProvider(start.headers.location, 'boss')).slice(console_.url.length)).set('Cookie', stateCookie.split(';')[0]).expect(302);
      expect((await as(cookiesOf(back), 'get', '/auth/me').expect(200)).body.user.roles).toEqual(['officer']);
    });

    it('refuses a provider user with no role of ours', async () => {
      const start = await http().get('/auth/oidc/login').expect(302);
      const stateCookie = cookiesOf(start).setCookies.find((c) => c.startsWith('sc_oidc='))!;
      const callback = await throughProvider(start.headers.location, 'nobody');
      const back = await http().get(callback.slice(console_.url.length)).set('Cookie', stateCookie.split(';')[0]).expect(302);
      expect(back.headers.location).toBe('/login?error=oidc_no_roles');
    });
  });

  it('serves a plain page when the console pages are not built, and index.html routes never shadow the API', async () => {
    const page = await http().get('/targets').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('尚未构建');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await http().get('/auth/me').set('Accept', 'text/html')).status).toBe(401);
    expect(settings.webDir).toContain('no-web');
  });

  it('makes the demo accounts’ file mode 600 even when a file was left there', async () => {
    const demoDir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-demo-'));
    try {
      const file = path.join(demoDir, 'demo-accounts.json');
      writeFileSync(file, '[]\n', { mode: 0o644 });
      chmodSync(file, 0o644);
      const demo = new DemoAccounts(console_.app.get(DataSource), { ...settings, demoAccounts: true, dataDir: demoDir }, console_.app.get(AccountsService));
      await demo.onApplicationBootstrap();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect((JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length).toBe(6);
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  }, 60_000);
});
