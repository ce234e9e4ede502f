import type { DrawRules } from './draw-rules.js';
import type { CanonicalInspector, PublicInspector } from './population.js';
import type { Exclusion } from './disclosure.js';

/**
 * The published skip rules of a version-1 bundle, in the fixed order they are checked. A candidate
 * is skipped for the FIRST rule it fails, and that rule is recorded.
 */
export const SKIP_RULES = [
  'uncertified', // 1. no certificate for any of the task's item categories
  'on-leave', // 2. a leave period overlaps the inspection window
  'conflict', // 3. declared conflict of interest with the target (by target id or credit code)
  'already-in-team', // 4. already in this team, or withdrawn from it by a substitution
  'department-quota', // 5. joint task: taking this department would leave another unfilled
  'workload-cap', // 6. the inspector already holds the maximum number of assignments
] as const;

/**
 * The same rules as a version-2 bundle publishes them: rule 2 is `unavailable` (an exclusion of the
 * inspector for the whole window, its reason committed), rule 3 a `conflict` exclusion of one
 * (inspector, target) pair. Same order, same decisions.
 */
export const SKIP_RULES_V2 = [
  'uncertified',
  'unavailable',
  'conflict',
  'already-in-team',
  'department-quota',
  'workload-cap',
] as const;

/** Every rule name of either version, in checking order (rule 2 has two names). */
const ALL_SKIP_RULES = ['uncertified', 'on-leave', 'unavailable', 'conflict', 'already-in-team', 'department-quota', 'workload-cap'] as const;
export type SkipRule = (typeof ALL_SKIP_RULES)[number];

/** Rule 1 passes: certified for at least one of the task's item categories. */
export function isCertifiedFor(categories: readonly string[], rules: DrawRules): boolean {
  return categories.some((category) => rules.itemCategories.includes(category));
}

/** Rule 2 fails: the leave period overlaps the inspection window (both ends inclusive). */
export function overlapsWindow(period: { from: string; to: string }, window: { from: string; to: string }): boolean {
  return period.from <= window.to && period.to >= window.from;
}

/** The skip rules a bundle of `version` publishes. */
export function skipRulesOf(version: 1 | 2): readonly SkipRule[] {
  return version === 2 ? SKIP_RULES_V2 : SKIP_RULES;
}

/** Every rule name in checking order (for messages that count skips by rule). */
export const SKIP_RULE_ORDER: readonly SkipRule[] = ALL_SKIP_RULES;

/** Reason of a version-2 `unavailable` skip: the window only, the declared reason is committed. */
export function unavailableReason(window: { from: string; to: string }): string {
  return `unavailable during the inspection window ${window.from}..${window.to} (reason committed)`;
}

/** Reason of a version-2 `conflict` skip: no relation and no credit code, the declaration is committed. */
export const CONFLICT_REASON = 'declared conflict of interest with this target (reason committed)';

/** One skipped candidate: who, for which target, which rule, and a human-readable reason. */
export interface SkipRecord {
  targetId: string;
  inspectorId: string;
  rule: SkipRule;
  reason: string;
}

interface ConflictHit {
  /** Position of the declaration in the inspector's canonical conflict list: the first one wins. */
  order: number;
  reason: string;
}

const NO_STATIC_RULE = 0;
const UNCERTIFIED = 1;
const ON_LEAVE = 2;
const UNAVAILABLE = 3;
const STATIC_RULE_NAMES: Record<number, SkipRule> = { [UNCERTIFIED]: 'uncertified', [ON_LEAVE]: 'on-leave', [UNAVAILABLE]: 'unavailable' };

/** What the team-filling loop needs to know about a target to look up conflicts. */
export interface ConflictKey {
  id: string;
  /** Version 1: conflicts declared by credit code match it. */
  creditCode?: string;
  /** Version 2: the target's leaf, which `conflict` exclusions name. */
  leaf?: string;
}

/**
 * The inspector population indexed for the skip checks: everything that does not depend on the
 * team is computed once, so checking a candidate costs a few array reads and at most two Map
 * lookups, with no string built unless the candidate is actually skipped.
 */
export class InspectorPool {
  readonly size: number;
  readonly ids: readonly string[];
  /** Index into rules.departments of each inspector's department. */
  readonly departmentOf: Int32Array;
  /** Assignments held: current load plus assignments made in this draw (mutated as teams form). */
  readonly load: Int32Array;
  private readonly staticRule: Uint8Array;
  private readonly staticReason: (string | undefined)[];
  private readonly byTargetId = new Map<string, Map<number, ConflictHit>>();
  private readonly byCreditCode = new Map<string, Map<number, ConflictHit>>();
  private idIndex?: Map<string, number>;

  /** Version 2: `conflict` exclusions by target leaf. */
  private readonly byLeaf = new Map<string, Map<number, ConflictHit>>();

