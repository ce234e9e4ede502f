/**
 * The outbox against a scripted server that follows the issue-14 contract (resumable uploads by SHA-256,
 * results with an Idempotency-Key), on IndexedDB (fake-indexeddb): resume after a dropped chunk, retry on
 * 5xx and no answer, never resend a 4xx, stop for a 401, one key for every resend.
 */
import { createHash } from 'node:crypto';
import type { StoredFile } from '../db';

// Jest links CommonJS modules (Dexie) before any module body runs: the in-memory IndexedDB must be in
// place first, so the modules under test are loaded only then.
// @ts-expect-error: its package.json "exports" hides the types of this entry
await import('fake-indexeddb/auto');
const { db } = await import('../db');
const { drainOutbox, makeDueNow } = await import('./sender');
const { CHUNK_BYTES } = await import('./upload');

type Script = (req: { method: string; url: string; headers: Record<string, string>; body: Uint8Array | null }) => Response | 'drop' | undefined;

/** In-memory uploads and results, as the inspection service keeps them. */
class FakeServer {
  uploads = new Map<string, { size: number; parts: Uint8Array[]; length: number }>();
  stored = new Set<string>();
  results: { key: string; body: unknown }[] = [];
  requests: string[] = [];
  script: Script = () => undefined;

  fetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    // A Blob from IndexedDB may come from another realm than this file's Blob: test by shape.
    const raw = init.body as Blob | string | null | undefined;
    const body = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw && typeof raw.arrayBuffer === 'function' ? new Uint8Array(await raw.arrayBuffer()) : null;
    this.requests.push(`${method} ${url.replace(/^.*\/api\/inspection/, '')}`);
    const scripted = this.script({ method, url, headers, body });
    if (scripted === 'drop') throw new TypeError('Failed to fetch');
    if (scripted) return scripted;
    const json = (status: number, data: unknown, extra: Record<string, string> = {}) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json', ...extra } });
    let m = /\/evidence\/uploads$/.exec(url);
    if (m && method === 'POST') {
      const d = JSON.parse(new TextDecoder().decode(body!)) as { sha256: string; size: number };
      if (this.stored.has(d.sha256)) return json(200, { sha256: d.sha256, size: d.size, offset: d.size, complete: true });
      const u = this.uploads.get(d.sha256);
      if (u) return json(200, { sha256: d.sha256, size: d.size, offset: u.length, complete: false });
      this.uploads.set(d.sha256, { size: d.size, parts: [], length: 0 });
      return json(201, { sha256: d.sha256, size: d.size, offset: 0, complete: false });
    }
    m = /\/evidence\/uploads\/([0-9a-f]{64})$/.exec(url);
    if (m && method === 'PATCH') {
      const u = this.uploads.get(m[1])!;
      if (Number(headers['upload-offset']) !== u.length) return new Response(null, { status: 409, headers: { 'upload-offset': String(u.length) } });
      u.parts.push(body!);
      u.length += body!.length;
      if (u.length < u.size) return new Response(null, { status: 204, headers: { 'upload-offset': String(u.length) } });
      const hash = createHash('sha256').update(Buffer.concat(u.parts)).digest('hex');
      this.uploads.delete(m[1]);
      if (hash !== m[1]) return json(422, { message: 'SHA-256 mismatch' });
      this.stored.add(hash);
      return json(201, { sha256: hash });
    }
    if (/\/results$/.test(url) && method === 'POST') {
      const key = headers['idempotency-key'];
      const replay = this.results.find((r) => r.key === key);
      if (!replay) this.results.push({ key, body: JSON.parse(new TextDecoder().decode(body!)) });
      return json(201, { id: `result-${this.results.findIndex((r) => r.key === key) + 1}` }, replay ? { 'idempotent-replayed': 'true' } : {});
    }
    return json(404, { message: 'no such route' });
  };
}

function bytesOf(n: number, seed: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7) & 255;
  return b;
}

async function storeFile(id: string, bytes: Uint8Array<ArrayBuffer>): Promise<StoredFile> {
  const file: StoredFile = {
    id, userId: 'u1', assignmentId: 'a1', purpose: 'photo', blob: new Blob([bytes], { type: 'image/jpeg' }), type: 'image/jpeg', size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'), fileName: `${id}.jpg`, capturedAt: '2026-11-20T10:30:00+08:00', location: null,
    width: 1600, height: 1200, sentBytes: 0, uploaded: false,
  };
  await db.files.put(file);
  return file;
}

async function queueResult(fileIds: string[], key = 'key-1'): Promise<number> {
  return db.outbox.add({
    userId: 'u1', kind: 'result', assignmentId: 'a1', label: 'x', state: 'queued', idempotencyKey: key, body: { outcome: '未发现问题' },
    fileIds, attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0,
  });
}

