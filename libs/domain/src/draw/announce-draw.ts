import { throwIfProblems } from './draw-error.js';
import { DRAW_ALGORITHM_VERSION, STRATA, assertValidDrawRules, sampleSize, type DrawRules, type Stratum } from './draw-rules.js';
import type { DrawAnnouncement, DrawAnnouncementV2 } from './draw-bundle.js';
import {
  canonicalInspectors,
  canonicalTargets,
  type CanonicalTarget,
  type DrawPopulations,
  type InspectorEntry,
  type PublicInspector,
  type TargetEntry,
} from './population.js';
import {
  splitByStratum,
  summariseExclusions,
  summariseInspectors,
  summarisePublicInspectors,
  summariseSealedTargets,
  summariseTargets,
} from './population-hash.js';
import { RFC3797_MAX_SELECTIONS } from './rfc3797.js';
import { isPlainText } from './text-checks.js';
import {
  disclosePopulations,
  isDisclosureKey,
  isHex64,
  type DisclosedPopulations,
  type Disclosure,
  type Exclusion,
} from './disclosure.js';
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
  /**
   * With a disclosure key the draw is a version-2 draw: the announcement binds sealed targets,
   * public inspectors and committed exclusions instead of the populations in clear.
   */
  disclosure?: Disclosure;
}

/** Rules and populations validated and canonical, with the sample sizes: common to every version. */
export interface CanonicalDraw {
  populations: DrawPopulations;
  byStratum: Record<Stratum, CanonicalTarget[]>;
  sampleSizes: Record<Stratum, number>;
}

/** Populations validated, canonical and summarised: the common first step of announce, execute and verify. */
export interface PreparedDraw extends CanonicalDraw {
  announcement: DrawAnnouncement;
}

/** A version-2 draw prepared: the canonical private populations, their disclosure and the announcement. */
export interface PreparedDrawV2 extends CanonicalDraw {
  disclosed: DisclosedPopulations;
  announcement: DrawAnnouncementV2;
}

/**
 * Freezes a draw: validates rules and populations, hashes the canonical populations (version 1) or
 * their sealed and committed public form (version 2, with `disclosure`) and computes the sample size
 * of every stratum. Publish the result before the public randomness exists.
 * @throws DrawRuleError when the rules or populations are invalid or a stratum is too small
 */
export function announceDraw(input: AnnounceDrawInput & { disclosure: Disclosure }, options?: DrawOptions): DrawAnnouncementV2;
export function announceDraw(input: AnnounceDrawInput, options?: DrawOptions): DrawAnnouncement | DrawAnnouncementV2;
export function announceDraw(input: AnnounceDrawInput, options: DrawOptions = {}): DrawAnnouncement | DrawAnnouncementV2 {
  return input.disclosure ? prepareDrawV2(input, input.disclosure, options).announcement : prepareDraw(input, options).announcement;
}

/** Validates the rules, the announcement's own fields and the populations; canonical populations and sample sizes. */
export function canonicaliseDraw(input: AnnounceDrawInput): CanonicalDraw {
  const { rules } = input;
  assertValidDrawRules(rules);
  const problems: string[] = [];
  if (!isHex64(input.commitment)) problems.push('commitment must be 64 lowercase hex characters');
  if (!isPlainText(input.publicRandomnessSource, 500)) {
    problems.push('publicRandomnessSource must name the public randomness (1–500 characters)');
  }
  if (input.drawId !== undefined && !isPlainText(input.drawId, 200)) problems.push('drawId must be a short string');
  throwIfProblems('invalid-rules', 'invalid announcement', problems);

  const targets = canonicalTargets(input.targets);
  const inspectors = canonicalInspectors(input.inspectors, rules.departments);
  const byStratum = splitByStratum(targets);
  return { populations: { targets, inspectors }, byStratum, sampleSizes: sampleSizesOf(rules, byStratum) };
}

