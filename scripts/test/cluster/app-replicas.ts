import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../embedded/free-port.js';

/** dist/ of `npm run build`: this script and the apps it starts are that build. */
const root = path.resolve(import.meta.dirname, '..', '..', '..', '..');

export interface Replica {
  name: string;
  url: string;
  process: ChildProcess;
  alive: boolean;
  log: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts one replica of `app` from dist/ as its own process (as `npm start` and the Dockerfile do). */
export async function startReplica(app: string, index: number, env: Record<string, string>, logDir: string): Promise<Replica> {
  const port = await freePort(0);
  const name = `${app}-${index}`;
  const dataDir = path.join(logDir, name);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [path.join(root, 'dist', 'apps', app, 'src', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = path.join(logDir, `${name}.log`);
  const out = createWriteStream(log);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const replica: Replica = { name, url: `http://127.0.0.1:${port}`, process: child, alive: true, log };
  child.once('exit', () => (replica.alive = false));
  return replica;
}

/** Resolves once GET /health answers 200 (database and broker connected). */
export async function waitHealthy(r: Replica, timeoutMs = 180_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (!r.alive) throw new Error(`${r.name} exited with ${r.process.exitCode ?? r.process.signalCode} during start (log: ${r.log})`);
    try {
      if ((await fetch(`${r.url}/health`, { signal: AbortSignal.timeout(5000) })).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await sleep(300);
  }
  throw new Error(`${r.name} not healthy after ${timeoutMs} ms (log: ${r.log})`);
}

export function killReplica(r: Replica): void {
  r.process.kill('SIGKILL');
  r.alive = false;
}

export async function stopReplica(r: Replica): Promise<void> {
  if (r.process.exitCode !== null || r.process.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => r.process.kill('SIGKILL'), 15_000);
    r.process.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    r.process.kill('SIGTERM');
  });
}

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of several APIs; each call site reads the fields it needs
  replica: string;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Send to this replica only (no failover): the draw race sends to each on purpose. */
  to?: Replica;
}

/**
 * The replicas of one app behind a client-side balancer: requests go round-robin to the live ones;
 * a connection refused or cut (a replica killed under it) or a 502/503 is retried on the next one,
 * so the work keeps going to the survivors. Whether a retry is safe is the caller's to know (every
 * route used here is idempotent, or the caller checks what happened).
 */
export class AppPool {
  private next = 0;

  constructor(
    readonly app: string,
    readonly replicas: Replica[],
  ) {}

  live(): Replica[] {
    return this.replicas.filter((r) => r.alive);
  }

  async call(method: string, route: string, o: CallOptions = {}): Promise<Answer> {
    const deadline = performance.now() + 120_000;
    for (let attempt = 0; ; attempt++) {
      const live = o.to ? [o.to] : this.live();
      if (!live.length) throw new Error(`${this.app}: no live replica`);
      const r = live[this.next++ % live.length];
      try {
        const headers: Record<string, string> = { ...(o.headers ?? {}) };
        if (o.token) headers.authorization = `Bearer ${o.token}`;
        let body = o.body;
        if (o.json !== undefined) {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(o.json);
        }
        const res = await fetch(r.url + route, { method, headers, body, signal: AbortSignal.timeout(300_000) });
        const text = await res.text();
        if ((res.status === 502 || res.status === 503) && !o.to && performance.now() < deadline) {
          await sleep(Math.min(2000, 100 * 2 ** attempt));
          continue;
        }
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          /* not JSON */
        }
        return { status: res.status, body: parsed, replica: r.name };
      } catch (error) {
        const why = `${r.name}: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`;
        if (o.to || performance.now() > deadline) throw new Error(`${method} ${route}: ${why}`, { cause: error });
        await sleep(Math.min(2000, 100 * 2 ** attempt));
      }
    }
  }

  /** `call`, and the answer must have this status (else the error says what came back). */
  async expect(status: number | number[], method: string, route: string, o: CallOptions = {}): Promise<Answer> {
    const a = await this.call(method, route, o);
    const ok = Array.isArray(status) ? status.includes(a.status) : a.status === status;
    if (!ok) throw new Error(`${method} ${this.app}${route} on ${a.replica}: ${a.status} ${JSON.stringify(a.body).slice(0, 800)}`);
    return a;
  }
}
