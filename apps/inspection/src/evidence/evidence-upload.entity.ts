import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Assignment } from '../assignments/assignment.entity.js';
import type { EvidencePurpose } from './evidence.entity.js';

/**
 * A resumable evidence upload under way (POST …/evidence/uploads, then PATCH chunks). The state is
 * here, so any replica answers where to resume; the bytes received so far are in the partial store
 * (PartialUploads). The row goes when the file is stored as evidence, or when the sweep finds it
 * untouched for longer than EVIDENCE_UPLOAD_TTL_HOURS.
 */
@Entity({ name: 'evidence_upload' })
@Index('ix_evidence_upload_touched_at', ['touchedAt'])
@Check('ck_evidence_upload_purpose', `purpose IN ('photo', 'signature')`)
@Check('ck_evidence_upload_record_hash', `(purpose = 'signature') = (record_hash IS NOT NULL)`)
@Check('ck_evidence_upload_received', `received_bytes >= 0 AND received_bytes <= size`)
export class EvidenceUpload {
  @PrimaryColumn('uuid')
  assignmentId!: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_evidence_upload_assignment' })
  assignment?: Assignment;

  /** The SHA-256 the client declared; the finished bytes must have it. */
  @PrimaryColumn('char', { length: 64 })
  sha256!: string;

  /** Declared length in bytes. */
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size!: number;

  /** Bytes received and flushed so far: where the next PATCH must start (Upload-Offset). */
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  receivedBytes!: number;

  @Column('text')
  purpose!: EvidencePurpose;

  /** A signature image: the recordHash of the record it signs (required for signatures, absent for photos). */
  @Column('char', { length: 64, nullable: true })
  recordHash!: string | null;

  @Column('text', { nullable: true })
  fileName!: string | null;

  @Column('timestamptz', { nullable: true })
  capturedAt!: Date | null;

  @Column('double precision', { nullable: true })
  latitude!: number | null;

  @Column('double precision', { nullable: true })
  longitude!: number | null;

  @Column('double precision', { nullable: true })
  accuracyMeters!: number | null;

  /** The inspector who began it (any inspector of the team may resume it); the evidence's uploadedBy. */
  @Column('text')
  createdBy!: string;

  /** Business time (the app's clock) of the last chunk or of the start: the sweep removes uploads untouched for too long. */
  @Column('timestamptz')
  touchedAt!: Date;
}
