import { HttpException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '#auth';
import { conflict, DomainError, invalid, notFound } from '#domain';
import { CLOCK, type Clock } from '#platform';
import { AssignmentAccess } from '../assignments/assignment-access.js';
import type { Assignment } from '../assignments/assignment.entity.js';
import { INSPECTION_SETTINGS, type InspectionSettings } from '../inspection.options.js';
import type { BeginUploadDto } from './dto/begin-upload.dto.js';
import { Evidence, type EvidencePurpose } from './evidence.entity.js';
import { admitContent, EvidenceService, sanitizeName } from './evidence.service.js';
import { EvidenceUpload } from './evidence-upload.entity.js';
import { toEvidenceView, type EvidenceView } from './evidence.view.js';
import { PARTIAL_UPLOAD_STORE, type PartialUploadStore } from './partial-upload-store.js';
import { whileStoring } from './storage-full.js';

/** Largest chunk one PATCH may carry: small enough to get through on a weak 2G/3G link before a timeout. */
export const UPLOAD_CHUNK_MAX_BYTES = 1024 * 1024;

/** What POST …/evidence/uploads answers. */
export interface UploadState {
  sha256: string;
  size: number;
  offset: number;
  complete: boolean;
  evidence?: EvidenceView;
}

/** A chunk's outcome: more is expected, or the file is stored. */
export type ChunkOutcome = { complete: false; offset: number } | { complete: true; evidence: EvidenceView };

/** 409 with the offset the client must resume at (the controller sends it as Upload-Offset). */
export class OffsetMismatch extends DomainError {
  constructor(readonly offset: number, sent: number) {
    super('conflict', `Upload-Offset ${sent} is not where this upload stands: resume at ${offset}`, { offset });
  }
}

/**
 * Resumable evidence uploads (docs/inspection.md "Resumable upload"): the phone declares the file's
 * SHA-256 and size, sends it in chunks of at most 1 MiB, and may resume after any failure at the offset
 * the server reports. The finished bytes must hash to the declared SHA-256 and pass the same content
 * checks as the multipart upload; then they are stored like any evidence. Every change of an upload
 * takes the assignment's lock (as every change of an assignment does), so chunks of one inspection are
 * written one after another.
 */
@Injectable()
export class EvidenceUploadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AssignmentAccess,
    private readonly evidence: EvidenceService,
    @Inject(PARTIAL_UPLOAD_STORE) private readonly partials: PartialUploadStore,
    @Inject(INSPECTION_SETTINGS) private readonly settings: InspectionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Starts an upload (created: true), or tells where one under way stands, or that the file is already
   * stored. A file has one use: the same hash declared with another purpose, record or size is a 409.
   * A new upload must stay within the inspection's caps of unfinished uploads (count: 409, bytes: 413).
   */
  async begin(user: Principal, assignmentId: string, dto: BeginUploadDto): Promise<{ created: boolean; state: UploadState }> {
    if (dto.size > this.settings.evidenceMaxBytes) {
      throw new DomainError('too_large', `evidence may be at most ${this.settings.evidenceMaxBytes} bytes (declared ${dto.size})`);
    }
    if (dto.purpose === 'signature' && !dto.recordHash) {
      throw invalid('a signature image is uploaded with recordHash, the SHA-256 of the record it signs (recordForSigning): compute the record first, then upload the signature for it');
    }
    if (dto.purpose !== 'signature' && dto.recordHash) throw invalid('recordHash belongs to signature images only (purpose signature)');
    const recordHash = dto.recordHash ?? null;
    return this.dataSource.transaction(async (m) => {
      const a = await this.lockOpen(m, user, assignmentId);
      const stored = await m.findOneBy(Evidence, { assignmentId: a.id, sha256: dto.sha256 });
      if (stored) {
        assertSameUse(dto.sha256, 'is stored', stored, dto.purpose, recordHash);
        return { created: false, state: { sha256: stored.sha256, size: stored.size, offset: stored.size, complete: true, evidence: toEvidenceView(stored) } };
      }
      const under = await m.findOneBy(EvidenceUpload, { assignmentId: a.id, sha256: dto.sha256 });
      if (under) {
        if (under.size !== dto.size) throw conflict(`an upload of ${dto.sha256} declared as ${under.size} bytes is under way; the same bytes cannot have ${dto.size}`);
        assertSameUse(dto.sha256, 'is being uploaded', under, dto.purpose, recordHash);
        return { created: false, state: { sha256: under.sha256, size: under.size, offset: await this.offsetOf(under), complete: false } };
      }
      await this.assertRoomFor(m, a, dto.size);
      await m.insert(EvidenceUpload, m.create(EvidenceUpload, {
        assignmentId: a.id,
        sha256: dto.sha256,
        size: dto.size,
        receivedBytes: 0,
        purpose: dto.purpose,
        recordHash,
        fileName: sanitizeName(dto.fileName ?? undefined),
        capturedAt: dto.capturedAt ? new Date(dto.capturedAt) : null,
        latitude: dto.location?.latitude ?? null,
        longitude: dto.location?.longitude ?? null,
        accuracyMeters: dto.location?.accuracyMeters ?? null,
        createdBy: user.sub,
        touchedAt: this.clock.now(),
      }));
      return { created: true, state: { sha256: dto.sha256, size: dto.size, offset: 0, complete: false } };
    });
  }

  /** Where an upload stands (HEAD): any inspector of the team may ask. */
  async status(user: Principal, assignmentId: string, sha256: string): Promise<{ offset: number; size: number }> {
    const { under, offset } = await this.standing(user, assignmentId, sha256);
    return { offset, size: under.size };
  }

  /**
   * The checks of a chunk that need no lock and no body, made before the body is read: the inspection
   * exists, the caller is on its team, it is not cancelled, the upload exists, the chunk starts where
   * it stands and (when its length is declared) ends within the file. append makes them again, locked.
   */
  async precheck(user: Principal, assignmentId: string, sha256: string, offset: number, length: number | undefined): Promise<void> {
    const { under, offset: current } = await this.standing(user, assignmentId, sha256);
    if (offset !== current) throw new OffsetMismatch(current, offset);
    if (length !== undefined && offset + length > under.size) throw beyondEnd(under.size, offset + length);
  }

  /**
   * Writes one chunk at `offset`. The last one completes the upload: hash, content checks, stored as
   * evidence, upload removed. A wrong hash (422) or content (415) discards the bytes received, writes
   * no row, and leaves the upload to start again from 0. A full disk is a 507 (storage-full.ts).
   */
  async append(user: Principal, assignmentId: string, sha256: string, offset: number, chunk: Buffer): Promise<ChunkOutcome> {
    let id = assignmentId;
    const outcome = await this.dataSource.transaction(async (m): Promise<ChunkOutcome> => {
      const a = await this.lockOpen(m, user, assignmentId);
      id = a.id; // the stored spelling (lower case), whatever the URL's
      const under = await m.findOne(EvidenceUpload, { where: { assignmentId: a.id, sha256 }, lock: { mode: 'pessimistic_write' } });
      if (!under) throw noUpload(sha256, a.id);
      const current = await this.offsetOf(under);
      if (offset !== current) throw new OffsetMismatch(current, offset);
      const end = offset + chunk.length;
      if (end > under.size) throw beyondEnd(under.size, end);
      await whileStoring('this chunk', () => this.partials.write(a.id, sha256, offset, chunk));
      if (end < under.size) {
        await m.update(EvidenceUpload, { assignmentId: a.id, sha256 }, { receivedBytes: end, touchedAt: this.clock.now() });
        return { complete: false, offset: end };
      }
      return { complete: true, evidence: await this.finish(m, a, under) };
    });
    // After the commit: the bytes are in the evidence store now.
    if (outcome.complete) await this.partials.remove(id, sha256);
    return outcome;
  }

  private async finish(m: EntityManager, a: Assignment, under: EvidenceUpload): Promise<EvidenceView> {
    const { data, sha256 } = await this.partials.read(a.id, under.sha256);
    try {
      if (sha256 !== under.sha256) {
        throw new DomainError('unprocessable', `the ${data.length} bytes received have SHA-256 ${sha256}, not the declared ${under.sha256}: nothing was stored; upload the file again from offset 0`);
      }
      const contentType = admitContent(data, under.purpose);
      const stored = await m.findOneBy(Evidence, { assignmentId: a.id, sha256 });
      // The same bytes arrived through the multipart route in the meantime (a photo: begin and the
      // multipart route refuse a second use of a signature's bytes, under the same lock).
      if (stored) assertSameUse(sha256, 'is stored', stored, under.purpose, under.recordHash);
      const evidence = stored
        ? toEvidenceView(stored)
        : await this.evidence.record(m, data, {
            // uploadedBy is who began the upload and declared the file (and, for a signature, its record).
            assignmentId: a.id, sha256, contentType, fileName: under.fileName, uploadedBy: under.createdBy, purpose: under.purpose,
            recordHash: under.recordHash, capturedAt: under.capturedAt, latitude: under.latitude, longitude: under.longitude, accuracyMeters: under.accuracyMeters,
          });
      await m.delete(EvidenceUpload, { assignmentId: a.id, sha256 });
      return evidence;
    } catch (error) {
      // Refused bytes are not kept; the row stays (the transaction rolls back) and reports offset 0 from now on.
      // A full disk (507) keeps them: the last chunk sent again completes the upload.
      if (error instanceof DomainError || (error instanceof HttpException && error.getStatus() === 415)) await this.partials.remove(a.id, under.sha256);
      throw error;
    }
  }

  /** The assignment, locked, for an inspector of its team; 409 once it was cancelled. */
  private async lockOpen(m: EntityManager, user: Principal, assignmentId: string): Promise<Assignment> {
    const { assignment } = await this.access.lockForTeam(m, user, assignmentId);
    if (assignment.status === 'cancelled') throw cancelled(assignment);
    return assignment;
  }

  /** An upload under way and where it resumes, read without a lock, for an inspector of the team. */
  private async standing(user: Principal, assignmentId: string, sha256: string): Promise<{ under: EvidenceUpload; offset: number }> {
    const { assignment, team } = await this.access.readable(user, assignmentId);
    if (!AssignmentAccess.isMember(user, team)) throw new DomainError('forbidden', `only the inspectors of inspection ${assignment.id} upload its evidence`);
    // Nothing more can be uploaded, and a phone must not be told to resume.
    if (assignment.status === 'cancelled') throw cancelled(assignment);
    const under = await this.dataSource.getRepository(EvidenceUpload).findOneBy({ assignmentId: assignment.id, sha256 });
    if (!under) throw noUpload(sha256, assignment.id);
    return { under, offset: await this.offsetOf(under) };
  }

  /** The caps on unfinished uploads per inspection (under its lock, so concurrent POSTs cannot both pass). */
  private async assertRoomFor(m: EntityManager, a: Assignment, size: number): Promise<void> {
    const [{ uploads, bytes }] = (await m.query(
      `SELECT count(*)::int AS uploads, coalesce(sum(size), 0)::bigint AS bytes FROM ${m.getRepository(EvidenceUpload).metadata.tablePath} WHERE assignment_id = $1`,
      [a.id],
    )) as { uploads: number; bytes: string }[];
    const { uploadsPerAssignment: most, uploadBytesPerAssignment: room } = this.settings;
    if (uploads >= most) {
      throw conflict(`inspection ${a.id} already has ${uploads} unfinished uploads, the most it may have at once (${most}): finish (or let expire) those before starting another`);
    }
    if (Number(bytes) + size > room) {
      throw new DomainError('too_large', `the unfinished uploads of inspection ${a.id} would declare ${Number(bytes) + size} bytes together, more than the ${room} allowed: finish those before starting another`);
    }
  }

  /**
   * Where the upload resumes: the bytes recorded as received, but never more than this replica holds
   * (the bytes may be on another replica's disk, or gone after a refused or crashed attempt).
   */
  private async offsetOf(under: EvidenceUpload): Promise<number> {
    return Math.min(under.receivedBytes, await this.partials.length(under.assignmentId, under.sha256));
  }
}

const cancelled = (a: Assignment) => conflict(`inspection ${a.id} was cancelled: ${a.cancelReason}`);
const noUpload = (sha256: string, assignmentId: string) =>
  notFound(`no upload of ${sha256} is under way in inspection ${assignmentId} (start it with POST …/evidence/uploads; a finished one is in the evidence)`);
const beyondEnd = (size: number, end: number) => invalid(`the upload is declared as ${size} bytes; this chunk would end at byte ${end}`);

/** A file has one use: the same bytes cannot be a photo and a signature, nor sign two records (409). */
function assertSameUse(sha256: string, state: string, known: { purpose: EvidencePurpose; recordHash: string | null }, purpose: EvidencePurpose, recordHash: string | null): void {
  if (known.purpose !== purpose) throw conflict(`${sha256} ${state} in this inspection as a ${known.purpose}; the same file cannot also be a ${purpose}`);
  if (known.recordHash !== recordHash) {
    throw conflict(`the signature image ${sha256} ${state} for record ${known.recordHash}; it cannot sign record ${recordHash} as well: draw the signature again for this record`);
  }
}
