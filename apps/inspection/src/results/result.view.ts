import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESULT_OUTCOMES } from '#contracts';
import { RESULT_STATUSES, type InspectionResult } from './inspection-result.entity.js';
import type { ItemFinding } from './domain/findings.js';
import type { ResultSignature } from './domain/signatures.js';
import type { ResultConfirmation } from './result-confirmation.entity.js';

export class LocationView {
  @ApiProperty() latitude!: number;
  @ApiProperty() longitude!: number;
  @ApiPropertyOptional({ nullable: true }) accuracyMeters!: number | null;
}

export class ConfirmationView {
  @ApiProperty() inspectorId!: string;
  @ApiProperty() confirmedAt!: string;
}

export class ResultView {
  @ApiProperty({ description: 'This revision' }) id!: string;
  @ApiProperty({ description: "The inspection's result id, stable across versions" }) resultId!: string;
  @ApiProperty() assignmentId!: string;
  @ApiProperty() revision!: number;
  @ApiPropertyOptional({ nullable: true, description: 'Given when confirmed' }) version!: number | null;
  @ApiProperty({ enum: RESULT_STATUSES }) status!: string;
  @ApiProperty({ enum: RESULT_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) findings!: ItemFinding[];
  @ApiProperty() summary!: string;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-31', description: '整改期限 of a rectification order (发现问题已责令改正: the latest check-point deadline; 发现问题待后续处理: followUpBy); a follow-up opens after it' })
  rectificationDeadline!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['整改到位', '逾期未整改'], description: 'A follow-up inspection (整改复查): what it found' })
  rectification!: string | null;
  @ApiProperty() inspectedAt!: string;
  @ApiProperty() inspectionDate!: string;
  @ApiProperty() place!: string;
  @ApiPropertyOptional({ type: LocationView, nullable: true }) location!: LocationView | null;
  @ApiProperty({ enum: ['mobile', 'desktop'] }) channel!: string;
  @ApiProperty({ type: [String], description: 'SHA-256 of each evidence file' }) evidence!: string[];
  @ApiProperty() submittedBy!: string;
  @ApiProperty() submittedAt!: string;
  @ApiPropertyOptional({ nullable: true }) previousResultId!: string | null;
  @ApiPropertyOptional({ nullable: true }) correctionReason!: string | null;
  @ApiProperty({ type: [ConfirmationView] }) confirmations!: ConfirmationView[];
  @ApiProperty({ type: [String], description: 'Team members whose confirmation is still missing' }) awaiting!: string[];
  @ApiPropertyOptional({ nullable: true }) disputedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) disputeReason!: string | null;
  @ApiPropertyOptional({ nullable: true }) disputedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) confirmedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'SHA-256 of the record the signatures sign (recordForSigning); null when submitted without signatures' })
  recordHash!: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: "{ signer: 'inspector', inspectorId, image, signedAt, recordHash } | { signer: 'party', name, image, signedAt, recordHash } | { signer: 'party', refused: true, refusalReason, witness: { name, role }, signedAt, recordHash }; the submitter's and the party's come with the submission, each co-inspector's with their confirmation",
  })
  signatures!: ResultSignature[];
}

export function toResultView(r: InspectionResult, resultId: string, confirmations: ResultConfirmation[], teamIds: string[]): ResultView {
  const mine = confirmations.filter((c) => c.resultId === r.id).sort((a, b) => a.confirmedAt.getTime() - b.confirmedAt.getTime());
  const confirmed = new Set(mine.map((c) => c.inspectorId));
  return {
    id: r.id,
    resultId,
    assignmentId: r.assignmentId,
    revision: r.revision,
    version: r.version,
    status: r.status,
    outcome: r.outcome,
    findings: r.findings,
    summary: r.summary,
    rectificationDeadline: r.rectificationDeadline ?? null,
    rectification: r.rectification ?? null,
    inspectedAt: r.inspectedAt.toISOString(),
    inspectionDate: r.inspectionDate,
    place: r.place,
    location: r.latitude !== null && r.longitude !== null ? { latitude: r.latitude, longitude: r.longitude, accuracyMeters: r.accuracyMeters } : null,
    channel: r.channel,
    evidence: r.evidence,
    submittedBy: r.submittedBy,
    submittedAt: r.submittedAt.toISOString(),
    previousResultId: r.previousResultId,
    correctionReason: r.correctionReason,
    confirmations: mine.map((c) => ({ inspectorId: c.inspectorId, confirmedAt: c.confirmedAt.toISOString() })),
    awaiting: r.status === 'pending' ? teamIds.filter((id) => !confirmed.has(id)) : [],
    disputedBy: r.disputedBy,
    disputeReason: r.disputeReason,
    disputedAt: r.disputedAt?.toISOString() ?? null,
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    recordHash: r.recordHash ?? null,
    signatures: r.signatures ?? [],
  };
}
