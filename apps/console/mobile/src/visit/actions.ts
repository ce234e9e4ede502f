/**
 * What the inspector does during a visit, each written to IndexedDB before anything else: start (time and
 * GPS), photos (processed and hashed on the phone), signatures, and the submission into the outbox.
 */
import type { Assignment } from '../api/types';
import { db, type StoredFile } from '../db';
import { deviceNow } from '../device-clock';
import type { Fix } from '../geo';
import { sha256Hex, newId } from '../hash';
import { enqueue } from '../outbox/scheduler';
import { processPhoto } from '../photo/compress';
import { stampLines } from '../photo/stamp';
import { isoWithOffset } from '../time';
import type { Draft } from './draft';
import { recordForSigning, signableOf, submissionOf } from './record';

/** The phone's position, or why there is none (no permission, no fix within 20 s). */
export function locate(): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error('本机不支持定位'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyMeters: p.coords.accuracy }),
      (e) => reject(new Error(e.code === e.PERMISSION_DENIED ? '未允许定位：请在浏览器设置中允许本应用使用位置' : '暂时无法定位（信号弱），可稍后重新定位')),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  });
}

/** 开始检查: records when and where, and queues the start for the server (officers then see 检查中). */
export async function startVisit(draft: Draft, assignment: Assignment): Promise<void> {
  const now = deviceNow();
  draft.startedAt = now;
  draft.inspectedAt = isoWithOffset(now);
  try {
    draft.fix = await locate();
    draft.fixError = null;
  } catch (e) {
    draft.fix = null;
    draft.fixError = (e as Error).message;
  }
  draft.updatedAt = deviceNow();
  await db.drafts.put(JSON.parse(JSON.stringify(draft)) as Draft);
  await enqueue({ userId: draft.userId, kind: 'start', assignmentId: assignment.id, label: `${assignment.target.name} · 开始检查` });
}

/** Retakes the position (the time of the visit stays). */
export async function relocate(draft: Draft): Promise<void> {
  try {
    draft.fix = await locate();
    draft.fixError = null;
  } catch (e) {
    draft.fixError = (e as Error).message;
  }
}

/** A photo from the camera: scaled, stamped, compressed, hashed and stored; its id. */
export async function addPhoto(file: File, draft: Draft, assignment: Assignment, inspector: { name: string; certificateNo: string }): Promise<StoredFile> {
  const takenAt = deviceNow();
  const lines = stampLines({ takenAt, fix: draft.fix, task: assignment.task.name, target: assignment.target.name, inspector: inspector.name });
  const { blob, width, height } = await processPhoto(file, lines, {
    takenAt,
    fix: draft.fix,
    description: `Spotcheck assignment ${assignment.id}${assignment.task.number ? ` task ${assignment.task.number}` : ''}`,
    artist: inspector.certificateNo,
  });
  const sha256 = await sha256Hex(blob);
  const stored: StoredFile = {
    id: newId(),
    userId: draft.userId,
    assignmentId: assignment.id,
    purpose: 'photo',
    blob,
    type: 'image/jpeg',
    size: blob.size,
    sha256,
    fileName: `photo-${isoWithOffset(takenAt).slice(0, 19).replace(/[-:T]/g, '')}.jpg`,
    capturedAt: isoWithOffset(takenAt),
    // A plain copy: the draft is a Vue proxy, which IndexedDB cannot store.
    location: draft.fix ? { ...draft.fix } : null,
    width,
    height,
    sentBytes: 0,
    uploaded: false,
  };
  await db.files.put(stored);
  return stored;
}

/**
 * A signature image (PNG) stored for upload as evidence of purpose 'signature', bound to the record hash
 * it signs (the server accepts the upload only with it, and the submission only with the same hash).
 */
export async function storeSignature(png: Blob, owner: { userId: string; assignmentId: string; fix: Fix | null; recordHash: string }): Promise<StoredFile> {
  const at = deviceNow();
  const stored: StoredFile = {
    id: newId(),
    userId: owner.userId,
    assignmentId: owner.assignmentId,
    purpose: 'signature',
    blob: png,
    type: 'image/png',
    size: png.size,
    sha256: await sha256Hex(png),
    fileName: 'signature.png',
    capturedAt: isoWithOffset(at),
    location: owner.fix ? { ...owner.fix } : null,
    width: 0,
    height: 0,
    recordHash: owner.recordHash,
    sentBytes: 0,
    uploaded: false,
  };
  await db.files.put(stored);
  return stored;
}

/** The record hash of the draft as it is now (what a signature made now binds to). */
export async function currentRecordHash(draft: Draft, assignment: Assignment, photoHashes: string[]): Promise<string> {
  return sha256Hex(recordForSigning(signableOf(draft, assignment, photoHashes)));
}

/**
 * Freezes the draft into a submission and queues it (待发送). The idempotency key is made the first time
 * and kept: a resubmission after a 4xx was fixed reuses it (the failed attempt left nothing on the server).
 */
export async function submitDraft(draft: Draft, assignment: Assignment, photos: StoredFile[]): Promise<void> {
  const hashes = photos.map((p) => p.sha256);
  const record = signableOf(draft, assignment, hashes);
  const recordHash = await sha256Hex(recordForSigning(record));
  const body = submissionOf(record, recordHash, draft);
  const signatureFiles = [...draft.inspectorSignatures.filter((s) => s.inspectorId === draft.inspectorId).map((s) => s.fileId), ...(draft.party?.mode === 'signed' ? [draft.party.fileId] : [])];
  const now = deviceNow();
  draft.idempotencyKey ??= newId();
  draft.submittedAt = now;
  draft.updatedAt = now;
  await db.transaction('rw', [db.drafts, db.outbox], async () => {
    await db.drafts.put(JSON.parse(JSON.stringify(draft)) as Draft);
  });
  await enqueue({
    userId: draft.userId,
    kind: 'result',
    assignmentId: assignment.id,
    label: `${assignment.target.name} · 检查结果`,
    idempotencyKey: draft.idempotencyKey,
    body,
    fileIds: [...photos.map((p) => p.id), ...signatureFiles],
  });
}

/** A failed submission back to the draft, for the inspector to fix (same idempotency key). */
export async function reopenDraft(draft: Draft, outboxId: number): Promise<void> {
  draft.submittedAt = null;
  draft.updatedAt = deviceNow();
  await db.transaction('rw', [db.drafts, db.outbox], async () => {
    await db.drafts.put(JSON.parse(JSON.stringify(draft)) as Draft);
    await db.outbox.delete(outboxId);
  });
}
