import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bareEnv, startSystem, stopSystem as stop, systemDataDir } from '../support/start-system.js';

/**
 * `npm start` on a machine with no DATABASE_URL and no NATS_URL: the embedded PostgreSQL, a
 * nats-server from the PATH (or the in-process fallback), all four apps healthy. Runs the built
 * start script exactly as `npm start` does.
 */
const root = path.resolve(import.meta.dirname, '..', '..');

describe('npm start (embedded default)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = systemDataDir();
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('brings up all four apps on embedded PostgreSQL and a local nats-server, each /health 200', async () => {
    const dataDir = tempDir();
    const { child, urls, output } = await startSystem(bareEnv(dataDir, { DEMO: 'off' }));
    try {
      expect(output()).toContain('embedded PostgreSQL created and started');
      expect(output()).toMatch(/ready in [\d.]+ s; memory \d+ MB in \d+ processes/);
      expect(output()).toContain('nats-server with JetStream started');
      for (const app of ['planning', 'inspection', 'publication', 'portal']) {
        const res = await fetch(`${urls[app]}/health`);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { info: Record<string, { status: string; kind?: string }> };
        expect(body.info.database.status).toBe('up');
        expect(body.info.messaging.kind).toBe('jetstream');
        expect((await fetch(`${urls[app]}/docs/openapi.json`)).status).toBe(200);
      }
      expect(output()).toMatch(/Portal: http:\/\/127\.0\.0\.1:\d+\//);
      // The staff front door: up, its URL printed, its JWKS the one the services verify by.
      expect(output()).toMatch(/Console \(staff sign-in\): http:\/\/127\.0\.0\.1:\d+\//);
      const consoleUrl = /console ready at (http:\/\/[\d.:]+)/.exec(output())![1];
      expect((await fetch(`${consoleUrl}/health`)).status).toBe(200);
      expect(((await (await fetch(`${consoleUrl}/.well-known/jwks.json`)).json()) as { keys: { alg: string }[] }).keys[0].alg).toBe('ES256');
      expect(statSync(path.join(dataDir, 'console-signing-key.pem')).mode & 0o777).toBe(0o600);
      // Readable lines, no JSON walls, no Nest start-up chatter.
      expect(output()).not.toMatch(/^\{"level"/m);
      expect(output()).not.toContain('Mapped {');
    } finally {
      expect(await stop(child)).toBe(0);
    }
    // Stopped cleanly: the server removed its pid file (a killed one leaves it; the next start copes).
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('falls back to one process over the in-process broker when there is no nats-server, says so, and loads the demo through it', async () => {
    const dataDir = tempDir();
    const { child, urls, output } = await startSystem(bareEnv(dataDir, { EMBEDDED_NATS: 'off' }));
    try {
      expect(output()).toContain('NO nats-server found');
      // The demo's accounts, one per role, signed in at the console and forwarded to planning with their roles.
      const accounts = JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as { username: string; password: string; role: string; department: string | null }[];
      expect(accounts.map((a) => a.role).sort()).toEqual(['admin', 'auditor', 'inspector', 'legal_reviewer', 'officer', 'officer']);
      expect(statSync(path.join(dataDir, 'demo-accounts.json')).mode & 0o777).toBe(0o600);
      const consoleUrl = /console ready at (http:\/\/[\d.:]+)/.exec(output())![1];
      const officer = accounts.find((a) => a.username === 'demo-officer')!;
      const login = await fetch(`${consoleUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: officer.username, password: officer.password }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const plans = await fetch(`${consoleUrl}/api/planning/plans?year=2026`, { headers: { cookie } });
      expect(plans.status).toBe(200);
      // The demo inspector's account is linked to the directory entry planning announced (by 执法证号).
      const inspector = accounts.find((a) => a.username === 'demo-inspector')!;
      const inspectorLogin = await fetch(`${consoleUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: inspector.username, password: inspector.password }) });
      expect(((await inspectorLogin.json()) as { user: { inspectorId: string | null } }).user.inspectorId).toMatch(/^[0-9a-f-]{36}$/);
      for (const app of ['planning', 'inspection', 'publication', 'portal']) {
        const body = (await (await fetch(`${urls[app]}/health`)).json()) as { status: string; info: Record<string, { kind?: string }> };
        expect(body.status).toBe('ok');
        expect(body.info.messaging.kind).toBe('in-process');
      }
      // The demo travels planning → inspection → publication → portal as events: the figures prove
      // the in-process broker carries them like JetStream does.
      expect(output()).toContain('demo: loaded');
      const stats = (await (await fetch(`${urls.portal}/api/v1/statistics?year=2020`)).json()) as {
        licenceDecisions: number; penaltyDecisions: number; spotChecks: { total: number; immediate: number };
      };
      expect(stats).toMatchObject({ licenceDecisions: 236, penaltyDecisions: 17, spotChecks: { total: 101, immediate: 88 } });
    } finally {
      expect(await stop(child)).toBe(0);
    }
  }, 180_000);
});

describe('an app with a bad configuration', () => {
  it('stops at once with a message naming the variable, and no stack trace', async () => {
    const env = bareEnv(os.tmpdir(), { DATABASE_URL: 'not a url', NATS_URL: 'nats://127.0.0.1:4222', AUTH_LOCAL_SECRET: 'x'.repeat(40) });
    const child = spawn(process.execPath, [path.join(root, 'dist/apps/planning/src/main.js')], { env, cwd: root });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('DATABASE_URL');
    expect(err).not.toMatch(/\n\s+at /);
  }, 30_000);
});