describe('the outbox sender', () => {
  let server: FakeServer;

  beforeEach(async () => {
    server = new FakeServer();
    globalThis.fetch = server.fetch as typeof fetch;
    await Promise.all([db.outbox.clear(), db.files.clear()]);
  });

  it('uploads every file in chunks, then sends the result once with its key', async () => {
    const a = await storeFile('p1', bytesOf(CHUNK_BYTES * 2 + 100, 1));
    const b = await storeFile('p2', bytesOf(1000, 2));
    const id = await queueResult([a.id, b.id]);
    const r = await drainOutbox('u1');
    expect(r).toMatchObject({ delivered: 1, failed: 0, interrupted: false });
    expect(server.stored).toEqual(new Set([a.sha256, b.sha256]));
    expect(server.requests.filter((x) => x.startsWith('PATCH'))).toHaveLength(4);
    expect(server.results).toEqual([{ key: 'key-1', body: { outcome: '未发现问题' } }]);
    expect(await db.outbox.get(id)).toMatchObject({ state: 'delivered', serverId: 'result-1' });
    expect((await db.files.get(a.id))?.uploaded).toBe(true);
  });

  it('resumes a photo whose connection dropped mid-upload where the server stopped, and sends the result once', async () => {
    const a = await storeFile('p1', bytesOf(500, 1));
    const b = await storeFile('p2', bytesOf(CHUNK_BYTES * 2, 2));
    const id = await queueResult([a.id, b.id]);
    let patchesOfB = 0;
    server.script = ({ method, url }) => (method === 'PATCH' && url.endsWith(b.sha256) && ++patchesOfB === 2 ? 'drop' : undefined);
    const first = await drainOutbox('u1', () => 0.5);
    expect(first).toMatchObject({ delivered: 0, interrupted: true });
    const waiting = await db.outbox.get(id);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, lastError: { status: 0 } });
    expect(waiting!.nextAttemptAt).toBeGreaterThan(0);
    expect((await db.files.get(b.id))?.sentBytes).toBe(CHUNK_BYTES);
    expect(server.results).toHaveLength(0);
    // Not due yet: nothing is sent.
    expect(await drainOutbox('u1')).toMatchObject({ delivered: 0, interrupted: false });
    // The connection is back.
    await makeDueNow('u1');
    expect(await drainOutbox('u1')).toMatchObject({ delivered: 1 });
    expect(server.stored.has(b.sha256)).toBe(true);
    expect(server.results.map((x) => x.key)).toEqual(['key-1']);
    // The resumed upload sent the second chunk only (the first had arrived).
    expect(server.requests.filter((x) => x === `PATCH /assignments/a1/evidence/uploads/${b.sha256}`)).toHaveLength(3);
  });

  it('retries a 5xx with the same key and never resends a 4xx', async () => {
    const id = await queueResult([], 'same-key');
    let calls = 0;
    server.script = ({ url, headers }) => {
      if (!url.endsWith('/results')) return undefined;
      calls++;
      expect(headers['idempotency-key']).toBe('same-key');
      return calls === 1 ? new Response('{}', { status: 503, headers: { 'content-type': 'application/json' } }) : new Response(JSON.stringify({ message: 'bad', details: { problems: ['findings[0]: a non-compliant check point needs a description', 'place is empty'] } }), { status: 400, headers: { 'content-type': 'application/json' } });
    };
    await drainOutbox('u1');
    expect(await db.outbox.get(id)).toMatchObject({ state: 'queued', attempts: 1 });
    await makeDueNow('u1');
    expect(await drainOutbox('u1')).toMatchObject({ failed: 1 });
    expect(await db.outbox.get(id)).toMatchObject({ state: 'failed', lastError: { status: 400, problems: ['findings[0]: a non-compliant check point needs a description', 'place is empty'] } });
    await makeDueNow('u1');
    await drainOutbox('u1');
    expect(calls).toBe(2);
  });

  it('stops at a 401 and keeps the item queued for after the next sign-in', async () => {
    const first = await queueResult([], 'k1');
    await queueResult([], 'k2');
    server.script = ({ url }) => (url.endsWith('/results') ? new Response('{}', { status: 401, headers: { 'content-type': 'application/json' } }) : undefined);
    expect(await drainOutbox('u1')).toMatchObject({ signInNeeded: true, delivered: 0 });
    expect(await db.outbox.get(first)).toMatchObject({ state: 'queued', attempts: 0, lastError: { status: 401 } });
    expect(server.requests.filter((x) => x.endsWith('/results'))).toHaveLength(1);
  });

  it('sends only the signed-in user’s items', async () => {
    await db.outbox.add({ userId: 'someone-else', kind: 'start', assignmentId: 'a1', label: 'x', state: 'queued', attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0 });
    expect(await drainOutbox('u1')).toMatchObject({ delivered: 0 });
    expect(server.requests).toEqual([]);
  });
});
