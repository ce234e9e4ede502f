/**
 * From a visit draft to the result submission (POST /assignments/{id}/results), the record the
 * signatures bind to, and every problem that blocks submitting, listed at once. Pure.
 */
import { recordForSigning, type SignableResult } from '../../../../../libs/domain/src/signing/record-for-signing';
import type { Assignment, AssignedItem, CheckPointFinding, ItemFinding, SignatureEntry } from '../api/types';
import { INSPECTED_OUTCOMES, PROBLEM_OUTCOMES, RECTIFICATION_OUTCOME_OF, type ResultOutcome } from '../outcomes';
import { chinaDate, daysBetween } from '../time';
import { pointKey, type Draft } from './draft';

export { recordForSigning };

/** The 检查内容 of an item; when the service does not know them, the item itself is the one point. */
export function checkPointsOf(item: AssignedItem): string[] {
  return item.checkPoints?.length ? item.checkPoints : [item.name];
}

/** How many points have an answer, of how many. */
export function answeredCount(draft: Draft, items: AssignedItem[]): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const item of items) {
    checkPointsOf(item).forEach((_, i) => {
      total++;
      if (draft.answers[pointKey(item.code, i)]?.answer) done++;
    });
  }
  return { done, total };
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

/** The findings per item: compliant and non-compliant points; 不涉及 points are named in the item's note. */
export function findingsOf(draft: Draft, items: AssignedItem[], outcome: ResultOutcome | ''): ItemFinding[] {
  if (!outcome || !INSPECTED_OUTCOMES.includes(outcome)) return [];
  return items.map((item) => {
    const points: CheckPointFinding[] = [];
    const notApplicable: string[] = [];
    checkPointsOf(item).forEach((label, index) => {
      const a = draft.answers[pointKey(item.code, index)];
      if (a?.answer === 'na') notApplicable.push(label);
      if (a?.answer !== 'yes' && a?.answer !== 'no') return;
      const point: CheckPointFinding = { index, label, compliant: a.answer === 'yes' };
      if (a.answer === 'no') {
        if (trimmed(a.legalProvision)) point.legalProvision = trimmed(a.legalProvision);
        if (trimmed(a.description)) point.description = trimmed(a.description);
        if (a.rectificationDeadline && PROBLEM_OUTCOMES.includes(outcome)) point.rectificationDeadline = a.rectificationDeadline;
      }
      points.push(point);
    });
    const finding: ItemFinding = { itemCode: item.code, checkPoints: points };
    if (notApplicable.length) finding.note = `不涉及：${notApplicable.join('；')}`;
    return finding;
  });
}

/** The record the signatures sign (libs/domain's SignableResult), from the draft and its photos' hashes. */
export function signableOf(draft: Draft, assignment: Assignment, photoHashes: string[]): SignableResult {
  const outcome = draft.outcome;
  const record: SignableResult = {
    assignmentId: assignment.id,
    outcome,
    findings: findingsOf(draft, assignment.items, outcome),
    inspectedAt: draft.inspectedAt ?? '',
    place: trimmed(draft.place),
    location: draft.fix ? { latitude: draft.fix.latitude, longitude: draft.fix.longitude, accuracyMeters: Math.round(draft.fix.accuracyMeters * 10) / 10 } : null,
    evidence: photoHashes,
    summary: trimmed(draft.summary) || null,
    rectification: assignment.kind === 'follow-up' ? draft.rectification || null : null,
    followUpBy: assignment.kind !== 'follow-up' && outcome === '发现问题待后续处理' && draft.followUpBy ? draft.followUpBy : null,
  };
  return record;
}

/** The body of POST /assignments/{id}/results: the signed record, the channel, the hash and the signatures. */
export function submissionOf(record: SignableResult, recordHash: string, draft: Draft): Record<string, unknown> {
  // Only the submitter's own: a teammate signs the record when confirming it, on their own phone.
  const signatures: SignatureEntry[] = draft.inspectorSignatures.filter((s) => s.inspectorId === draft.inspectorId).map((s) => ({ signer: 'inspector', inspectorId: s.inspectorId, image: s.sha256, signedAt: s.signedAt, recordHash: s.recordHash }));
  const party = draft.party;
  if (party?.mode === 'signed') signatures.push({ signer: 'party', name: party.name.trim(), image: party.sha256, signedAt: party.signedAt, recordHash: party.recordHash });
  if (party?.mode === 'refused') {
    signatures.push({ signer: 'party', refused: true, refusalReason: party.refusalReason.trim(), witness: { name: party.witnessName.trim(), role: party.witnessRole.trim() }, signedAt: party.signedAt, recordHash: party.recordHash });
  }
  const body: Record<string, unknown> = {
    outcome: record.outcome,
    findings: record.findings,
    inspectedAt: record.inspectedAt,
    place: record.place,
    channel: 'mobile',
    evidence: [...new Set(record.evidence ?? [])],
    recordHash,
    signatures,
  };
  if (record.location) body.location = record.location;
  if (record.summary) body.summary = record.summary;
  if (record.rectification) body.rectification = record.rectification;
  if (record.followUpBy) body.followUpBy = record.followUpBy;
  return body;
}

/**
 * Everything that keeps the visit from being submitted, in words the inspector acts on; [] when it may
 * go. The server checks the same rules (and answers 400 listing its own problems); these let the
 * inspector fix all of them on site, offline.
 */
