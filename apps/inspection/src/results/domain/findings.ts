import { invalid } from '#domain';
import type { ResultOutcome } from '#contracts';
import { isCalendarDate } from '../../common/china-time.js';

/** One check point of an item's 检查内容 list, as the inspector recorded it. */
export interface CheckPointFinding {
  /** Position in the item's published check-point list, when the client knows it (0-based). */
  index?: number;
  /** The check point as shown to the inspector. */
  label: string;
  compliant: boolean;
  /** The provision breached (required when not compliant). */
  legalProvision?: string;
  description?: string;
  /** YYYY-MM-DD; the date by which the target must put it right. */
  rectificationDeadline?: string;
}

export interface ItemFinding {
  itemCode: string;
  checkPoints: CheckPointFinding[];
  note?: string;
}

export interface ItemLike {
  code: string;
  name: string;
}

/** Outcomes that mean the inspection took place: every item must then have its findings. */
const INSPECTED: readonly ResultOutcome[] = ['未发现问题', '发现问题已责令改正', '发现问题待后续处理'];
const PROBLEMS_FOUND: readonly ResultOutcome[] = ['发现问题已责令改正', '发现问题待后续处理'];

/**
 * Checks a result's findings against the inspection's items and its outcome. Throws an `invalid`
 * DomainError listing every problem, so the inspector can fix them all at once.
 */
export function assertFindingsConsistent(input: { outcome: ResultOutcome; items: ItemLike[]; findings: ItemFinding[]; inspectionDate: string }): void {
  const { outcome, items, findings, inspectionDate } = input;
  const problems: string[] = [];
  const known = new Set(items.map((i) => i.code));
  const seen = new Set<string>();
  let nonCompliant = 0;

  findings.forEach((f, i) => {
    const at = `findings[${i}]`;
    if (!known.has(f.itemCode)) {
      problems.push(`${at}.itemCode '${f.itemCode}' is not an item of this inspection (its items: ${[...known].join(', ')})`);
    }
    if (seen.has(f.itemCode)) problems.push(`${at}.itemCode '${f.itemCode}' appears more than once`);
    seen.add(f.itemCode);
    const labels = new Set<string>();
    const indexes = new Set<number>();
    f.checkPoints.forEach((p, j) => {
      const pat = `${at}.checkPoints[${j}]`;
      if (labels.has(p.label)) problems.push(`${pat}.label '${p.label}' appears more than once in this item`);
      labels.add(p.label);
      if (p.index !== undefined) {
        if (indexes.has(p.index)) problems.push(`${pat}.index ${p.index} appears more than once in this item`);
        indexes.add(p.index);
      }
      if (!p.compliant) {
        nonCompliant++;
        if (!p.description?.trim()) problems.push(`${pat}: a non-compliant check point needs a description of what was found`);
        if (!p.legalProvision?.trim()) problems.push(`${pat}: a non-compliant check point needs the legal provision breached`);
        if (outcome === '发现问题已责令改正' && !p.rectificationDeadline) {
          problems.push(`${pat}: outcome 发现问题已责令改正 needs a rectificationDeadline for each non-compliant check point`);
        }
      }
      if (p.rectificationDeadline && !isCalendarDate(p.rectificationDeadline)) {
        problems.push(`${pat}.rectificationDeadline ${p.rectificationDeadline} is not a calendar date`);
      } else if (p.rectificationDeadline && p.rectificationDeadline < inspectionDate) {
        problems.push(`${pat}.rectificationDeadline ${p.rectificationDeadline} is before the inspection date ${inspectionDate}`);
      }
    });
  });

  if (INSPECTED.includes(outcome)) {
    const missing = items.filter((i) => !seen.has(i.code)).map((i) => i.code);
    if (missing.length) problems.push(`outcome ${outcome} needs findings for every item; missing: ${missing.join(', ')}`);
    findings.forEach((f, i) => {
      if (!f.checkPoints.length) problems.push(`findings[${i}] (${f.itemCode}) has no check points`);
    });
  }
  if (outcome === '未发现问题' && nonCompliant > 0) problems.push(`outcome 未发现问题 contradicts ${nonCompliant} non-compliant check point(s)`);
  if (PROBLEMS_FOUND.includes(outcome) && nonCompliant === 0) problems.push(`outcome ${outcome} needs at least one non-compliant check point`);

  if (problems.length) throw invalid(`the result is inconsistent: ${problems.join('; ')}`, { problems });
}

const MAX_SUMMARY = 2000;

/**
 * The findings in one paragraph, for the spot-check result notice (publication redacts it before
 * anything is public). Item by item: compliant, or what was wrong and by when it must be put right.
 */
export function summarizeFindings(outcome: ResultOutcome, items: ItemLike[], findings: ItemFinding[]): string {
  const names = new Map(items.map((i) => [i.code, i.name]));
  const parts = findings.map((f) => {
    const name = names.get(f.itemCode) ?? f.itemCode;
    const bad = f.checkPoints.filter((p) => !p.compliant);
    if (!bad.length) return `${name}：${f.checkPoints.length}个检查点均符合要求`;
    const details = bad.map((p) => `${p.label}不符合要求（${p.description}${p.rectificationDeadline ? `，限${p.rectificationDeadline}前整改` : ''}）`);
    return `${name}：${details.join('；')}`;
  });
  const text = [outcome, ...parts].join('。') + '。';
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}
