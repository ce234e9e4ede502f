import { DrawRuleError, throwIfProblems } from './draw-error.js';
import { isIsoDate, isPlainText } from './text-checks.js';

/** Credit-risk strata, A (low risk) to D (high risk), always processed in this order. */
export const STRATA = ['A', 'B', 'C', 'D'] as const;
export type Stratum = (typeof STRATA)[number];

/** Version tag of the algorithm described in docs/draw-algorithm.md; part of every announcement. */
export const DRAW_ALGORITHM_VERSION = 'spotcheck-draw-v1';

/** How targets are picked inside a stratum; inspectors are always assigned with the SHA-256 stream. */
export type TargetSelectionAlgorithm = 'spotcheck-sha256-v1' | 'rfc3797';

/** Sample size of a stratum: an explicit count, or a ratio of the stratum (rounded up). */
export type StratumSampling = { count: number } | { ratio: number };

/** The published rules of one draw. Fixed at announcement; JSON-serialisable. */
export interface DrawRules {
  algorithm: TargetSelectionAlgorithm;
  /** Sampling for every stratum A–D: no stratum is exempt (国市监信发〔2022〕6号). */
  strata: Record<Stratum, StratumSampling>;
  /** Inspectors per target, at least 2 (行政处罚法 Art. 42). */
  inspectorsPerTarget: number;
  /** Participating departments; with two or more it is a joint task and each team includes one of each. */
  departments: string[];
  /** Categories of the task's items; an inspector must be certified for at least one of them. */
  itemCategories: string[];
  /** Days during which the inspection takes place (`to` is the due date), ISO YYYY-MM-DD, inclusive. */
  inspectionWindow: { from: string; to: string };
  /** Maximum assignments an inspector may hold (current load included); null for no cap. */
  maxAssignmentsPerInspector: number | null;
  /**
   * Informational: targets inspected within this many days were left out of the population by the
   * caller. Published so the public knows why a target was not eligible; not used by the algorithm.
   */
  excludeInspectedWithinDays?: number | null;
  /**
   * Informational, like excludeInspectedWithinDays (无事不扰): targets inspected at least
   * `excludeInspectedAtLeast` times, across departments, in `window` (the 12 months up to the
   * announcement date) were left out of the population by the caller before it was frozen;
   * `excludedTargets` of them. Not used by the algorithm.
   */
  inspectionBurden?: InspectionBurdenRule | null;
}

/** The 无事不扰 exclusion as announced (docs/draw-algorithm.md §1). */
export interface InspectionBurdenRule {
  excludeInspectedAtLeast: number;
  window: { from: string; to: string };
  excludedTargets: number;
}

const ALGORITHMS: readonly string[] = ['spotcheck-sha256-v1', 'rfc3797'];
const RULE_KEYS = new Set([
  'algorithm',
  'strata',
  'inspectorsPerTarget',
  'departments',
  'itemCategories',
  'inspectionWindow',
  'maxAssignmentsPerInspector',
  'excludeInspectedWithinDays',
  'inspectionBurden',
]);
/** Ratios are exact decimals with at most this many places (see sampleSize). */
const RATIO_SCALE = 1_000_000;

/**
 * Every problem with `rules` (an unknown value, e.g. parsed JSON); empty when the rules are valid.
 * Messages name the offending field, e.g. `strata.B.ratio must be in (0, 1]`.
 */
export function validateDrawRules(rules: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(rules)) return ['rules must be an object'];
  for (const key of Object.keys(rules)) if (!RULE_KEYS.has(key)) problems.push(`unknown rule '${key}'`);

  if (typeof rules.algorithm !== 'string' || !ALGORITHMS.includes(rules.algorithm)) {
    problems.push(`algorithm must be one of ${ALGORITHMS.join(', ')}`);
  }
  validateStrata(rules.strata, problems);

  const perTarget = rules.inspectorsPerTarget;
  if (!Number.isInteger(perTarget) || (perTarget as number) < 2 || (perTarget as number) > 20) {
    problems.push('inspectorsPerTarget must be an integer from 2 to 20 (at least two inspectors per target)');
  }
  const departments = validateStringList(rules.departments, 'departments', problems);
  if (departments && Number.isInteger(perTarget) && departments.length > (perTarget as number)) {
    problems.push(
      `inspectorsPerTarget (${String(perTarget)}) must be at least the number of departments (${departments.length})`,
    );
  }
  validateStringList(rules.itemCategories, 'itemCategories', problems);

  const window = rules.inspectionWindow;
  if (!isRecord(window) || !isIsoDate(window.from) || !isIsoDate(window.to)) {
    problems.push('inspectionWindow must be { from, to } with ISO dates YYYY-MM-DD');
  } else if (window.from > window.to) {
    problems.push('inspectionWindow.from must not be after inspectionWindow.to');
  }

  const cap = rules.maxAssignmentsPerInspector;
  if (cap !== null && (!Number.isInteger(cap) || (cap as number) < 1)) {
    problems.push('maxAssignmentsPerInspector must be a positive integer or null');
  }
  const exclude = rules.excludeInspectedWithinDays;
  if (exclude !== undefined && exclude !== null && (!Number.isInteger(exclude) || (exclude as number) < 0)) {
    problems.push('excludeInspectedWithinDays must be a non-negative integer or null');
  }
  if (rules.inspectionBurden !== undefined && rules.inspectionBurden !== null) validateInspectionBurden(rules.inspectionBurden, problems);
  return problems;
}

