/**
 * `npm start`: the whole system on one machine.
 *
 * - DATABASE_URL unset → an embedded PostgreSQL (PGlite) under DATA_DIR/pglite.
 * - NATS_URL unset → nats-server from the PATH with JetStream under DATA_DIR/nats; with no binary,
 *   all four apps run in this one process over the in-process broker (logged clearly).
 * - Auth with no AUTH_JWKS_URL/AUTH_LOCAL_SECRET → a local secret kept in DATA_DIR/auth-secret,
 *   the one `npm run token` signs with.
 * Each app runs as its own process (as in production) unless the in-process fallback is in use.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { todayInShanghai } from '#domain';
import { clockFromStart } from '#platform';
import { seedDemo, summary } from './demo/seed-demo.js';
import { startEmbeddedPostgres } from './embedded/embedded-postgres.js';
import { findNatsServer, startEmbeddedNats } from './embedded/embedded-nats.js';
import { freePort } from './embedded/free-port.js';

const APPS = [
  { name: 'planning', port: 3001 },
  { name: 'inspection', port: 3002 },
  { name: 'publication', port: 3003 },
  { name: 'portal', port: 3000 },
] as const;

const log = (msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level: 'info', time: Date.now(), name: 'start', msg, ...extra }));

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
const stops: (() => Promise<void>)[] = [];

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir };
  const embeddedDatabase = !env.DATABASE_URL;

  if (!env.AUTH_JWKS_URL && !env.AUTH_LOCAL_SECRET) {
    const file = path.join(dataDir, 'auth-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    env.AUTH_LOCAL_SECRET = readFileSync(file, 'utf8').trim();
    log('auth: local token secret in use (mint tokens with `npm run token`)', { file });
  }

  if (!env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres(path.join(dataDir, 'pglite'), Number(env.EMBEDDED_PG_PORT ?? 0));
    stops.push(pg.stop);
    env.DATABASE_URL = pg.url;
    env.DB_POOL_SIZE ??= '4';
    log('database: embedded PostgreSQL (PGlite) started', { url: pg.url, dataDir: path.join(dataDir, 'pglite') });
  }

  let inProcess = false;
  if (!env.NATS_URL) {
    // EMBEDDED_NATS=off forces the single-process fallback (to try it on a machine that has nats-server).
    const binary = env.EMBEDDED_NATS === 'off' ? undefined : findNatsServer();
    if (binary) {
      const nats = await startEmbeddedNats(binary, path.join(dataDir, 'nats'));
      stops.push(nats.stop);
      env.NATS_URL = nats.url;
      log('messaging: nats-server with JetStream started', { url: nats.url, binary });
    } else {
      inProcess = true;
      env.MESSAGING = 'in-process';
      log('messaging: NO nats-server found, running all apps in ONE process over the in-process broker (no durable messaging; install nats-server for the real thing)');
    }
  }

  const urls: Record<string, string> = {};
  for (const app of APPS) {
    const key = `${app.name.toUpperCase()}_PORT`;
    const port = Number(env[key] ?? (await freePort(app.port)));
    const appEnv = { ...env, PORT: String(port) };
    urls[app.name] = inProcess ? await startInProcess(app.name, appEnv) : await startChild(app.name, appEnv, port);
  }
  log('all apps are up', urls);
  await loadDemo(env, urls, embeddedDatabase);
  console.log(`\n  Spotcheck is running. Portal: ${urls.portal}/\n  Officers' APIs: ${urls.planning}/docs  ${urls.inspection}/docs  ${urls.publication}/docs\n`);
}

/**
 * The demo water bureau and its 2020 year (scripts/demo/seed-demo.ts), entered once through the
 * apps' APIs: by default in embedded mode only (DEMO=on forces it, DEMO=off skips it); the marker
 * DATA_DIR/demo-loaded makes later starts skip it. A failure is logged and the system keeps running.
 */
async function loadDemo(env: Record<string, string | undefined>, urls: Record<string, string>, embeddedDatabase: boolean): Promise<void> {
  const marker = path.join(dataDir, 'demo-loaded');
  const wanted = env.DEMO === 'on' || (env.DEMO !== 'off' && embeddedDatabase);
  if (!wanted || existsSync(marker)) return;
  if (!env.AUTH_LOCAL_SECRET) {
    log('demo: not loaded, it needs the local token secret (AUTH_LOCAL_SECRET) to act as the bureau\'s officers');
    return;
  }
  const started = Date.now();
  log('demo: loading the demo water bureau and its 2020 year (first run only)');
  try {
    const debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
    const result = await seedDemo({
      planningUrl: urls.planning, inspectionUrl: urls.inspection, publicationUrl: urls.publication, portalUrl: urls.portal,
      today: todayInShanghai(clockFromStart(env.CLOCK_START).now()),
      secret: env.AUTH_LOCAL_SECRET, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, ...(debug ? { log } : {}),
    });
    writeFileSync(marker, `${JSON.stringify({ loadedAt: new Date().toISOString(), figures2020: summary(result.statistics) })}\n`);
    log('demo: loaded', { ms: Date.now() - started, figures2020: summary(result.statistics), statistics: `${urls.portal}/statistics?year=2020` });
  } catch (error) {
    console.log(JSON.stringify({ level: 'error', time: Date.now(), name: 'start', msg: `demo: not loaded (the system runs without it; it is tried again at the next start): ${(error as Error).message}` }));
  }
}

async function startInProcess(name: string, env: Record<string, string | undefined>): Promise<string> {
  const cap = name[0].toUpperCase() + name.slice(1);
  const mod = (await import(path.join(root, 'dist', 'apps', name, 'src', 'bootstrap.js'))) as Record<string, (e: typeof env) => Promise<{ url: string; close(): Promise<void> }>>;
  const running = await mod[`bootstrap${cap}`](env);
  stops.unshift(() => running.close());
  return running.url;
}

async function startChild(name: string, env: Record<string, string | undefined>, port: number): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist', 'apps', name, 'src', 'main.js')], { env, stdio: 'inherit' });
  stops.unshift(
    () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return url;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not become healthy within 60 s`);
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const stop of stops) await stop().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(`start failed: ${(error as Error).message ?? error}`);
  await shutdown(1);
});
