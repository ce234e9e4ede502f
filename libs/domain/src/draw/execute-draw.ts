import { DrawRuleError } from './draw-error.js';
import { STRATA, type DrawRules, type Stratum } from './draw-rules.js';
import type { DrawAnnouncement, DrawOutcome, DrawResult } from './draw-bundle.js';
import { prepareDraw, type DrawOptions } from './announce-draw.js';
import { diffAnnouncement } from './diff-announcement.js';
import { toHex } from './hash/encoding.js';
import type { CanonicalTarget, DrawPopulations, InspectorEntry, TargetEntry } from './population.js';
import { RandomStream } from './random-stream.js';
import { commitmentOf, deriveSeed } from './seed.js';
import { rfc3797StratumKey, selectTargets, toStratumSelection } from './select-targets.js';
import { InspectorPool, type SkipRecord } from './skip-rules.js';
import { fillTeam, type TeamAssignment } from './assign-inspectors.js';

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
  announcement?: DrawAnnouncement;
}

/**
 * Executes a draw: seed from secret and public value, targets per stratum A–D, then a team for each
 * selected target with the skip rules. Deterministic: the same input always gives the same result.
 * Wrap the result with createDrawBundle to publish it.
 * @throws DrawRuleError for invalid input, a stratum too small, or too few eligible inspectors
 */
export function executeDraw(input: DrawInput, options: DrawOptions = {}): DrawResult {
  const prepared = prepareDraw(
    {
    drawId: input.drawId,
    rules: input.rules,
    targets: input.targets,
    inspectors: input.inspectors,
    commitment: commitmentOf(input.secret),
    publicRandomnessSource: input.publicRandomness?.source,
    },
    options,
  );
  if (input.announcement) {
    const differences = diffAnnouncement(input.announcement, prepared.announcement, { commitment: true });
    if (differences.length > 0) {
      throw new DrawRuleError(
        'announcement-mismatch',
        `the draw does not match its announcement: ${differences.slice(0, 5).join('; ')}`,
        differences,
      );
    }
  }
  const seed = deriveSeed(input.secret, input.publicRandomness.value);
  const outcome = runDraw(prepared.populations, prepared.byStratum, input.rules, seed, input.publicRandomness.value);
  return {
    announcement: prepared.announcement,
    reveal: {
      secret: input.secret,
      publicRandomnessValue: input.publicRandomness.value,
      seed: toHex(seed),
      ...(input.rules.algorithm === 'rfc3797' ? { rfc3797Keys: rfc3797Keys(input.publicRandomness.value) } : {}),
    },
    populations: prepared.populations,
    outcome,
  };
}

/** The RFC 3797 key of every stratum for a public value. */
export function rfc3797Keys(publicValue: string): Record<Stratum, string> {
  const keys = {} as Record<Stratum, string>;
  for (const stratum of STRATA) keys[stratum] = rfc3797StratumKey(publicValue, stratum);
  return keys;
}

/**
 * The draw proper on canonical populations: also what the verifier re-runs.
 * Stream use: target selection (sha256 mode only), then teams in target order (strata A–D, each in
 * selection order).
 */
export function runDraw(
  populations: DrawPopulations,
  byStratum: Record<Stratum, readonly CanonicalTarget[]>,
  rules: DrawRules,
  seed: Uint8Array,
  publicValue: string,
): DrawOutcome {
  const stream = new RandomStream(seed);
  const picked = selectTargets(byStratum, rules, stream, publicValue);
  const pool = new InspectorPool(populations.inspectors, rules);
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