/** Throws DrawRuleError('invalid-rules') listing every problem, so callers can narrow the type. */
export function assertValidDrawRules(rules: unknown): asserts rules is DrawRules {
  throwIfProblems('invalid-rules', 'invalid draw rules', validateDrawRules(rules));
}

/**
 * Number of targets to draw from a stratum of `stratumSize`.
 * A count is used as is and must not exceed the stratum; a ratio r gives ceil(r × size), computed
 * exactly on r as a decimal with at most 6 places (so 0.07 × 100 is 7, although 0.07 * 100 in
 * floating point is 7.000000000000001).
 * A ratio therefore gives at least 1 whenever the stratum is non-empty.
 */
export function sampleSize(stratum: Stratum, sampling: StratumSampling, stratumSize: number): number {
  if ('count' in sampling) {
    if (sampling.count > stratumSize) {
      throw new DrawRuleError(
        'stratum-too-small',
        `stratum ${stratum} has ${stratumSize} targets but the rules ask for ${sampling.count}`,
      );
    }
    return sampling.count;
  }
  const scaled = Math.round(sampling.ratio * RATIO_SCALE) * stratumSize;
  const remainder = scaled % RATIO_SCALE;
  return (scaled - remainder) / RATIO_SCALE + (remainder > 0 ? 1 : 0);
}

function validateInspectionBurden(rule: unknown, problems: string[]): void {
  const shape = 'inspectionBurden must be null or { excludeInspectedAtLeast, window: { from, to }, excludedTargets }';
  if (!isRecord(rule)) {
    problems.push(shape);
    return;
  }
  for (const key of Object.keys(rule)) {
    if (!['excludeInspectedAtLeast', 'window', 'excludedTargets'].includes(key)) problems.push(`inspectionBurden: unknown field '${key}'`);
  }
  if (!Number.isInteger(rule.excludeInspectedAtLeast) || (rule.excludeInspectedAtLeast as number) < 1) {
    problems.push('inspectionBurden.excludeInspectedAtLeast must be a positive integer');
  }
  if (!Number.isInteger(rule.excludedTargets) || (rule.excludedTargets as number) < 0) {
    problems.push('inspectionBurden.excludedTargets must be a non-negative integer');
  }
  const window = rule.window;
  if (!isRecord(window) || !isIsoDate(window.from) || !isIsoDate(window.to) || Object.keys(window).length !== 2) {
    problems.push('inspectionBurden.window must be { from, to } with ISO dates YYYY-MM-DD');
  } else if (window.from > window.to) {
    problems.push('inspectionBurden.window.from must not be after inspectionBurden.window.to');
  }
}

function validateStrata(strata: unknown, problems: string[]): void {
  if (!isRecord(strata)) {
    problems.push('strata must be an object with an entry for each of A, B, C, D');
    return;
  }
  for (const key of Object.keys(strata)) {
    if (!(STRATA as readonly string[]).includes(key)) problems.push(`strata.${key}: unknown stratum`);
  }
  for (const stratum of STRATA) {
    const sampling = strata[stratum];
    const where = `strata.${stratum}`;
    if (!isRecord(sampling)) {
      problems.push(`${where} is missing: every stratum keeps a non-zero sample (no target is exempt)`);
      continue;
    }
    const keys = Object.keys(sampling);
    if (keys.length !== 1 || (keys[0] !== 'count' && keys[0] !== 'ratio')) {
      problems.push(`${where} must be exactly one of { count } or { ratio }`);
    } else if (keys[0] === 'count') {
      if (!Number.isInteger(sampling.count) || (sampling.count as number) < 1) {
        problems.push(`${where}.count must be a positive integer`);
      }
    } else {
      const ratio = sampling.ratio;
      if (typeof ratio !== 'number' || !(ratio > 0 && ratio <= 1)) {
        problems.push(`${where}.ratio must be in (0, 1], got ${String(ratio)}`);
      } else if (Math.round(ratio * RATIO_SCALE) / RATIO_SCALE !== ratio) {
        problems.push(`${where}.ratio must have at most 6 decimal places, got ${ratio}`);
      }
    }
  }
}

function validateStringList(value: unknown, name: string, problems: string[]): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${name} must be a non-empty list`);
    return undefined;
  }
  if (!value.every((item) => isPlainText(item, 100))) {
    problems.push(`${name} entries must be non-empty strings of at most 100 characters without control characters`);
    return undefined;
  }
  if (new Set(value).size !== value.length) problems.push(`${name} must not contain duplicates`);
  return value as string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
