import { throwIfProblems } from './draw-error.js';
import type { Stratum } from './draw-rules.js';
import { isDrawId, isIsoDate, isPlainText } from './text-checks.js';
import { sortById } from './sort-by-id.js';

/** A target as the caller supplies it (e.g. a row from the target directory). */
export interface TargetEntry {
  id: string;
  /** Credit-risk class A–D. */
  stratum: Stratum;
  /** 统一社会信用代码, matched against inspectors' declared conflicts. */
  creditCode?: string | null;
  /** Informational only: not used by the algorithm and not copied into the bundle. */
  department?: string | null;
}

/** An inclusive leave period, ISO dates. */
export interface LeavePeriod {
  from: string;
  to: string;
}

/** A declared conflict of interest (回避): with one target, or with every target of a credit code. */
export interface ConflictDeclaration {
  targetId?: string | null;
  creditCode?: string | null;
  /** Free text, e.g. 近亲属任职; published as the reason of the skip. */
  relation: string;
}

/** An inspector as the caller supplies it (from the inspector directory). */
export interface InspectorEntry {
  id: string;
  department: string;
  certifiedCategories: string[];
  leave: LeavePeriod[];
  conflicts: ConflictDeclaration[];
  /** Assignments the inspector already holds before this draw (counts towards the workload cap). */
  currentLoad: number;
}

/** A target as it appears in the bundle: only what the draw uses. */
export interface CanonicalTarget {
  id: string;
  stratum: Stratum;
  creditCode?: string;
}

/** A declared conflict in canonical form (absent keys omitted). */
export interface CanonicalConflict {
  targetId?: string;
  creditCode?: string;
  relation: string;
}

/** An inspector as it appears in the bundle: lists sorted, so the records hash is canonical. */
export interface CanonicalInspector {
  id: string;
  department: string;
  certifiedCategories: string[];
  leave: LeavePeriod[];
  conflicts: CanonicalConflict[];
  currentLoad: number;
}

/**
 * An inspector as a version-2 bundle publishes it: only what the assignment reads besides the
 * exclusions. `certifiedCategories` are those of the task's item categories the inspector holds
 * (rule 1 reads nothing else), sorted; leave and declared conflicts are not published.
 */
export interface PublicInspector {
  id: string;
  department: string;
  certifiedCategories: string[];
  currentLoad: number;
}

/** Both populations in canonical order: ids ascending by UTF-16 code unit (= byte order for ids). */
export interface DrawPopulations {
  targets: CanonicalTarget[];
  inspectors: CanonicalInspector[];
}

const MAX_REPORTED = 50;

/**
 * Validates the targets and returns them in canonical form and order (ascending id).
 * Input already sorted (e.g. `ORDER BY id COLLATE "C"`) is only checked, not re-sorted: sorting a
 * million strings costs about a second. Throws DrawRuleError('invalid-population').
 */
export function canonicalTargets(entries: readonly TargetEntry[]): CanonicalTarget[] {
  const problems: string[] = [];
  for (let i = 0; i < entries.length && problems.length < MAX_REPORTED; i++) {
    const entry = entries[i];
    if (!isObject(entry) || !isDrawId(entry.id)) {
      problems.push(`targets[${i}].id must match [A-Za-z0-9._:-]{1,128}`);
      continue;
    }
    const { id, stratum, creditCode } = entry;
    if (stratum !== 'A' && stratum !== 'B' && stratum !== 'C' && stratum !== 'D') {
      problems.push(`target ${id}: stratum must be one of A, B, C, D`);
    }
    if (creditCode !== undefined && creditCode !== null && !isDrawId(creditCode)) {
      problems.push(`target ${id}: creditCode must match [A-Za-z0-9._:-]{1,128}`);
    }
  }
  throwIfProblems('invalid-population', 'invalid target population', problems);
  const sorted = isSortedById(entries) ? entries : sortById(entries);
  throwIfProblems('invalid-population', 'invalid target population', duplicateIds(sorted, 'target'));
  // Copied after sorting so the copies lie in memory in canonical order, which the hashing and
  // the draw then walk: about twice as fast on a million rows as copying in input order.
  const out: CanonicalTarget[] = new Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const { id, stratum, creditCode } = sorted[i];
    out[i] = creditCode ? { id, stratum, creditCode } : { id, stratum };
  }
  return out;
}

/** Validates the inspectors and returns them in canonical form and order. Throws DrawRuleError. */
export function canonicalInspectors(
  entries: readonly InspectorEntry[],
  departments: readonly string[],
): CanonicalInspector[] {
  const problems: string[] = [];
  const out = entries.map((entry, i) => canonicalInspector(entry, i, departments, problems));
  throwIfProblems('invalid-population', 'invalid inspector population', problems);
  const sorted = isSortedById(out) ? out : sortById(out);
  throwIfProblems('invalid-population', 'invalid inspector population', duplicateIds(sorted, 'inspector'));
  return sorted;
}

/** The public form of a canonical inspector for a draw with `itemCategories`. */
export function publicInspector(inspector: CanonicalInspector, itemCategories: readonly string[]): PublicInspector {
  return {
    id: inspector.id,
    department: inspector.department,
    certifiedCategories: inspector.certifiedCategories.filter((category) => itemCategories.includes(category)),
    currentLoad: inspector.currentLoad,
  };
}

/**
 * Validates published (version-2) inspectors: the form publicInspector gives, in canonical order.
 * Returns every problem (empty when valid); never throws.
 */
