import { DrawRuleError } from './draw-error.js';
import type { RandomStream } from './random-stream.js';
import type { Stratum } from './draw-rules.js';
import { SKIP_RULE_ORDER, type ConflictKey, type InspectorPool, type SkipRecord, type SkipRule } from './skip-rules.js';

/** The team drawn for one target, in the order the inspectors were accepted. */
export interface TeamAssignment {
  targetId: string;
  stratum: Stratum;
  inspectorIds: string[];
}

/** What fillTeam needs to know about the target: its id, and its credit code (version 1) or leaf (version 2). */
export type TeamTarget = ConflictKey;

/**
 * Fills `team` (inspector indices, mutated) up to rules.inspectorsPerTarget.
 *
 * Candidates come from a fresh lazy Fisher–Yates shuffle of the whole pool for this team: the t-th
 * candidate is at position t after swapping t with t + uniformInt(P − t). So every candidate is
 * uniform over the inspectors not yet tried for this team, nobody is tried twice, and no O(pool)
 * work is done per target. Each candidate is checked against the skip rules in SKIP_RULES order;
 * a skipped one is appended to `skips`, an accepted one joins the team and its load goes up.
 *
 * @param withdrawn inspectors withdrawn from this target, with the substitution number (rule 4)
 * @throws DrawRuleError('insufficient-inspectors') when the pool runs out before the team is full
 */
export function fillTeam(
  pool: InspectorPool,
  stream: RandomStream,
  target: TeamTarget,
  team: number[],
  withdrawn: ReadonlyMap<number, number>,
  skips: SkipRecord[],
): void {
  const rules = pool.rules;
  const size = rules.inspectorsPerTarget;
  const cap = rules.maxAssignmentsPerInspector;
  const departments = rules.departments.length;
  const conflicts = pool.conflictsFor(target);
  const perDepartment = new Int32Array(departments);
  for (const member of team) perDepartment[pool.departmentOf[member]]++;
  const moved = new Map<number, number>();
  const skippedByRule = new Map<SkipRule, number>();
  const skip = (inspector: number, rule: SkipRule, reason: string) => {
    skips.push({ targetId: target.id, inspectorId: pool.ids[inspector], rule, reason });
    skippedByRule.set(rule, (skippedByRule.get(rule) ?? 0) + 1);
  };

  for (let t = 0; team.length < size; t++) {
    if (t === pool.size) throw insufficient(pool, target.id, team.length, skippedByRule);
    const j = t + stream.uniformInt(pool.size - t);
    const candidate = moved.get(j) ?? j;
    moved.set(j, moved.get(t) ?? t);

    const fixed = pool.staticSkip(candidate); // rules 1 and 2
    if (fixed) {
      skip(candidate, fixed.rule, fixed.reason);
      continue;
    }
    const conflict = conflicts.reasonFor(candidate); // rule 3
    if (conflict !== undefined) {
      skip(candidate, 'conflict', conflict);
      continue;
    }
    if (team.includes(candidate)) {
      skip(candidate, 'already-in-team', 'already in this team');
      continue;
    }
    const withdrawnBy = withdrawn.get(candidate); // rule 4, second half
    if (withdrawnBy !== undefined) {
      skip(candidate, 'already-in-team', `withdrawn from this team by substitution #${withdrawnBy}`);
      continue;
    }
    const department = pool.departmentOf[candidate]; // rule 5
    const placesLeft = size - team.length;
    if (perDepartment[department] > 0) {
      let missing = 0;
      for (let d = 0; d < departments; d++) if (perDepartment[d] === 0) missing++;
      // Accepting a second member of a department is fine while enough places remain for the others.
      if (missing >= placesLeft) {
        const needed = rules.departments.filter((_, d) => perDepartment[d] === 0).join(', ');
        skip(
          candidate,
          'department-quota',
          `department ${rules.departments[department]} already in the team; still needed: ${needed} (${placesLeft} place(s) left)`,
        );
        continue;
      }
    }
    if (cap !== null && pool.load[candidate] >= cap) {
      skip(candidate, 'workload-cap', `workload cap reached (${pool.load[candidate]} of ${cap})`); // rule 6
      continue;
    }
    team.push(candidate);
    perDepartment[department]++;
    pool.load[candidate]++;
  }
}

function insufficient(
  pool: InspectorPool,
  targetId: string,
  filled: number,
  skippedByRule: Map<SkipRule, number>,
): DrawRuleError {
  const breakdown = SKIP_RULE_ORDER.filter((rule) => skippedByRule.has(rule))
    .map((rule) => `${rule} ${skippedByRule.get(rule)}`)
    .join(', ');
  return new DrawRuleError(
    'insufficient-inspectors',
    `insufficient inspectors for target ${targetId}: all ${pool.size} inspectors tried, ` +
      `${filled} of ${pool.rules.inspectorsPerTarget} places filled (skipped: ${breakdown || 'none'})`,
  );
}
