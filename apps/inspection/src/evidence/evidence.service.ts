import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#auth';
import { conflict, invalid, notFound } from '#domain';
import { AssignmentAccess } from '../assignments/assignment-access.js';
import { findActiveContent } from './domain/active-content.js';
import { EVIDENCE_CONTENT_TYPES, sniffContentType } from './domain/sniff-content-type.js';
import { Evidence, type EvidencePurpose } from './evidence.entity.js';
import { EVIDENCE_STORE, type EvidenceStore } from './evidence-store.js';
import { EvidenceUpload } from './evidence-upload.entity.js';
import { toEvidenceView, type EvidenceView } from './evidence.view.js';
import { whileStoring } from './storage-full.js';

/** The parts of a multer file this service uses. */
export interface UploadedEvidenceFile {
  buffer: Buffer;
  size: number;
  originalname?: string;
}

/**
 * Evidence files of an inspection, content-addressed: uploading the same bytes again (a phone
 * retrying after a lost response) returns the stored record and writes nothing.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AssignmentAccess,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
  ) {}

  async upload(user: Principal, assignmentId: string, file: UploadedEvidenceFile | undefined): Promise<{ created: boolean; evidence: EvidenceView }> {
    if (!file?.buffer?.length) throw invalid('send the evidence as multipart/form-data in a field named "file"');
    const contentType = admitContent(file.buffer, 'photo');
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.dataSource.transaction(async (m) => {
      const { assignment } = await this.access.lockForTeam(m, user, assignmentId);
      if (assignment.status === 'cancelled') throw conflict(`inspection ${assignmentId} was cancelled`);
      const existing = await m.findOneBy(Evidence, { assignmentId: assignment.id, sha256 });
      // The same bytes as a signature image (stored, or its upload under way) cannot become a photo: a file has one purpose.
      const signature = existing?.purpose === 'signature' || (await m.existsBy(EvidenceUpload, { assignmentId: assignment.id, sha256, purpose: 'signature' }));
      if (signature) throw conflict(`${sha256} is a signature image of this inspection, not a photo`);
      if (existing) return { created: false, evidence: toEvidenceView(existing) };
      const evidence = await this.record(m, file.buffer, {
        assignmentId: assignment.id, sha256, contentType, fileName: sanitizeName(file.originalname), uploadedBy: user.sub,
        purpose: 'photo', recordHash: null, capturedAt: null, latitude: null, longitude: null, accuracyMeters: null,
      });
      return { created: true, evidence };
    });
  }

  /**
   * Stores checked bytes and their row, in the caller's transaction (the assignment locked). Bytes
   * first, row second: a row never points at missing bytes. Should the insert fail, the file is left
   * behind under its hash, harmless and reused by the next upload of the same bytes.
   */
  async record(m: EntityManager, data: Buffer, fields: Omit<Evidence, 'id' | 'size' | 'uploadedAt' | 'assignment'>): Promise<EvidenceView> {
    await whileStoring('the file', () => this.store.put(fields.sha256, data));
    const row = m.create(Evidence, { ...fields, id: randomUUID(), size: data.length });
    await m.insert(Evidence, row);
    return toEvidenceView(await m.findOneByOrFail(Evidence, { id: row.id }));
  }

  async download(user: Principal, assignmentId: string, sha256: string): Promise<{ evidence: EvidenceView; stream: Readable }> {
    await this.access.readable(user, assignmentId);
    const row = await this.dataSource.getRepository(Evidence).findOneBy({ assignmentId, sha256 });
    if (!row) throw notFound(`no evidence ${sha256} in inspection ${assignmentId}`);
    const stream = await this.store.open(sha256);
    if (!stream) throw notFound(`the bytes of evidence ${sha256} are missing from the store`);
    return { evidence: toEvidenceView(row), stream };
  }
}

/**
 * The content type recognised from the bytes, or 415: another type, a file that is also HTML or
 * carries script (whatever its leading bytes say), or a signature image that is not a PNG.
 */
export function admitContent(data: Buffer, purpose: EvidencePurpose): string {
  const contentType = sniffContentType(data);
  if (!contentType) {
    throw new UnsupportedMediaTypeException(`evidence must be one of ${EVIDENCE_CONTENT_TYPES.join(', ')} (recognised from the file's contents)`);
  }
  const active = findActiveContent(data, contentType);
  if (active) throw new UnsupportedMediaTypeException(`${active}: evidence may not contain HTML or script`);
  if (purpose === 'signature' && contentType !== 'image/png') throw new UnsupportedMediaTypeException(`a signature image must be a PNG (this file is ${contentType})`);
  return contentType;
}

/** Keeps a display name only: no path, no control characters, bounded length. */
export function sanitizeName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || null;
}