  /**
   * Version 1: the pool of canonical inspectors with their leave and declared conflicts.
   * Version 2 (with `exclusions`): the public inspectors and the published exclusions; leave and
   * conflicts are not known, only which exclusion applies. Both give the same decisions.
   */
  constructor(inspectors: readonly CanonicalInspector[], rules: DrawRules);
  constructor(inspectors: readonly PublicInspector[], rules: DrawRules, exclusions: readonly Exclusion[]);
  constructor(
    inspectors: readonly (CanonicalInspector | PublicInspector)[],
    readonly rules: DrawRules,
    exclusions?: readonly Exclusion[],
  ) {
    this.size = inspectors.length;
    this.ids = inspectors.map((inspector) => inspector.id);
    this.departmentOf = new Int32Array(this.size);
    this.load = new Int32Array(this.size);
    this.staticRule = new Uint8Array(this.size);
    this.staticReason = new Array(this.size);
    const window = rules.inspectionWindow;
    const uncertifiedReason = `certified for none of the task's item categories (${rules.itemCategories.join(', ')})`;
    inspectors.forEach((inspector, index) => {
      this.departmentOf[index] = rules.departments.indexOf(inspector.department);
      this.load[index] = inspector.currentLoad;
      if (!isCertifiedFor(inspector.certifiedCategories, rules)) {
        this.staticRule[index] = UNCERTIFIED;
        this.staticReason[index] = uncertifiedReason;
        return;
      }
      if (exclusions) return;
      const { leave, conflicts } = inspector as CanonicalInspector;
      const overlapping = leave.find((period) => overlapsWindow(period, window));
      if (overlapping) {
        this.staticRule[index] = ON_LEAVE;
        this.staticReason[index] =
          `on leave ${overlapping.from}..${overlapping.to}, overlapping the inspection window ${window.from}..${window.to}`;
      }
      conflicts.forEach((conflict, order) => {
        if (conflict.targetId !== undefined) {
          addHit(this.byTargetId, conflict.targetId, index, {
            order,
            reason: `declared conflict with target ${conflict.targetId} (${conflict.relation})`,
          });
        }
        if (conflict.creditCode !== undefined) {
          addHit(this.byCreditCode, conflict.creditCode, index, {
            order,
            reason: `declared conflict with credit code ${conflict.creditCode} (${conflict.relation})`,
          });
        }
      });
    });
    if (exclusions) {
      const unavailable = unavailableReason(window);
      for (const exclusion of exclusions) {
        const index = this.indexOf(exclusion.inspectorId);
        // The verifier checks references before building the pool; an unknown id here is ignored.
        if (index < 0 || this.staticRule[index] === UNCERTIFIED) continue;
        if (exclusion.rule === 'unavailable') {
          this.staticRule[index] = UNAVAILABLE;
          this.staticReason[index] = unavailable;
        } else if (exclusion.target !== undefined) {
          addHit(this.byLeaf, exclusion.target, index, { order: 0, reason: CONFLICT_REASON });
        }
      }
    }
  }

  /** Index of an inspector id, or -1. */
  indexOf(id: string): number {
    this.idIndex ??= new Map(this.ids.map((inspectorId, index) => [inspectorId, index]));
    return this.idIndex.get(id) ?? -1;
  }

  /** Rule 1 or 2 (they depend on the inspector alone), or undefined. */
  staticSkip(index: number): { rule: SkipRule; reason: string } | undefined {
    const rule = this.staticRule[index];
    if (rule === NO_STATIC_RULE) return undefined;
    return { rule: STATIC_RULE_NAMES[rule], reason: this.staticReason[index] as string };
  }

  /** Conflicts touching one target: by id and credit code (version 1) or by leaf (version 2). */
  conflictsFor(target: ConflictKey): TargetConflicts {
    if (target.leaf !== undefined) return new TargetConflicts(this.byLeaf.get(target.leaf), undefined);
    return this.conflictsOf(target.id, target.creditCode);
  }

  /** Conflict declarations touching one target, looked up once per team rather than per candidate. */
  conflictsOf(targetId: string, creditCode: string | undefined): TargetConflicts {
    return new TargetConflicts(
      this.byTargetId.get(targetId),
      creditCode === undefined ? undefined : this.byCreditCode.get(creditCode),
    );
  }
}

/** The conflicts relevant to one target. */
export class TargetConflicts {
  constructor(
    private readonly byTarget: Map<number, ConflictHit> | undefined,
    private readonly byCode: Map<number, ConflictHit> | undefined,
  ) {}

  /** Reason of the inspector's first matching declaration (canonical order), or undefined. */
  reasonFor(inspector: number): string | undefined {
    if (this.byTarget === undefined && this.byCode === undefined) return undefined;
    const a = this.byTarget?.get(inspector);
    const b = this.byCode?.get(inspector);
    if (a && b) return a.order <= b.order ? a.reason : b.reason;
    return (a ?? b)?.reason;
  }
}

function addHit(map: Map<string, Map<number, ConflictHit>>, key: string, inspector: number, hit: ConflictHit): void {
  let hits = map.get(key);
  if (!hits) map.set(key, (hits = new Map()));
  const existing = hits.get(inspector);
  if (!existing || hit.order < existing.order) hits.set(inspector, hit);
}
