import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { RectificationRecorded, ResultRecorded, type RectificationRecordedPayload, type ResultRecordedPayload } from '#contracts';
import type { Principal } from '#auth';
import { conflict, invalid, notFound, recordForSigning } from '#domain';
import { OutboxService } from '#messaging';
import { AssignmentAccess } from '../assignments/assignment-access.js';
import { Assignment } from '../assignments/assignment.entity.js';
import { statusAfterDispute } from '../assignments/domain/assignment-status.js';
import { chinaDate } from '../common/china-time.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { IdempotencyService, type IdempotentOutcome } from '../idempotency/idempotency.service.js';
import { assertFindingsConsistent, summarizeFindings, type ItemFinding } from './domain/findings.js';
import { assertRectificationConsistent, rectificationDeadlineOf } from './domain/rectification.js';
import { checkConfirmationSignature, checkSignatures, type UploadedFile } from './domain/signatures.js';
import type { SubmitResultDto } from './dto/submit-result.dto.js';
import { InspectionResult } from './inspection-result.entity.js';
import { ResultConfirmation } from './result-confirmation.entity.js';
import { toResultView, type ResultView } from './result.view.js';

/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Results: submitted by one inspector of the team, confirmed by every other one (or disputed),
 * then immutable. Every change locks the assignment row first, so concurrent submissions and
 * confirmations of one inspection are serialised and exactly one event is written per version.
 */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AssignmentAccess,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  submit(user: Principal, assignmentId: string, key: string, dto: SubmitResultDto): Promise<IdempotentOutcome<ResultView>> {
    const operation = `POST /assignments/${assignmentId}/results`;
    return this.idempotency.run({ owner: user.sub, key, operation, body: dto }, 201, (m) => this.insert(m, user, assignmentId, dto));
  }

  private async insert(m: EntityManager, user: Principal, assignmentId: string, dto: SubmitResultDto): Promise<ResultView> {
    const { assignment: a, team } = await this.access.lockForTeam(m, user, assignmentId);
    const earlier = await m.find(InspectionResult, { where: { assignmentId }, order: { revision: 'ASC' } });
    if (a.status === 'cancelled') throw conflict(`inspection ${assignmentId} was cancelled: ${a.cancelReason}`);
    const pending = earlier.find((r) => r.status === 'pending');
    if (pending) {
      throw conflict(`revision ${pending.revision} submitted by ${pending.submittedBy} is awaiting confirmation; confirm or dispute it first`, { pendingResultId: pending.id });
    }
    let previous: InspectionResult | undefined;
    if (a.status === 'confirmed') {
      if (!dto.correctionReason) {
        throw conflict('this inspection has a confirmed result, which cannot change; to correct it, submit a new version with a correctionReason');
      }
      previous = earlier.find((r) => r.id === a.currentResultId);
    } else {
      if (dto.correctionReason) throw invalid('correctionReason is only for correcting a confirmed result; this inspection has none yet');
      previous = earlier.at(-1);
    }

    const now = this.clock.now();
    const inspectedAt = new Date(dto.inspectedAt);
    const inspectionDate = chinaDate(inspectedAt);
    if (inspectedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid(`inspectedAt ${dto.inspectedAt} lies in the future`);
    if (inspectionDate < a.notBefore) throw invalid(`inspectedAt (${inspectionDate}) is before this inspection could take place (${a.notBefore})`);
    const findings = JSON.parse(JSON.stringify(dto.findings)) as ItemFinding[];
    assertFindingsConsistent({ outcome: dto.outcome, items: a.items, findings, inspectionDate });
    const isFollowUp = a.kind === 'follow-up';
    assertRectificationConsistent({ isFollowUp, outcome: dto.outcome, rectification: dto.rectification, followUpBy: dto.followUpBy });
    // A follow-up closes the order it checks: its own result opens no further follow-up.
    const rectificationDeadline = isFollowUp ? null : rectificationDeadlineOf({ outcome: dto.outcome, findings, followUpBy: dto.followUpBy, inspectionDate });
    const evidence = [...new Set(dto.evidence ?? [])];
    const images = (dto.signatures ?? []).flatMap((sig) => (sig?.image ? [sig.image] : []));
    const uploaded = await uploadedFiles(m, a.id, [...evidence, ...images]);
    const missing = evidence.filter((h) => !uploaded.has(h));
    if (missing.length) throw invalid(`evidence not uploaded to this inspection: ${missing.join(', ')}; upload each file first`, { missing });

    // Signatures sign the record as submitted (before any trimming): the server hashes it the way the
    // phone did, with the inspection's id as stored (lower case), however the URL spelt it.
    const signing = Boolean(dto.recordHash) || Boolean(dto.signatures?.length);
    const signedRecord = recordForSigning({ ...dto, assignmentId: a.id });
    const expectedHash = createHash('sha256').update(signedRecord, 'utf8').digest('hex');
    const checked = checkSignatures({
      signatures: dto.signatures, recordHash: dto.recordHash, expectedHash, teamIds: team.map((t) => t.inspectorId), submitter: user.sub, uploaded, evidence,
      latestSignedAt: new Date(now.getTime() + CLOCK_SKEW_MS),
    });
    if (checked.problems.length) throw invalid(`the signatures do not fit the record: ${checked.problems.join('; ')}`, { problems: checked.problems });

    const result = m.create(InspectionResult, {
      id: randomUUID(),
      assignmentId: a.id,
      revision: (earlier.at(-1)?.revision ?? 0) + 1,
      version: null,
      status: 'pending',
      outcome: dto.outcome,
      findings,
      summary: dto.summary?.trim() || summarizeFindings(dto.outcome, a.items, findings),
      rectificationDeadline,
      rectification: isFollowUp ? dto.rectification! : null,
      inspectedAt,
      inspectionDate,
      place: dto.place.trim(),
      latitude: dto.location?.latitude ?? null,
      longitude: dto.location?.longitude ?? null,
      accuracyMeters: dto.location?.accuracyMeters ?? null,
      channel: dto.channel,
      evidence,
      submittedBy: user.sub,
      submittedAt: now,
      previousResultId: previous?.id ?? null,
      correctionReason: dto.correctionReason?.trim() ?? null,
      recordHash: signing ? expectedHash : null,
      signedRecord: signing ? signedRecord : null,
      signatures: checked.signatures,
    });
    await m.insert(InspectionResult, result);
    // Submitting is the submitter's own confirmation; the co-inspectors' follow.
    const own = m.create(ResultConfirmation, { resultId: result.id, inspectorId: user.sub, confirmedAt: now });
    await m.insert(ResultConfirmation, own);
    if (a.status !== 'confirmed') {
      a.status = 'submitted';
      await m.save(a);
    }
    return toResultView(result, a.resultId, [own], team.map((t) => t.inspectorId));
  }

  /**
   * A co-inspector confirms a pending revision, optionally signing its record (docs/inspection.md
   * "Signatures"); the last confirmation makes it the next result version. A retry changes nothing;
   * a signature can only come with the confirmation itself, once per inspector.
   */
  async confirm(user: Principal, resultId: string, signature?: { image: string; signedAt: string } | null): Promise<ResultView> {
    return this.dataSource.transaction(async (m) => {
      const { a, r, teamIds } = await this.lockResult(m, user, resultId);
      const confirmations = await m.find(ResultConfirmation, { where: { resultId } });
      if (confirmations.some((c) => c.inspectorId === user.sub)) {
        // A retry: the same signature again (or none) is fine; another one is not.
        const signed = r.signatures.find((s) => s.signer === 'inspector' && s.inspectorId === user.sub);
        if (signature && signed?.signer === 'inspector' && signed.image !== signature.image) {
          throw conflict(`you signed revision ${r.revision} already (image ${signed.image}); an inspector signs a record once`);
        }
        if (signature && !signed) throw conflict(`you confirmed (or submitted) revision ${r.revision} without a signature; it cannot be signed afterwards`);
        return toResultView(r, a.resultId, confirmations, teamIds);
      }
      if (r.status !== 'pending') throw conflict(`revision ${r.revision} is ${r.status} and can no longer be confirmed`);

      const now = this.clock.now();
      if (signature) {
        const uploaded = await uploadedFiles(m, a.id, [signature.image]);
        const checked = checkConfirmationSignature({
          signature, confirmer: user.sub, recordHash: r.recordHash, signatures: r.signatures, file: uploaded.get(signature.image),
          latestSignedAt: new Date(now.getTime() + CLOCK_SKEW_MS),
        });
        if (!checked.signature) throw invalid(`the signature does not fit the record: ${checked.problems.join('; ')}`, { problems: checked.problems });
        // Appended in the database, in this transaction (the assignment is locked): the revision's other columns stay as they are.
        await m.query(`UPDATE ${m.getRepository(InspectionResult).metadata.tablePath} SET signatures = signatures || $2::jsonb WHERE id = $1`, [r.id, JSON.stringify([checked.signature])]);
        r.signatures = [...r.signatures, checked.signature];
      }
      const mine = m.create(ResultConfirmation, { resultId, inspectorId: user.sub, confirmedAt: now });
      await m.insert(ResultConfirmation, mine);
      confirmations.push(mine);
      const confirmed = new Set(confirmations.map((c) => c.inspectorId));
      if (teamIds.every((id) => confirmed.has(id))) {
        const [{ max }] = (await m.query(`SELECT coalesce(max(version), 0)::int AS max FROM ${m.getRepository(InspectionResult).metadata.tablePath} WHERE assignment_id = $1`, [a.id])) as { max: number }[];
        r.version = max + 1;
        r.status = 'confirmed';
        r.confirmedAt = now;
        // A follow-up (整改复查) is no new spot check: it updates the original result's notice.
        const envelope =
          a.kind === 'follow-up'
            ? await this.outbox.enqueue(m, RectificationRecorded, await this.rectificationPayload(m, a, r), now)
            : await this.outbox.enqueue(m, ResultRecorded, recordedPayload(a, r), now);
        r.recordedEventId = envelope.id;
        await m.save(r);
        a.status = 'confirmed';
        a.currentResultId = r.id;
        await m.save(a);
      }
      return toResultView(r, a.resultId, confirmations, teamIds);
    });
  }

  /** An inspector of the team disputes (or the submitter withdraws) a pending revision, with a reason. */
  async dispute(user: Principal, resultId: string, reason: string): Promise<ResultView> {
    return this.dataSource.transaction(async (m) => {
      const { a, r, teamIds } = await this.lockResult(m, user, resultId);
      const confirmations = await m.find(ResultConfirmation, { where: { resultId } });
      if (r.status === 'disputed' && r.disputedBy === user.sub) return toResultView(r, a.resultId, confirmations, teamIds); // a retry
      if (r.status !== 'pending') throw conflict(`revision ${r.revision} is ${r.status} and can no longer be disputed`);
      if (r.submittedBy !== user.sub && confirmations.some((c) => c.inspectorId === user.sub)) {
        throw conflict('you have already confirmed this revision');
      }
      r.status = 'disputed';
      r.disputedBy = user.sub;
      r.disputeReason = reason.trim();
      r.disputedAt = this.clock.now();
      await m.save(r);
      if (a.status === 'submitted') {
        a.status = statusAfterDispute(a.overdueAt !== null);
        await m.save(a);
      }
      return toResultView(r, a.resultId, confirmations, teamIds);
    });
  }

  async get(user: Principal, resultId: string): Promise<ResultView> {
    const r = await this.dataSource.getRepository(InspectionResult).findOneBy({ id: resultId });
    if (!r) throw notFound(`result ${resultId} does not exist`);
    const { assignment, team } = await this.access.readable(user, r.assignmentId);
    const confirmations = await this.dataSource.getRepository(ResultConfirmation).findBy({ resultId });
    return toResultView(r, assignment.resultId, confirmations, team.map((t) => t.inspectorId));
  }

  private async rectificationPayload(m: EntityManager, a: Assignment, r: InspectionResult): Promise<RectificationRecordedPayload> {
    const origin = await m.findOneByOrFail(Assignment, { id: a.followUpOfAssignmentId! });
    return {
      resultId: origin.resultId,
      assignmentId: origin.id,
      ofResultId: a.followUpOfResultId!,
      followUpAssignmentId: a.id,
      followUpResultId: a.resultId,
      followUpVersion: r.version!,
      rectification: r.rectification!,
      rectificationDeadline: a.rectificationDeadline!,
      inspectionDate: r.inspectionDate,
      departments: a.departments,
      confirmedAt: r.confirmedAt!.toISOString(),
      ...(r.correctionReason ? { correctionReason: r.correctionReason } : {}),
    };
  }

  private async lockResult(m: EntityManager, user: Principal, resultId: string) {
    const head = await m.findOneBy(InspectionResult, { id: resultId });
    if (!head) throw notFound(`result ${resultId} does not exist`);
    const { assignment: a, team } = await this.access.lockForTeam(m, user, head.assignmentId);
    const r = await m.findOneByOrFail(InspectionResult, { id: resultId }); // as of the lock
    return { a, r, teamIds: team.map((t) => t.inspectorId) };
  }
}

