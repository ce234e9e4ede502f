import { DrawRuleError } from './draw-error.js';
import { STRATA, type DrawRules, type Stratum } from './draw-rules.js';
import type { AnyDrawAnnouncement, DrawOutcome, DrawResult, DrawResultV2 } from './draw-bundle.js';
import { prepareDraw, prepareDrawV2, type DrawOptions } from './announce-draw.js';
import { diffAnyAnnouncement } from './diff-announcement.js';
import { toHex } from './hash/encoding.js';
import { canonicalInspectors, canonicalTargets, type InspectorEntry, type TargetEntry } from './population.js';
import { splitByStratum } from './population-hash.js';
import { RandomStream } from './random-stream.js';
import { commitmentOf, deriveSeed } from './seed.js';
import { arrayMembers, rfc3797StratumKey, selectTargets, toStratumSelection, type StratumMembers } from './select-targets.js';
import { InspectorPool, type SkipRecord } from './skip-rules.js';
import { fillTeam, type TeamAssignment } from './assign-inspectors.js';
import {
  disclosePopulations,
  openTargets,
  type DisclosedPopulations,
  type Disclosure,
  type ExclusionOpening,
  type PublicPopulations,
} from './disclosure.js';

/** Everything executeDraw needs. Plain arrays, so rows straight from PostgreSQL can be passed in. */
export interface DrawInput {
  drawId?: string;
  rules: DrawRules;
  /** Eligible targets (any order; already sorted by id COLLATE "C" is fastest). */
  targets: readonly TargetEntry[];
  /** Eligible inspectors (any order). */
  inspectors: readonly InspectorEntry[];
  /** The server secret committed to at announcement (lowercase hex, 32–128 bytes). */
  secret: string;
  publicRandomness: { source: string; value: string };
  /**
   * The announcement published earlier. When given, the draw refuses to run (DrawRuleError
   * 'announcement-mismatch') if the populations, rules, commitment or source differ from it.
   */
  announcement?: AnyDrawAnnouncement;
  /**
   * The disclosure key (and publication setting) of a version-2 draw: the result then holds the
   * public populations (sealed targets, public inspectors, committed exclusions) and skips name
   * exclusions without their reasons. Without it the draw is a version-1 draw. The selections and
   * teams are the same either way.
   */
  disclosure?: Disclosure;
}

/**
 * Executes a draw: seed from secret and public value, targets per stratum A–D, then a team for each
 * selected target with the skip rules. Deterministic: the same input always gives the same result.
 * Wrap the result with createDrawBundle to publish it.
 * @throws DrawRuleError for invalid input, a stratum too small, or too few eligible inspectors
 */
export function executeDraw(input: DrawInput & { disclosure: Disclosure }, options?: DrawOptions): DrawResultV2;
export function executeDraw(input: DrawInput & { disclosure?: undefined }, options?: DrawOptions): DrawResult;
export function executeDraw(input: DrawInput, options?: DrawOptions): DrawResult | DrawResultV2;
export function executeDraw(input: DrawInput, options: DrawOptions = {}): DrawResult | DrawResultV2 {
  const announceInput = {
    drawId: input.drawId,
    rules: input.rules,
    targets: input.targets,
    inspectors: input.inspectors,
    commitment: commitmentOf(input.secret),
    publicRandomnessSource: input.publicRandomness?.source,
  };
  if (input.disclosure) {
    const prepared = prepareDrawV2(announceInput, input.disclosure, options);
    checkAnnouncement(input.announcement, prepared.announcement);
    const seed = deriveSeed(input.secret, input.publicRandomness.value);
    const { disclosed, byStratum } = prepared;
    const members = {} as Record<Stratum, StratumMembers>;
    for (const stratum of STRATA) {
      const list = byStratum[stratum];
      const leaves = disclosed.leaves[stratum];
      members[stratum] = { length: list.length, member: (i) => ({ id: list[i].id, leaf: leaves[i] }) };
    }
    const pool = new InspectorPool(disclosed.inspectors, input.rules, disclosed.exclusions);
    const outcome = runDraw(pool, members, input.rules, seed, input.publicRandomness.value);
    return {
      announcement: prepared.announcement,
      reveal: revealOf(input, seed),
      populations: publicPopulations(disclosed, outcome.teams.map((t) => t.targetId), input.disclosure.key),
      outcome,
    };
  }
  const prepared = prepareDraw(announceInput, options);
  checkAnnouncement(input.announcement, prepared.announcement);
  const seed = deriveSeed(input.secret, input.publicRandomness.value);
  const members = {} as Record<Stratum, StratumMembers>;
  for (const stratum of STRATA) members[stratum] = arrayMembers(prepared.byStratum[stratum]);
  const pool = new InspectorPool(prepared.populations.inspectors, input.rules);
  const outcome = runDraw(pool, members, input.rules, seed, input.publicRandomness.value);
  return { announcement: prepared.announcement, reveal: revealOf(input, seed), populations: prepared.populations, outcome };
}

