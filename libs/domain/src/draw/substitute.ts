import { DrawRuleError } from './draw-error.js';
import type { DrawRules, Stratum } from './draw-rules.js';
import type { AnyDrawBundle, DrawOutcome, SubstitutionRecord } from './draw-bundle.js';
import { fromHex } from './hash/encoding.js';
import type { DrawPopulations } from './population.js';
import { RandomStream } from './random-stream.js';
import { InspectorPool, type ConflictKey, type SkipRecord } from './skip-rules.js';
import { targetLeaf, type PublicPopulations } from './disclosure.js';
import { fillTeam, type TeamAssignment } from './assign-inspectors.js';
import { isPlainText } from './text-checks.js';

/** A drawn inspector who cannot take part, and why. */
export interface SubstitutionRequest {
  targetId: string;
  inspectorId: string;
  /** Recorded reason, e.g. "病假 2026-12-03 至 2026-12-20" or "当事人申请回避". Published verbatim. */
  reason: string;
}

interface TeamState {
  stratum: Stratum;
  /** The target as the conflict rule looks it up (credit code in version 1, leaf in version 2). */
  key: ConflictKey;
  /** Inspector indices in slot order (a replacement takes the withdrawn inspector's slot). */
  members: number[];
  /** Inspectors withdrawn from this team, with the substitution that withdrew them. */
  withdrawn: Map<number, number>;
}

/**
 * The state of a draw's teams as substitutions are made: who is in which team, everybody's
 * workload, and where the random stream stands. Used by `substitute` (on a published bundle) and by
 * the verifier (on the recomputed outcome), so both run exactly the same procedure.
 */
export class SubstitutionState {
  private readonly pool: InspectorPool;
  private readonly teams = new Map<string, TeamState>();
  private readonly order: string[] = [];
  private streamPosition: number;
  private count = 0;

  /**
   * @param pool the draw's inspector pool (fresh: its loads are the current loads)
   * @param keyOf the drawn target as the conflict rule looks it up
   */
  constructor(
    pool: InspectorPool,
    keyOf: (targetId: string) => ConflictKey,
    private readonly seed: Uint8Array,
    outcome: DrawOutcome,
  ) {
    this.pool = pool;
    for (const team of outcome.teams) {
      const members = team.inspectorIds.map((id) => this.indexOf(id));
      // The outcome's teams are part of the record: their assignments count towards workloads.
      for (const member of members) this.pool.load[member]++;
      this.teams.set(team.targetId, { stratum: team.stratum, key: keyOf(team.targetId), members, withdrawn: new Map() });
      this.order.push(team.targetId);
    }
    this.streamPosition = outcome.streamPosition;
  }

  /** Stream position the next substitution starts from. */
  get position(): number {
    return this.streamPosition;
  }

  /**
   * Draws a replacement for `request` by the draw's own procedure: the withdrawn inspector leaves
   * the team (and frees that workload), a fresh lazy shuffle of the whole pool continues the random
   * stream, and candidates are checked against the same skip rules; the withdrawn inspector and
   * anyone withdrawn earlier from this team are skipped under rule 4.
   * @throws DrawRuleError('invalid-substitution' | 'insufficient-inspectors')
   */
  draw(request: SubstitutionRequest): SubstitutionRecord {
    const team = this.teams.get(request?.targetId);
    if (!team) throw invalid(`target ${request?.targetId} was not drawn`);
    const withdrawn = this.pool.indexOf(request.inspectorId);
    const slot = team.members.indexOf(withdrawn);
    if (withdrawn < 0 || slot < 0) {
      throw invalid(`inspector ${request.inspectorId} is not in the team of target ${request.targetId}`);
    }
    if (!isPlainText(request.reason, 500)) throw invalid('a substitution needs a reason (1–500 characters)');

    const sequence = this.count + 1;
    const streamStart = this.streamPosition;
    const stream = new RandomStream(this.seed, streamStart);
    const others = team.members.filter((member) => member !== withdrawn);
    const withdrawnNow = new Map(team.withdrawn).set(withdrawn, sequence);
    const skips: SkipRecord[] = [];
    this.pool.load[withdrawn]--;
    try {
      fillTeam(this.pool, stream, team.key, others, withdrawnNow, skips);
    } catch (error) {
      this.pool.load[withdrawn]++; // leave the state as it was
      throw error;
    }
    const replacement = others[others.length - 1];
    team.members[slot] = replacement;
    team.withdrawn = withdrawnNow;
    this.count = sequence;
    this.streamPosition = stream.position;
    return {
      sequence,
      targetId: request.targetId,
      withdrawnInspectorId: request.inspectorId,
      reason: request.reason,
      replacementInspectorId: this.pool.ids[replacement],
      skips,
      streamStart,
      streamEnd: stream.position,
    };
  }