/** Sample size of every stratum; refuses more than RFC 3797 can draw in rfc3797 mode. */
export function sampleSizesOf(rules: DrawRules, sizes: Record<Stratum, { length: number }>): Record<Stratum, number> {
  const sampleSizes = {} as Record<Stratum, number>;
  for (const stratum of STRATA) {
    sampleSizes[stratum] = sampleSize(stratum, rules.strata[stratum], sizes[stratum].length);
  }
  if (rules.algorithm === 'rfc3797') {
    const tooMany = STRATA.filter((stratum) => sampleSizes[stratum] > RFC3797_MAX_SELECTIONS);
    throwIfProblems(
      'invalid-rules',
      'invalid draw rules',
      tooMany.map((s) => `stratum ${s}: RFC 3797 mode draws at most ${RFC3797_MAX_SELECTIONS} targets per stratum`),
    );
  }
  return sampleSizes;
}

/** announceDraw (version 1), keeping the canonical populations for the draw itself. */
export function prepareDraw(input: AnnounceDrawInput, options: DrawOptions = {}): PreparedDraw {
  const canonical = canonicaliseDraw(input);
  const { populations, byStratum, sampleSizes } = canonical;
  const announcement: DrawAnnouncement = {
    algorithmVersion: DRAW_ALGORITHM_VERSION,
    ...(input.drawId !== undefined ? { drawId: input.drawId } : {}),
    rules: input.rules,
    commitment: input.commitment,
    publicRandomnessSource: input.publicRandomnessSource,
    targets: summariseTargets(populations.targets, byStratum, options.sha256),
    inspectors: summariseInspectors(populations.inspectors, options.sha256),
    sampleSizes,
  };
  return { ...canonical, announcement };
}

/** announceDraw (version 2), keeping the canonical populations and their disclosure for the draw itself. */
export function prepareDrawV2(input: AnnounceDrawInput, disclosure: Disclosure, options: DrawOptions = {}): PreparedDrawV2 {
  const creditClass = disclosure.creditClass ?? 'withheld';
  throwIfProblems('invalid-rules', 'invalid announcement', [
    ...(isDisclosureKey(disclosure.key) ? [] : ['the disclosure key must be 64 bytes: 128 lowercase hexadecimal characters']),
    ...(creditClass === 'published' || creditClass === 'withheld' ? [] : ["creditClass must be 'published' or 'withheld'"]),
  ]);
  const canonical = canonicaliseDraw(input);
  const disclosed = disclosePopulations(canonical.populations, canonical.byStratum, input.rules, disclosure.key, options.sha256);
  const announcement = announcementV2(
    { drawId: input.drawId, rules: input.rules, commitment: input.commitment, publicRandomnessSource: input.publicRandomnessSource, creditClass },
    disclosed,
    canonical.sampleSizes,
    options,
  );
  return { ...canonical, disclosed, announcement };
}

/** The announcement's own fields of a version-2 draw (everything that is not recomputed from the populations). */
export type AnnouncementV2Fields = Pick<DrawAnnouncementV2, 'drawId' | 'rules' | 'commitment' | 'publicRandomnessSource' | 'creditClass'>;

/** The version-2 announcement of the given fields, public populations and sample sizes. */
export function announcementV2(
  fields: AnnouncementV2Fields,
  populations: { leaves: Record<Stratum, readonly string[]>; inspectors: readonly PublicInspector[]; exclusions: readonly Exclusion[] },
  sampleSizes: Record<Stratum, number>,
  options: DrawOptions = {},
): DrawAnnouncementV2 {
  return {
    bundleVersion: 2,
    algorithmVersion: DRAW_ALGORITHM_VERSION,
    ...(fields.drawId !== undefined ? { drawId: fields.drawId } : {}),
    rules: fields.rules,
    commitment: fields.commitment,
    publicRandomnessSource: fields.publicRandomnessSource,
    creditClass: fields.creditClass,
    targets: summariseSealedTargets(populations.leaves, options.sha256),
    inspectors: summarisePublicInspectors(populations.inspectors, options.sha256),
    exclusions: summariseExclusions(populations.exclusions, options.sha256),
    sampleSizes,
  };
}
