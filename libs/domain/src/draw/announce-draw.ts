import { throwIfProblems } from './draw-error.js';
import { DRAW_ALGORITHM_VERSION, STRATA, assertValidDrawRules, sampleSize, type DrawRules, type Stratum } from './draw-rules.js';
import type { DrawAnnouncement } from './draw-bundle.js';
import {
  canonicalInspectors,
  canonicalTargets,
  type CanonicalTarget,
  type DrawPopulations,
  type InspectorEntry,
  type TargetEntry,
} from './population.js';
import { splitByStratum, summariseInspectors, summariseTargets } from './population-hash.js';
import { RFC3797_MAX_SELECTIONS } from './rfc3797.js';
import { isPlainText } from './text-checks.js';
import type { Sha256Factory } from './hash/hash-lines.js';

/** Tuning that never changes a result. */
export interface DrawOptions {
  /**
   * SHA-256 used for the population hashes (the bulk of the hashing). Defaults to the pure-TypeScript
   * one; a server may pass `() => createHash('sha256')` from node:crypto to hash a million ids faster.
   */
  sha256?: Sha256Factory;
}

/** Input of announceDraw. */
export interface AnnounceDrawInput {
  drawId?: string;
  rules: DrawRules;
  targets: readonly TargetEntry[];
  inspectors: readonly InspectorEntry[];
  /** commitmentOf(secret); the secret itself stays on the server until the reveal. */
  commitment: string;
  publicRandomnessSource: string;
}

/** Populations validated, canonical and summarised: the common first step of announce, execute and verify. */
export interface PreparedDraw {
  populations: DrawPopulations;
  byStratum: Record<Stratum, CanonicalTarget[]>;
  announcement: DrawAnnouncement;
}

/**
 * Freezes a draw: validates rules and populations, hashes the canonical populations and computes the
 * sample size of every stratum. Publish the result before the public randomness exists.
 * @throws DrawRuleError when the rules or populations are invalid or a stratum is too small
 */
export function announceDraw(input: AnnounceDrawInput, options: DrawOptions = {}): DrawAnnouncement {
  return prepareDraw(input, options).announcement;
}

/** announceDraw, keeping the canonical populations for the draw itself. */
export function prepareDraw(input: AnnounceDrawInput, options: DrawOptions = {}): PreparedDraw {
  const { rules } = input;
  assertValidDrawRules(rules);
  const problems: string[] = [];
  if (!/^[0-9a-f]{64}$/.test(String(input.commitment))) problems.push('commitment must be 64 lowercase hex characters');
  if (!isPlainText(input.publicRandomnessSource, 500)) {
    problems.push('publicRandomnessSource must name the public randomness (1–500 characters)');
  }
  if (input.drawId !== undefined && !isPlainText(input.drawId, 200)) problems.push('drawId must be a short string');
  throwIfProblems('invalid-rules', 'invalid announcement', problems);

  const targets = canonicalTargets(input.targets);
  const inspectors = canonicalInspectors(input.inspectors, rules.departments);
  const byStratum = splitByStratum(targets);
  const sampleSizes = {} as Record<Stratum, number>;
  for (const stratum of STRATA) {
    sampleSizes[stratum] = sampleSize(stratum, rules.strata[stratum], byStratum[stratum].length);
  }
  if (rules.algorithm === 'rfc3797') {
    const tooMany = STRATA.filter((stratum) => sampleSizes[stratum] > RFC3797_MAX_SELECTIONS);
    throwIfProblems(
      'invalid-rules',
      'invalid draw rules',
      tooMany.map((s) => `stratum ${s}: RFC 3797 mode draws at most ${RFC3797_MAX_SELECTIONS} targets per stratum`),
    );
  }
  const announcement: DrawAnnouncement = {
    algorithmVersion: DRAW_ALGORITHM_VERSION,
    ...(input.drawId !== undefined ? { drawId: input.drawId } : {}),
    rules,
    commitment: input.commitment,
    publicRandomnessSource: input.publicRandomnessSource,
    targets: summariseTargets(targets, byStratum, options.sha256),
    inspectors: summariseInspectors(inspectors, options.sha256),
    sampleSizes,
  };
  return { populations: { targets, inspectors }, byStratum, announcement };
}
