import type { DRAW_ALGORITHM_VERSION, DrawRules, Stratum } from './draw-rules.js';
import type { DrawPopulations } from './population.js';
import type { InspectorPopulationSummary, TargetPopulationSummary } from './population-hash.js';
import type { StratumSelection } from './select-targets.js';
import type { TeamAssignment } from './assign-inspectors.js';
import type { SkipRecord } from './skip-rules.js';

/** `format` of every bundle, so a stray JSON file is recognised as not being one. */
export const DRAW_BUNDLE_FORMAT = 'spotcheck-draw-bundle';
/** Bumped on any incompatible change of the bundle layout. */
export const DRAW_BUNDLE_VERSION = 1;

/** What is published before the draw (planning.draw.announced): everything but the secret and the public value. */
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

/** Result of executeDraw: announcement (recomputed), reveal, canonical populations and outcome. */
export interface DrawResult {
  announcement: DrawAnnouncement;
  reveal: DrawReveal;
  populations: DrawPopulations;
  outcome: DrawOutcome;
}

/** The published, self-contained record of a draw; JSON-serialisable; what the verifier checks. */
export interface DrawBundle extends DrawResult {
  format: typeof DRAW_BUNDLE_FORMAT;
  version: typeof DRAW_BUNDLE_VERSION;
  /** Substitutions in the order they were made; empty right after the draw. */
  substitutions: SubstitutionRecord[];
}

/** Wraps a fresh draw result as a bundle with no substitutions yet. */
export function createDrawBundle(result: DrawResult): DrawBundle {
  return {
    format: DRAW_BUNDLE_FORMAT,
    version: DRAW_BUNDLE_VERSION,
    announcement: result.announcement,
    reveal: result.reveal,
    populations: result.populations,
    outcome: result.outcome,
    substitutions: [],
  };
}
