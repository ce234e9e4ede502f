/** The draw: pure, deterministic, verifiable. See docs/draw-algorithm.md. */
export { DrawRuleError, type DrawErrorCode } from './draw-error.js';
export { ID_PATTERN } from './text-checks.js';
export {
  STRATA,
  DRAW_ALGORITHM_VERSION,
  validateDrawRules,
  assertValidDrawRules,
  sampleSize,
  type Stratum,
  type StratumSampling,
  type TargetSelectionAlgorithm,
  type DrawRules,
} from './draw-rules.js';
export {
  canonicalTargets,
  canonicalInspectors,
  type TargetEntry,
  type InspectorEntry,
  type LeavePeriod,
  type ConflictDeclaration,
  type CanonicalTarget,
  type CanonicalInspector,
  type CanonicalConflict,
  type DrawPopulations,
} from './population.js';
export {
  hashIds,
  inspectorRecordLine,
  type TargetPopulationSummary,
  type InspectorPopulationSummary,
} from './population-hash.js';
export { SEED_PREFIX, generateDrawSecret, commitmentOf, deriveSeed } from './seed.js';
export { RandomStream } from './random-stream.js';
export { sampleIndices, rfc3797StratumKey, type StratumSelection } from './select-targets.js';
export {
  rfc3797Key,
  rfc3797Select,
  parseRfc3797Sources,
  RFC3797_MAX_SELECTIONS,
  type Rfc3797Source,
} from './rfc3797.js';
export { SKIP_RULES, type SkipRule, type SkipRecord } from './skip-rules.js';
export { type TeamAssignment } from './assign-inspectors.js';
export { announceDraw, type AnnounceDrawInput, type DrawOptions } from './announce-draw.js';
export { executeDraw, type DrawInput } from './execute-draw.js';
export { substitute, withSubstitution, currentTeams, type SubstitutionRequest } from './substitute.js';
export { verifyDrawBundle, type DrawVerification } from './verify-bundle.js';
export {
  DRAW_BUNDLE_FORMAT,
  DRAW_BUNDLE_VERSION,
  createDrawBundle,
  type DrawAnnouncement,
  type DrawReveal,
  type DrawOutcome,
  type DrawResult,
  type DrawBundle,
  type SubstitutionRecord,
} from './draw-bundle.js';
export { Sha256, sha256, md5, toHex, fromHex, type Sha256Factory, type StreamingHash } from './hash/index.js';