export function problemsOf(draft: Draft, assignment: Assignment, currentRecordHash: string): string[] {
  const problems: string[] = [];
  const outcome = draft.outcome;
  const inspectionDate = draft.startedAt !== null ? chinaDate(draft.startedAt) : null;
  if (!draft.inspectedAt || !inspectionDate) problems.push('尚未开始检查：请点“开始检查”记录时间和位置');
  if (!trimmed(draft.place)) problems.push('请填写检查地点');
  if (!outcome) problems.push('请选择检查结论');
  const followUp = assignment.kind === 'follow-up';
  if (followUp) {
    if (!draft.rectification) problems.push('请选择整改复查结论（整改到位或逾期未整改）');
    else if (outcome && RECTIFICATION_OUTCOME_OF[draft.rectification] !== outcome) problems.push(`整改复查结论“${draft.rectification}”须对应检查结论“${RECTIFICATION_OUTCOME_OF[draft.rectification]}”`);
  }
  if (outcome && INSPECTED_OUTCOMES.includes(outcome)) {
    let nonCompliant = 0;
    for (const item of assignment.items) {
      const labels = checkPointsOf(item);
      const open = labels.filter((_, i) => !draft.answers[pointKey(item.code, i)]?.answer);
      if (open.length) problems.push(`“${item.name}”还有 ${open.length} 个检查点未选择：${open.join('、')}`);
      const applicable = labels.filter((_, i) => ['yes', 'no'].includes(draft.answers[pointKey(item.code, i)]?.answer ?? ''));
      if (!open.length && !applicable.length) problems.push(`“${item.name}”至少要有一个检查点为符合或不符合`);
      labels.forEach((label, i) => {
        const a = draft.answers[pointKey(item.code, i)];
        if (a?.answer !== 'no') return;
        nonCompliant++;
        if (!trimmed(a.description)) problems.push(`“${label}”不符合：请填写发现的问题`);
        if (!trimmed(a.legalProvision)) problems.push(`“${label}”不符合：请填写违反的条款`);
        if (outcome === '发现问题已责令改正' && !a.rectificationDeadline) problems.push(`“${label}”不符合：请填写整改期限`);
        if (a.rectificationDeadline && inspectionDate && a.rectificationDeadline < inspectionDate) problems.push(`“${label}”的整改期限 ${a.rectificationDeadline} 早于检查日期 ${inspectionDate}`);
      });
    }
    if (outcome === '未发现问题' && nonCompliant) problems.push(`检查结论为“未发现问题”，但有 ${nonCompliant} 个检查点不符合`);
    if (PROBLEM_OUTCOMES.includes(outcome) && !nonCompliant) problems.push(`检查结论为“${outcome}”，至少要有一个检查点不符合`);
    if (outcome === '发现问题待后续处理' && !followUp) {
      const anyDeadline = assignment.items.some((item) => checkPointsOf(item).some((_, i) => draft.answers[pointKey(item.code, i)]?.answer === 'no' && draft.answers[pointKey(item.code, i)]?.rectificationDeadline));
      if (!draft.followUpBy && !anyDeadline) problems.push('发现问题待后续处理：请填写后续处理期限，或为不符合的检查点填写整改期限');
      if (draft.followUpBy && inspectionDate) {
        const days = daysBetween(inspectionDate, draft.followUpBy);
        if (days < 0) problems.push(`后续处理期限 ${draft.followUpBy} 早于检查日期 ${inspectionDate}`);
        else if (days > 366) problems.push('后续处理期限须在检查日期后 366 天内');
      }
    }
  }
  // Signatures: the submitter's and the party's (or the refusal), all on the record as it is now.
  if (!draft.inspectorSignatures.some((s) => s.inspectorId === draft.inspectorId)) problems.push('检查人员（本人）尚未签名');
  if (!draft.party) problems.push('当事人尚未签名（拒绝签名的，请记录拒签原因和见证人）');
  else if (draft.party.mode === 'refused') {
    if (!trimmed(draft.party.refusalReason)) problems.push('请填写当事人拒签原因');
    if (!trimmed(draft.party.witnessName)) problems.push('请填写见证人姓名');
    if (!trimmed(draft.party.witnessRole)) problems.push('请填写见证人身份');
  } else if (!trimmed(draft.party.name)) problems.push('请填写当事人（签名人）姓名或单位');
  const stale = [
    ...draft.inspectorSignatures.filter((s) => s.recordHash !== currentRecordHash).map((s) => s.name),
    ...(draft.party && draft.party.recordHash !== currentRecordHash ? [draft.party.mode === 'refused' ? '当事人拒签记录' : '当事人'] : []),
  ];
  if (stale.length) problems.push(`签名后记录又有修改，请重新签名：${stale.join('、')}`);
  return problems;
}

/** The messages of a 400 as the service sends them (`details.problems`, else `message`), for the outbox. */
export function serverProblems(body: unknown): string[] {
  const b = body as { message?: unknown; details?: { problems?: unknown } } | null;
  const list = b?.details?.problems;
  if (Array.isArray(list) && list.every((p) => typeof p === 'string')) return list as string[];
  if (typeof b?.message === 'string') return [b.message];
  if (Array.isArray(b?.message)) return (b.message as unknown[]).filter((m): m is string => typeof m === 'string');
  return [];
}