  /** Applies an already published record without drawing (its correctness is the verifier's job). */
  applyRecorded(record: SubstitutionRecord): void {
    const team = this.teams.get(record.targetId);
    const withdrawn = this.pool.indexOf(record.withdrawnInspectorId);
    const replacement = this.pool.indexOf(record.replacementInspectorId);
    const slot = team ? team.members.indexOf(withdrawn) : -1;
    if (!team || slot < 0 || replacement < 0) {
      throw invalid(`substitution #${record.sequence} does not fit the bundle's teams`);
    }
    team.members[slot] = replacement;
    team.withdrawn.set(withdrawn, record.sequence);
    this.pool.load[withdrawn]--;
    this.pool.load[replacement]++;
    this.count = record.sequence;
    this.streamPosition = record.streamEnd;
  }

  /** The teams as they stand now, in the outcome's order. */
  currentTeams(): TeamAssignment[] {
    return this.order.map((targetId) => {
      const team = this.teams.get(targetId) as TeamState;
      return { targetId, stratum: team.stratum, inspectorIds: team.members.map((i) => this.pool.ids[i]) };
    });
  }

  private indexOf(id: string): number {
    const index = this.pool.indexOf(id);
    if (index < 0) throw invalid(`inspector ${id} is not in the inspector population`);
    return index;
  }
}

/**
 * 递补抽取 on a published bundle: draws the replacement for a withdrawn inspector, continuing the
 * draw's random stream after the draw and any earlier substitutions. Append the returned record to
 * `bundle.substitutions` (or use withSubstitution) and republish; the verifier replays it.
 * @throws DrawRuleError('invalid-substitution') for an unknown target/inspector or a missing reason,
 *   DrawRuleError('insufficient-inspectors') when nobody eligible is left
 */
export function substitute(bundle: AnyDrawBundle, request: SubstitutionRequest): SubstitutionRecord {
  return stateOf(bundle).draw(request);
}

/** A copy of `bundle` with `record` appended to its substitutions. */
export function withSubstitution<B extends AnyDrawBundle>(bundle: B, record: SubstitutionRecord): B {
  return { ...bundle, substitutions: [...bundle.substitutions, record] };
}

/** The teams of a bundle after all its substitutions (what inspectors actually work on). */
export function currentTeams(bundle: AnyDrawBundle): TeamAssignment[] {
  return stateOf(bundle).currentTeams();
}

/** A fresh substitution state of a version-1 draw (declarations in clear). */
export function substitutionStateV1(populations: DrawPopulations, rules: DrawRules, seed: Uint8Array, outcome: DrawOutcome): SubstitutionState {
  const selected = new Set(outcome.teams.map((team) => team.targetId));
  const keys = new Map<string, ConflictKey>();
  for (const target of populations.targets) if (selected.has(target.id)) keys.set(target.id, target);
  return new SubstitutionState(new InspectorPool(populations.inspectors, rules), (id) => keys.get(id) ?? { id }, seed, outcome);
}

/** A fresh substitution state of a version-2 draw (exclusions; drawn targets by their openings). */
export function substitutionStateV2(populations: PublicPopulations, rules: DrawRules, seed: Uint8Array, outcome: DrawOutcome): SubstitutionState {
  const leaves = new Map(populations.targets.drawn.map((t) => [t.id, targetLeaf(fromHex(t.salt), t.id)]));
  return new SubstitutionState(
    new InspectorPool(populations.inspectors, rules, populations.exclusions),
    (id) => ({ id, leaf: leaves.get(id) ?? '' }),
    seed,
    outcome,
  );
}

function stateOf(bundle: AnyDrawBundle): SubstitutionState {
  const seed = fromHex(bundle.reveal.seed);
  const state =
    bundle.version === 2
      ? substitutionStateV2(bundle.populations, bundle.announcement.rules, seed, bundle.outcome)
      : substitutionStateV1(bundle.populations, bundle.announcement.rules, seed, bundle.outcome);
  for (const record of bundle.substitutions) state.applyRecorded(record);
  return state;
}

function invalid(message: string): DrawRuleError {
  return new DrawRuleError('invalid-substitution', message);
}