/**
 * The public populations of a version-2 draw, rebuilt from its private inputs (what a server keeps)
 * with the drawn targets opened: what the bundle publishes.
 */
export function sealPopulations(input: PrivatePopulations, drawnTargetIds: Iterable<string>, options: DrawOptions = {}): PublicPopulations {
  return publicPopulations(discloseInput(input, options), drawnTargetIds, input.disclosure.key);
}

/** What a version-2 bundle publishes of disclosed populations: sealed leaves with the drawn targets opened, public inspectors, exclusions. */
function publicPopulations(disclosed: DisclosedPopulations, drawnTargetIds: Iterable<string>, key: string): PublicPopulations {
  return {
    targets: { strata: disclosed.leaves, drawn: openTargets(drawnTargetIds, key) },
    inspectors: disclosed.inspectors,
    exclusions: disclosed.exclusions,
  };
}

/** What a server keeps of a version-2 draw: the rules, the frozen private populations and the disclosure. */
export interface PrivatePopulations {
  rules: DrawRules;
  targets: readonly TargetEntry[];
  inspectors: readonly InspectorEntry[];
  disclosure: Disclosure;
}

/**
 * Every exclusion of a version-2 draw with what opens it (salt, reason record, target opening), in
 * the order of the published list: for handing one of them to an auditor (checkExclusionOpening).
 * Never publish these.
 */
export function openExclusions(input: PrivatePopulations, options: DrawOptions = {}): ExclusionOpening[] {
  return discloseInput(input, options).exclusionOpenings;
}

function discloseInput(input: PrivatePopulations, options: DrawOptions): DisclosedPopulations {
  const targets = canonicalTargets(input.targets);
  const inspectors = canonicalInspectors(input.inspectors, input.rules.departments);
  return disclosePopulations({ targets, inspectors }, splitByStratum(targets), input.rules, input.disclosure.key, options.sha256);
}

function checkAnnouncement(published: AnyDrawAnnouncement | undefined, recomputed: AnyDrawAnnouncement): void {
  if (!published) return;
  const differences = diffAnyAnnouncement(published, recomputed, { commitment: true });
  if (differences.length > 0) {
    throw new DrawRuleError(
      'announcement-mismatch',
      `the draw does not match its announcement: ${differences.slice(0, 5).join('; ')}`,
      differences,
    );
  }
}

function revealOf(input: DrawInput, seed: Uint8Array): DrawResult['reveal'] {
  return {
    secret: input.secret,
    publicRandomnessValue: input.publicRandomness.value,
    seed: toHex(seed),
    ...(input.rules.algorithm === 'rfc3797' ? { rfc3797Keys: rfc3797Keys(input.publicRandomness.value) } : {}),
  };
}

/** The RFC 3797 key of every stratum for a public value. */
export function rfc3797Keys(publicValue: string): Record<Stratum, string> {
  const keys = {} as Record<Stratum, string>;
  for (const stratum of STRATA) keys[stratum] = rfc3797StratumKey(publicValue, stratum);
  return keys;
}

/**
 * The draw proper: also what the verifier re-runs. `pool` is the inspector population with its skip
 * rules (from declarations in version 1, from exclusions in version 2), `members` the canonical
 * targets of each stratum.
 * Stream use: target selection (sha256 mode only), then teams in target order (strata A–D, each in
 * selection order).
 */
export function runDraw(
  pool: InspectorPool,
  members: Record<Stratum, StratumMembers>,
  rules: DrawRules,
  seed: Uint8Array,
  publicValue: string,
): DrawOutcome {
  const stream = new RandomStream(seed);
  const picked = selectTargets(members, rules, stream, publicValue);
  const teams: TeamAssignment[] = [];
  const skips: SkipRecord[] = [];
  const noneWithdrawn = new Map<number, number>();
  for (const { stratum, picked: targets } of picked) {
    for (const target of targets) {
      const team: number[] = [];
      fillTeam(pool, stream, target, team, noneWithdrawn, skips);
      teams.push({ targetId: target.id, stratum, inspectorIds: team.map((i) => pool.ids[i]) });
    }
  }
  return { strata: picked.map(toStratumSelection), teams, skips, streamPosition: stream.position };
}
