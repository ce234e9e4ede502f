/**
 * The resumable upload of one stored file (the issue-14 contract, a tus-like subset): declare it by its
 * SHA-256 (the server answers where to resume, or that it already has it), then send the rest in chunks
 * with Upload-Offset. Every acknowledged offset is written to IndexedDB, so a dropped connection, a closed
 * app or a restarted phone resumes where the server stopped, and the server checks the hash at the end.
 */
import { call, INSPECTION, type Answer } from '../api/http';
import type { UploadState } from '../api/types';
import { db, type StoredFile } from '../db';

/** Small enough to get through on 2G before a proxy's timeout; the contract allows up to 1 MiB. */
export const CHUNK_BYTES = 256 * 1024;

const uploadsOf = (assignmentId: string) => `${INSPECTION}/assignments/${encodeURIComponent(assignmentId)}/evidence/uploads`;

async function acknowledged(file: StoredFile, sentBytes: number, uploaded = false): Promise<void> {
  file.sentBytes = sentBytes;
  file.uploaded = uploaded;
  await db.files.update(file.id, { sentBytes, uploaded });
}

/** Where the server stands, after a 409 without the header (should not happen; HEAD asks). */
async function serverOffset(url: string): Promise<number | null> {
  const head = await call('HEAD', url);
  const v = head.status === 200 ? head.headers.get('upload-offset') : null;
  return v === null ? null : Number(v);
}

/**
 * Uploads a file unless it is already there. Resolves with the last answer: 2xx when the server has the
 * file, anything else for the outbox to judge (status 0 when the connection dropped).
 */
export async function uploadFile(file: StoredFile): Promise<Answer> {
  const ok: Answer = { status: 200, headers: new Headers(), body: null };
  if (file.uploaded) return ok;
  const base = uploadsOf(file.assignmentId);
  const declared = await call<UploadState>('POST', base, {
    json: {
      sha256: file.sha256,
      size: file.size,
      purpose: file.purpose,
      fileName: file.fileName,
      capturedAt: file.capturedAt,
      ...(file.purpose === 'signature' && file.recordHash ? { recordHash: file.recordHash } : {}),
      ...(file.location ? { location: { latitude: file.location.latitude, longitude: file.location.longitude, accuracyMeters: Math.round(file.location.accuracyMeters * 10) / 10 } } : {}),
    },
  });
  if (declared.status < 200 || declared.status >= 300) return declared;
  if (declared.body.complete) {
    await acknowledged(file, file.size, true);
    return declared;
  }
  const url = `${base}/${file.sha256}`;
  let offset = declared.body.offset;
  let conflicts = 0;
  for (;;) {
    await acknowledged(file, offset);
    const chunk = file.blob.slice(offset, Math.min(file.size, offset + CHUNK_BYTES));
    const sent = await call('PATCH', url, { bytes: chunk, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) } });
    if (sent.status === 201 || sent.status === 200) {
      await acknowledged(file, file.size, true);
      return sent;
    }
    if (sent.status === 204) {
      const next = Number(sent.headers.get('upload-offset'));
      offset = Number.isFinite(next) && next > offset ? next : offset + chunk.size;
      conflicts = 0;
      continue;
    }
    if (sent.status === 409 && conflicts < 3) {
      // Our idea of the offset was stale (an earlier chunk did arrive after all): resume where the server is.
      conflicts++;
      const header = sent.headers.get('upload-offset');
      const at = header !== null ? Number(header) : await serverOffset(url);
      if (at === null || !Number.isFinite(at)) return sent;
      offset = at;
      continue;
    }
    return sent;
  }
}
