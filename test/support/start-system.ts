import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_NOW } from './test-clock.js';

/** Runs the built `npm start` (dist/scripts/start.js) as a user would, in its own data folder. */
const root = path.resolve(import.meta.dirname, '..', '..');

export interface RunningSystem {
  child: ChildProcess;
  /** The apps' URLs, from the start script's "<app> ready at <url>" lines. */
  urls: Record<string, string>;
  output: () => string;
}

/** A data folder for one start; readable by others, since as root the database runs as the postgres user. */
export function systemDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-start-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** The environment of a fresh machine: no database, broker or secret configured; business time at TEST_NOW. */
export function bareEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', CLOCK_START: TEST_NOW, ...extra };
  for (const k of ['DATABASE_URL', 'NATS_URL', 'AUTH_LOCAL_SECRET', 'AUTH_JWKS_URL', 'MESSAGING', 'NODE_OPTIONS']) if (!(k in extra)) delete env[k];
  return env;
}

export async function startSystem(env: NodeJS.ProcessEnv, timeoutMs = 150_000): Promise<RunningSystem> {
  const child = spawn(process.execPath, [path.join(root, 'dist/scripts/start.js')], { env, cwd: root });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not up in ${timeoutMs / 1000} s:\n${out.slice(-3000)}`)), timeoutMs);
    const poll = setInterval(() => {
      // The system is ready once it says so (after the demo data, when that loads).
      if (out.includes('Spotcheck is running')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
      if (child.exitCode !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`start exited with ${child.exitCode}:\n${out.slice(-3000)}`));
      }
    }, 100);
  });
  const urls = Object.fromEntries([...out.matchAll(/(planning|inspection|publication|portal|console) ready at (http:\/\/[\d.:]+)/g)].map((m) => [m[1], m[2]]));
  return { child, urls, output: () => out };
}

/** SIGTERM, as Ctrl-C or a service manager would; resolves with the exit code. */
export async function stopSystem(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
