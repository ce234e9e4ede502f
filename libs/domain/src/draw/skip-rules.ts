import type { DrawRules } from './draw-rules.js';
import type { CanonicalInspector } from './population.js';

/**
 * The published skip rules, in the fixed order they are checked. A candidate is skipped for the
 * FIRST rule it fails, and that rule is recorded.
 */
export const SKIP_RULES = [
  'uncertified', // 1. no certificate for any of the task's item categories
  'on-leave', // 2. a leave period overlaps the inspection window
  'conflict', // 3. declared conflict of interest with the target (by target id or credit code)
  'already-in-team', // 4. already in this team, or withdrawn from it by a substitution
  'department-quota', // 5. joint task: taking this department would leave another unfilled
  'workload-cap', // 6. the inspector already holds the maximum number of assignments
] as const;
export type SkipRule = (typeof SKIP_RULES)[number];

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

  constructor(
    inspectors: readonly CanonicalInspector[],
    readonly rules: DrawRules,
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
      const leave = inspector.leave.find((period) => period.from <= window.to && period.to >= window.from);
      if (!inspector.certifiedCategories.some((category) => rules.itemCategories.includes(category))) {
        this.staticRule[index] = UNCERTIFIED;
        this.staticReason[index] = uncertifiedReason;
      } else if (leave) {
        this.staticRule[index] = ON_LEAVE;
        this.staticReason[index] =
          `on leave ${leave.from}..${leave.to}, overlapping the inspection window ${window.from}..${window.to}`;
      }
      inspector.conflicts.forEach((conflict, order) => {
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
    return { rule: rule === UNCERTIFIED ? 'uncertified' : 'on-leave', reason: this.staticReason[index] as string };
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
