import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { EvidenceStore } from './evidence-store.js';

const HASH = /^[0-9a-f]{64}$/;

/**
 * Evidence on local disk: `<dir>/<first two hex digits>/<sha256>`. Written to a temporary file,
 * flushed, then renamed into place, so a crash never leaves a half-written file under a real hash.
 */
export class LocalDiskEvidenceStore implements EvidenceStore {
  constructor(private readonly dir: string) {}

  private pathOf(sha256: string): string {
    if (!HASH.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, data: Buffer): Promise<void> {
    const target = this.pathOf(sha256);
    if (await exists(target)) return;
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async open(sha256: string): Promise<Readable | undefined> {
    const file = this.pathOf(sha256);
    return (await exists(file)) ? createReadStream(file) : undefined;
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