export function checkPublicInspectors(entries: readonly unknown[], rules: { departments: readonly string[]; itemCategories: readonly string[] }): string[] {
  const problems: string[] = [];
  let previous = '';
  for (let i = 0; i < entries.length && problems.length < MAX_REPORTED; i++) {
    const entry = entries[i];
    if (!isObject(entry) || !isDrawId(entry.id)) {
      problems.push(`populations.inspectors[${i}].id must match [A-Za-z0-9._:-]{1,128}`);
      continue;
    }
    const where = `inspector ${entry.id}`;
    if (i > 0 && !(previous < entry.id)) problems.push(`populations.inspectors is not in canonical order (sorted by id, no duplicates) at index ${i}`);
    previous = entry.id;
    const keys = Object.keys(entry).sort().join(',');
    if (keys !== 'certifiedCategories,currentLoad,department,id') problems.push(`${where}: has the keys ${keys}, expected id, department, certifiedCategories, currentLoad`);
    if (!isPlainText(entry.department, 100) || !rules.departments.includes(entry.department)) {
      problems.push(`${where}: department ${JSON.stringify(entry.department)} does not take part in this task`);
    }
    const categories: unknown = entry.certifiedCategories;
    if (
      !Array.isArray(categories) ||
      !categories.every((c, k) => typeof c === 'string' && rules.itemCategories.includes(c) && (k === 0 || categories[k - 1] < c))
    ) {
      problems.push(`${where}: certifiedCategories must be the task's item categories the inspector holds, sorted, without repeats`);
    }
    if (!Number.isInteger(entry.currentLoad) || entry.currentLoad < 0) problems.push(`${where}: currentLoad must be a non-negative integer`);
  }
  return problems;
}

/** UTF-16 code unit comparison, the canonical order of every sorted list in the draw. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalInspector(
  entry: InspectorEntry,
  index: number,
  departments: readonly string[],
  problems: string[],
): CanonicalInspector {
  const where = isObject(entry) && isDrawId(entry.id) ? `inspector ${entry.id}` : `inspectors[${index}]`;
  const fail = (message: string) => problems.push(`${where}: ${message}`);
  if (!isObject(entry)) {
    fail('must be an object');
    return { id: '', department: '', certifiedCategories: [], leave: [], conflicts: [], currentLoad: 0 };
  }
  if (!isDrawId(entry.id)) fail('id must match [A-Za-z0-9._:-]{1,128}');
  if (!isPlainText(entry.department, 100)) fail('department must be a non-empty string');
  else if (!departments.includes(entry.department)) {
    // The population is the eligible pool: an inspector of a department outside the task is a
    // mistake in building it, not something to skip silently.
    fail(`department '${entry.department}' does not take part in this task`);
  }
  const categories = Array.isArray(entry.certifiedCategories) ? entry.certifiedCategories : [];
  if (!Array.isArray(entry.certifiedCategories) || !categories.every((c) => isPlainText(c, 100))) {
    fail('certifiedCategories must be a list of non-empty strings');
  }
  const leave = Array.isArray(entry.leave) ? entry.leave : [];
  if (!Array.isArray(entry.leave)) fail('leave must be a list');
  for (const period of leave) {
    if (!isObject(period) || !isIsoDate(period.from) || !isIsoDate(period.to) || period.from > period.to) {
      fail('each leave period must be { from, to } with ISO dates and from <= to');
    }
  }
  const conflicts = Array.isArray(entry.conflicts) ? entry.conflicts : [];
  if (!Array.isArray(entry.conflicts)) fail('conflicts must be a list');
  const canonicalConflicts: CanonicalConflict[] = [];
  for (const conflict of conflicts) {
    if (!isObject(conflict)) {
      fail('each conflict must be an object');
      continue;
    }
    const { targetId, creditCode, relation } = conflict;
    const hasTarget = targetId !== undefined && targetId !== null;
    const hasCode = creditCode !== undefined && creditCode !== null;
    if (!hasTarget && !hasCode) fail('each conflict must name a targetId or a creditCode');
    if (hasTarget && !isDrawId(targetId)) fail('conflict targetId must match [A-Za-z0-9._:-]{1,128}');
    if (hasCode && !isDrawId(creditCode)) fail('conflict creditCode must match [A-Za-z0-9._:-]{1,128}');
    if (!isPlainText(relation, 200)) fail('conflict relation must be a non-empty string of at most 200 characters');
    // Key order targetId, creditCode, relation; absent keys omitted (the bundle stays minimal).
    canonicalConflicts.push({
      ...(hasTarget ? { targetId: targetId as string } : {}),
      ...(hasCode ? { creditCode: creditCode as string } : {}),
      relation: relation as string,
    });
  }
  if (!Number.isInteger(entry.currentLoad) || entry.currentLoad < 0) fail('currentLoad must be a non-negative integer');

  return {
    id: entry.id,
    department: entry.department,
    certifiedCategories: [...categories].sort(compareCodeUnits),
    leave: leave
      .map((p) => ({ from: p.from, to: p.to }))
      .sort((a, b) => compareCodeUnits(a.from, b.from) || compareCodeUnits(a.to, b.to)),
    conflicts: canonicalConflicts.sort(
      (a, b) =>
        compareCodeUnits(a.targetId ?? '', b.targetId ?? '') ||
        compareCodeUnits(a.creditCode ?? '', b.creditCode ?? '') ||
        compareCodeUnits(a.relation, b.relation),
    ),
    currentLoad: entry.currentLoad,
  };
}

/** An O(n) check that lets input already in order (ORDER BY id COLLATE "C") skip the sort. */
function isSortedById(list: readonly { id: string }[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1].id > list[i].id) return false;
  return true;
}

function duplicateIds(sorted: readonly { id: string }[], kind: string): string[] {
  const problems: string[] = [];
  for (let i = 1; i < sorted.length && problems.length < MAX_REPORTED; i++) {
    if (sorted[i].id === sorted[i - 1].id) problems.push(`duplicate ${kind} id ${sorted[i].id}`);
  }
  return problems;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