/** This inspection's uploaded files among `hashes`, with what a signature check needs of them. */
async function uploadedFiles(m: EntityManager, assignmentId: string, hashes: string[]): Promise<Map<string, UploadedFile>> {
  const wanted = [...new Set(hashes)];
  if (!wanted.length) return new Map();
  const rows = await m.find(Evidence, { where: { assignmentId, sha256: In(wanted) } });
  return new Map(rows.map((e) => [e.sha256, { purpose: e.purpose, recordHash: e.recordHash, uploadedBy: e.uploadedBy }] as const));
}

/** What publication needs for the spot-check result notice, and the portal for its statistics. */
export function recordedPayload(a: Assignment, r: InspectionResult): ResultRecordedPayload {
  return {
    resultId: a.resultId,
    assignmentId: a.id,
    resultVersion: r.version!,
    kind: a.kind as ResultRecordedPayload['kind'], // follow-ups send RectificationRecorded instead
    ...(a.taskId ? { taskId: a.taskId } : {}),
    ...(a.drawId ? { drawId: a.drawId } : {}),
    taskName: a.taskName,
    ...(a.taskNumber ? { taskNumber: a.taskNumber } : {}),
    items: a.items,
    targetName: a.targetName,
    ...(a.targetCode ? { targetCode: a.targetCode } : {}),
    targetKind: a.targetKind,
    inspectionDate: r.inspectionDate,
    outcome: r.outcome,
    findingsSummary: r.summary,
    departments: a.departments,
    channel: r.channel,
    confirmedAt: r.confirmedAt!.toISOString(),
    ...(r.correctionReason ? { correctionReason: r.correctionReason } : {}),
    ...(r.rectificationDeadline ? { rectificationDeadline: r.rectificationDeadline } : {}),
  };
}
