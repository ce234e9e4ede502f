import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PartialUploadStore } from './partial-upload-store.js';

const HASH = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Partial uploads on local disk: `<dir>/<assignment id>/<sha256>.part`, written in place at the offset and fsynced. */
export class LocalDiskPartialUploadStore implements PartialUploadStore {
  constructor(private readonly dir: string) {}

  private pathOf(assignmentId: string, sha256: string): string {
    // Both come from the route; the checks keep a crafted value from naming a file elsewhere.
    if (!UUID.test(assignmentId) || !HASH.test(sha256)) throw new Error(`not an upload key: ${assignmentId}/${sha256}`);
    return path.join(this.dir, assignmentId, `${sha256}.part`);
  }

  async length(assignmentId: string, sha256: string): Promise<number> {
    try {
      return (await stat(this.pathOf(assignmentId, sha256))).size;
    } catch {
      return 0;
    }
  }

  async write(assignmentId: string, sha256: string, offset: number, data: Buffer): Promise<void> {
    const file = this.pathOf(assignmentId, sha256);
    const handle = await openInPlace(file).catch(async (error: NodeJS.ErrnoException) => {
      // The folder was removed with another upload's last file in between: make it again, once.
      if (error.code !== 'ENOENT') throw error;
      return openInPlace(file);
    });
    try {
      if (data.length) await handle.write(data, 0, data.length, offset);
      await handle.truncate(offset + data.length);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async read(assignmentId: string, sha256: string): Promise<{ data: Buffer; sha256: string }> {
    // Read straight into one buffer of the file's size: the file is held once, with no list of
    // pieces and no concatenated copy of them (it is bounded by EVIDENCE_MAX_BYTES).
    const handle = await open(this.pathOf(assignmentId, sha256), 'r');
    try {
      const { size } = await handle.stat();
      const data = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(data, filled, size - filled, filled);
        if (bytesRead === 0) break; // cut shorter meanwhile: hash what is there
        filled += bytesRead;
      }
      const bytes = filled === size ? data : data.subarray(0, filled);
      return { data: bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    } finally {
      await handle.close();
    }
  }

  async remove(assignmentId: string, sha256: string): Promise<void> {
    const file = this.pathOf(assignmentId, sha256);
    await rm(file, { force: true });
    // The assignment's folder goes with its last upload (fails harmlessly while another is under way).
    await rmdir(path.dirname(file)).catch(() => undefined);
  }

  async list(): Promise<{ assignmentId: string; sha256: string }[]> {
    const out: { assignmentId: string; sha256: string }[] = [];
    const folders = await readdir(this.dir).catch(() => [] as string[]);
    for (const assignmentId of folders.filter((f) => UUID.test(f))) {
      const files = await readdir(path.join(this.dir, assignmentId)).catch(() => [] as string[]);
      for (const f of files) if (f.endsWith('.part') && HASH.test(f.slice(0, -5))) out.push({ assignmentId, sha256: f.slice(0, -5) });
    }
    return out;
  }
}

/** Opens the file for writing at any position, creating it (and its folder) when needed. */
async function openInPlace(file: string) {
  await mkdir(path.dirname(file), { recursive: true });
  // 'a' would append wherever the file ends; 'r+' needs the file: create it first, then write in place.
  await (await open(file, 'a', 0o640)).close();
  return open(file, 'r+');
}
