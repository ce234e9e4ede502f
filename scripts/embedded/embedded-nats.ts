import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, waitForPort } from './free-port.js';

export interface EmbeddedNats {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The nats-server binary on the PATH (or in the sbin folders a non-root PATH may lack), if any. */
export function findNatsServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'nats-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** Starts nats-server with JetStream and its store under the data folder, on a free port. */
export async function startEmbeddedNats(binary: string, storeDir: string): Promise<EmbeddedNats> {
  mkdirSync(storeDir, { recursive: true });
  const port = await freePort(0);
  const child: ChildProcess = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
  await waitForPort(port);
  return {
    url: `nats://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
