import type { DRAW_ALGORITHM_VERSION, DrawRules, Stratum } from './draw-rules.js';
import type { DrawPopulations } from './population.js';
import type {
  ExclusionSummary,
  InspectorPopulationSummary,
  PublicInspectorSummary,
  SealedTargetSummary,
  TargetPopulationSummary,
} from './population-hash.js';
import type { CreditClassPublication, PublicPopulations } from './disclosure.js';
import type { StratumSelection } from './select-targets.js';
import type { TeamAssignment } from './assign-inspectors.js';
import type { SkipRecord } from './skip-rules.js';

/** `format` of every bundle, so a stray JSON file is recognised as not being one. */
export const DRAW_BUNDLE_FORMAT = 'spotcheck-draw-bundle';
/**
 * The bundle layout new draws get; bumped on any incompatible change of the layout. Version 1
 * (every population detail in clear) is still read, so bundles published before version 2 verify.
 */
export const DRAW_BUNDLE_VERSION = 2;
/** Every bundle version this library reads and verifies. */
export const DRAW_BUNDLE_VERSIONS = [1, 2] as const;
export type DrawBundleVersion = (typeof DRAW_BUNDLE_VERSIONS)[number];

/**
 * What is published before a version-1 draw (planning.draw.announced): everything but the secret
 * and the public value.
 */
export interface DrawAnnouncement {
  algorithmVersion: typeof DRAW_ALGORITHM_VERSION;
  /** The caller's id of the draw or task, if any; carried verbatim. */
  drawId?: string;
  rules: DrawRules;
  /** Lowercase hex SHA-256 of the secret's bytes. */
  commitment: string;
  /** Names the public randomness to be used, e.g. "福彩3D 2026-12-01 开奖号码" or "value entered by the witness". */
  publicRandomnessSource: string;
  targets: TargetPopulationSummary;
  inspectors: InspectorPopulationSummary;
  /** Targets to be drawn per stratum, following from the rules and the stratum sizes. */
  sampleSizes: Record<Stratum, number>;
}

/**
 * What is published before a version-2 draw: the rules, the commitment and the hashes that bind
 * the sealed targets, the public inspectors and the exclusions (their commitments included), so
 * none of them can change once the announcement is out.
 */
export interface DrawAnnouncementV2 {
  bundleVersion: 2;
  algorithmVersion: typeof DRAW_ALGORITHM_VERSION;
  drawId?: string;
  rules: DrawRules;
  commitment: string;
  publicRandomnessSource: string;
  /** Whether the public record names the credit class of each drawn firm (the bureau's setting). */
  creditClass: CreditClassPublication;
  targets: SealedTargetSummary;
  inspectors: PublicInspectorSummary;
  exclusions: ExclusionSummary;
  sampleSizes: Record<Stratum, number>;
}

/** An announcement of either bundle version. */
export type AnyDrawAnnouncement = DrawAnnouncement | DrawAnnouncementV2;

/** The bundle version an announcement belongs to (version 1 announcements carry no marker). */
export function bundleVersionOf(announcement: AnyDrawAnnouncement | Record<string, unknown>): DrawBundleVersion {
  return (announcement as { bundleVersion?: unknown }).bundleVersion === 2 ? 2 : 1;
}

/** The announced hash of the target population: the ids hash (version 1) or the leaves hash (version 2). */
export function targetPopulationHash(announcement: AnyDrawAnnouncement): string {
  return 'leavesHash' in announcement.targets ? announcement.targets.leavesHash : announcement.targets.idsHash;
}

/** What is published after the draw in addition to the announcement. */
export interface DrawReveal {
  /** The secret committed to (lowercase hex). */
  secret: string;
  /** The public randomness value, verbatim. */
  publicRandomnessValue: string;
  /** Lowercase hex of SHA-256("spotcheck-draw-v1|" + secret + "|" + publicRandomnessValue). */
  seed: string;
  /** In rfc3797 mode: the key used for each stratum. */
  rfc3797Keys?: Record<Stratum, string>;
}

/** The draw itself. */
export interface DrawOutcome {
  /** Per stratum, A to D. */
  strata: StratumSelection[];
  /** One team per selected target, strata A to D, each in selection order. */
  teams: TeamAssignment[];
  /** Every skipped candidate, in the order they were drawn. */
  skips: SkipRecord[];
  /** 32-bit words of the random stream consumed; substitutions continue from here. */
  streamPosition: number;
}

/** One 递补抽取: a drawn inspector withdrawn for a recorded reason and the replacement drawn. */
export interface SubstitutionRecord {
  /** 1, 2, … in the order the substitutions were made. */
  sequence: number;
  targetId: string;
  withdrawnInspectorId: string;
  /** Why the inspector cannot take part (recorded by the officer, published verbatim). */
  reason: string;
  replacementInspectorId: string;
  /** Candidates skipped while drawing the replacement. */
  skips: SkipRecord[];
  /** Stream position before and after this substitution. */
  streamStart: number;
  streamEnd: number;
}

/** Result of a version-1 executeDraw: announcement (recomputed), reveal, canonical populations and outcome. */
export interface DrawResult {
  announcement: DrawAnnouncement;
  reveal: DrawReveal;
  populations: DrawPopulations;
  outcome: DrawOutcome;
}

/** Result of a version-2 executeDraw (with a disclosure): the public populations only. */
export interface DrawResultV2 {
  announcement: DrawAnnouncementV2;
  reveal: DrawReveal;
  populations: PublicPopulations;
  outcome: DrawOutcome;
}

/**
 * A version-1 bundle: the published, self-contained record of a draw with every population detail
 * (credit classes and codes, leave, declared conflicts) in clear. Still read and verified.
 */
export interface DrawBundle extends DrawResult {
  format: typeof DRAW_BUNDLE_FORMAT;
  version: 1;
  /** Substitutions in the order they were made; empty right after the draw. */
  substitutions: SubstitutionRecord[];
}

/** A version-2 bundle: sealed targets, public inspectors and committed exclusions (docs/draw-algorithm.md §10). */
export interface DrawBundleV2 extends DrawResultV2 {
  format: typeof DRAW_BUNDLE_FORMAT;
  version: 2;
  substitutions: SubstitutionRecord[];
}

/** A published bundle of either version. */
export type AnyDrawBundle = DrawBundle | DrawBundleV2;

/** Wraps a fresh draw result as a bundle (of the result's version) with no substitutions yet. */
export function createDrawBundle(result: DrawResultV2): DrawBundleV2;
export function createDrawBundle(result: DrawResult): DrawBundle;
export function createDrawBundle(result: DrawResult | DrawResultV2): AnyDrawBundle;
export function createDrawBundle(result: DrawResult | DrawResultV2): AnyDrawBundle {
  const parts = { announcement: result.announcement, reveal: result.reveal, populations: result.populations, outcome: result.outcome };
  return isV2Result(result)
    ? { format: DRAW_BUNDLE_FORMAT, version: 2, ...(parts as DrawResultV2), substitutions: [] }
    : { format: DRAW_BUNDLE_FORMAT, version: 1, ...(parts as DrawResult), substitutions: [] };
}

function isV2Result(result: DrawResult | DrawResultV2): result is DrawResultV2 {
  return bundleVersionOf(result.announcement) === 2;
}
