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
  type InspectionBurdenRule,
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
  type PublicInspector,
} from './population.js';
export {
  hashIds,
  inspectorRecordLine,
  publicInspectorRecordLine,
  exclusionLine,
  type TargetPopulationSummary,
  type InspectorPopulationSummary,
  type SealedTargetSummary,
  type PublicInspectorSummary,
  type ExclusionSummary,
} from './population-hash.js';
export {
  EXCLUSION_RULES,
  DISCLOSURE_KEY_BYTES,
  SALT_BYTES,
  generateDisclosureKey,
  deriveSalt,
  targetSalt,
  targetLeaf,
  exclusionSalt,
  reasonCommitment,
  reasonRecord,
  checkExclusionOpening,
  isDisclosureKey,
  type ExclusionRule,
  type Exclusion,
  type ExclusionOpening,
  type TargetOpening,
  type SealedTargets,
  type PublicPopulations,
  type Disclosure,
  type CreditClassPublication,
} from './disclosure.js';
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
export { SKIP_RULES, SKIP_RULES_V2, skipRulesOf, type SkipRule, type SkipRecord } from './skip-rules.js';
export { type TeamAssignment } from './assign-inspectors.js';
export { announceDraw, type AnnounceDrawInput, type DrawOptions } from './announce-draw.js';
export { executeDraw, sealPopulations, openExclusions, type DrawInput, type PrivatePopulations } from './execute-draw.js';
export { substitute, withSubstitution, currentTeams, type SubstitutionRequest } from './substitute.js';
export { verifyDrawBundle, type DrawVerification } from './verify-bundle.js';
export {
  DRAW_BUNDLE_FORMAT,
  DRAW_BUNDLE_VERSION,
  DRAW_BUNDLE_VERSIONS,
  createDrawBundle,
  bundleVersionOf,
  targetPopulationHash,
  type DrawBundleVersion,
  type DrawAnnouncement,
  type DrawAnnouncementV2,
  type AnyDrawAnnouncement,
  type DrawReveal,
  type DrawOutcome,
  type DrawResult,
  type DrawResultV2,
  type DrawBundle,
  type DrawBundleV2,
  type AnyDrawBundle,
  type SubstitutionRecord,
} from './draw-bundle.js';
export { Sha256, sha256, md5, toHex, fromHex, type Sha256Factory, type StreamingHash } from './hash/index.js';
