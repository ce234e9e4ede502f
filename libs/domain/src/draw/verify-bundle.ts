import { DrawRuleError } from './draw-error.js';
import { DRAW_ALGORITHM_VERSION, STRATA, validateDrawRules } from './draw-rules.js';
import { DRAW_BUNDLE_FORMAT, DRAW_BUNDLE_VERSION, type DrawBundle, type DrawOutcome } from './draw-bundle.js';
import { prepareDraw, type DrawOptions, type PreparedDraw } from './announce-draw.js';
import { diffAnnouncement } from './diff-announcement.js';
import { compareList, compareValue, show } from './compare.js';
import { rfc3797Keys, runDraw } from './execute-draw.js';
import { fromHex, toHex } from './hash/encoding.js';
import { sha256 } from './hash/sha256.js';
import { deriveSeed } from './seed.js';
import type { SkipRecord } from './skip-rules.js';
import type { TeamAssignment } from './assign-inspectors.js';
import { SubstitutionState } from './substitute.js';

/** Outcome of verifyDrawBundle: valid only when nothing differs. */
export interface DrawVerification {
  valid: boolean;
  /** Each difference names where it is, e.g. `outcome.strata[B].selected[3]: published X, recomputed Y`. */
  differences: string[];
}

/**
 * Recomputes everything in a published bundle from its own data and reports every place where the
 * bundle says something else: the bundle layout, the rules, population sizes and hashes, the secret
 * against the commitment, the seed, every stratum's selection, every team, every skip, the stream
 * position and every substitution (replayed in order). Never throws: a malformed bundle is invalid.
 */
export function verifyDrawBundle(bundle: unknown, options: DrawOptions = {}): DrawVerification {
  const differences: string[] = [];
  try {
    verifyInto(bundle, differences, options);
  } catch (error) {
    differences.push(`verification stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { valid: differences.length === 0, differences };
}

function verifyInto(input: unknown, out: string[], options: DrawOptions): void {
  const shapeProblems = checkShape(input);
  if (shapeProblems.length > 0) {
    out.push(...shapeProblems);
    return;
  }
  const bundle = input as DrawBundle;
  const { announcement, reveal } = bundle;
  const ruleProblems = validateDrawRules(announcement.rules);
  if (ruleProblems.length > 0) {
    out.push(...ruleProblems.map((problem) => `announcement.rules: ${problem}`));
    return;
  }
  compareValue('announcement.algorithmVersion', announcement.algorithmVersion, DRAW_ALGORITHM_VERSION, out);

  // 1. Populations: canonical, and the announced sizes and hashes.
  let prepared: PreparedDraw;
  try {
    prepared = prepareDraw({
      drawId: announcement.drawId,
      rules: announcement.rules,
      targets: bundle.populations.targets,
      inspectors: bundle.populations.inspectors,
      commitment: announcement.commitment,
      publicRandomnessSource: announcement.publicRandomnessSource,
    }, options);
  } catch (error) {
    if (!(error instanceof DrawRuleError)) throw error;
    out.push(...error.problems.map((problem) => `populations or announcement: ${problem}`));
    return;
  }
  checkCanonicalOrder('populations.targets', bundle.populations.targets, prepared.populations.targets, out);
  checkCanonicalOrder('populations.inspectors', bundle.populations.inspectors, prepared.populations.inspectors, out);
  out.push(...diffAnnouncement(announcement, prepared.announcement, { commitment: false }));

  // 2. Secret against commitment, then the seed.
  if (typeof reveal.secret !== 'string' || !/^(?:[0-9a-f]{2}){32,128}$/.test(reveal.secret)) {
    out.push('reveal.secret must be 64 to 256 lowercase hexadecimal characters');
    return;
  }
  const secretHash = toHex(sha256(fromHex(reveal.secret)));
  if (secretHash !== announcement.commitment) {
    out.push(
      `reveal.secret does not match the commitment: SHA-256(secret) = ${secretHash}, announced commitment = ${show(announcement.commitment)}`,
    );
  }
  let seed: Uint8Array;
  try {
    seed = deriveSeed(reveal.secret, reveal.publicRandomnessValue);
  } catch (error) {
    out.push(`reveal.publicRandomnessValue: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  compareValue('reveal.seed', reveal.seed, toHex(seed), out);
  if (announcement.rules.algorithm === 'rfc3797') {
    const keys = rfc3797Keys(reveal.publicRandomnessValue);
    for (const stratum of STRATA) {
      compareValue(`reveal.rfc3797Keys.${stratum}`, reveal.rfc3797Keys?.[stratum], keys[stratum], out);
    }
  }

  // 3. The draw itself.
  let outcome: DrawOutcome;
  try {
    outcome = runDraw(prepared.populations, prepared.byStratum, announcement.rules, seed, reveal.publicRandomnessValue);
  } catch (error) {
    out.push(`recomputing the draw failed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  compareOutcome(bundle.outcome, outcome, out);

  // 4. Substitutions, replayed in order on the recomputed state.
  const state = new SubstitutionState(prepared.populations, announcement.rules, seed, outcome);
  bundle.substitutions.forEach((published, i) => {
    const label = `substitutions[${i}]`;
    compareValue(`${label}.sequence`, published?.sequence, i + 1, out);
    compareValue(`${label}.streamStart`, published?.streamStart, state.position, out);
    let record;
    try {
      record = state.draw({
        targetId: published?.targetId,
        inspectorId: published?.withdrawnInspectorId,
        reason: published?.reason,
      });
    } catch (error) {
      out.push(`${label}: cannot be replayed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    compareValue(`${label}.replacementInspectorId`, published.replacementInspectorId, record.replacementInspectorId, out);
    compareList(`${label}.skips`, published.skips, record.skips, renderSkip, out);
    compareValue(`${label}.streamEnd`, published.streamEnd, record.streamEnd, out);
  });
}

function compareOutcome(published: DrawOutcome, recomputed: DrawOutcome, out: string[]): void {
  const strata = Array.isArray(published.strata) ? published.strata : [];
  compareValue('outcome.strata.length', strata.length, recomputed.strata.length, out);
  recomputed.strata.forEach((mine, i) => {
    const theirs = strata[i];
    const label = `outcome.strata[${mine.stratum}]`;
    compareValue(`${label}.stratum`, theirs?.stratum, mine.stratum, out);
    compareValue(`${label}.size`, theirs?.size, mine.size, out);
    compareValue(`${label}.sampleSize`, theirs?.sampleSize, mine.sampleSize, out);
    compareList(`${label}.selected`, theirs?.selected, mine.selected, String, out);
  });
  compareList('outcome.teams', published.teams, recomputed.teams, renderTeam, out);
  compareList('outcome.skips', published.skips, recomputed.skips, renderSkip, out);
  compareValue('outcome.streamPosition', published.streamPosition, recomputed.streamPosition, out);
}

function renderTeam(team: TeamAssignment): string {
  return `${team.targetId} (${team.stratum}): ${team.inspectorIds.join(', ')}`;
}

function renderSkip(skip: SkipRecord): string {
  return `${skip.targetId}/${skip.inspectorId} ${skip.rule} (${skip.reason})`;
}

function checkCanonicalOrder(
  label: string,
  published: readonly { id: string }[],
  canonical: readonly { id: string }[],
  out: string[],
): void {
  const first = canonical.findIndex((entry, i) => published[i].id !== entry.id);
  if (first >= 0) out.push(`${label} is not in canonical (sorted by id) order, first at index ${first}`);
}

function checkShape(bundle: unknown): string[] {
  if (!isObject(bundle)) return ['the bundle is not a JSON object'];
  const problems: string[] = [];
  if (bundle.format !== DRAW_BUNDLE_FORMAT) problems.push(`format must be '${DRAW_BUNDLE_FORMAT}'`);
  if (bundle.version !== DRAW_BUNDLE_VERSION) {
    problems.push(`version ${show(bundle.version)} is not supported (this verifier reads version ${DRAW_BUNDLE_VERSION})`);
  }
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${what} is missing or malformed`);
  };
  const { announcement, reveal, populations, outcome } = bundle;
  need(isObject(announcement), 'announcement');
  need(isObject(reveal), 'reveal');
  need(isObject(populations) && Array.isArray(populations.targets) && Array.isArray(populations.inspectors), 'populations');
  need(
    isObject(outcome) && Array.isArray(outcome.strata) && Array.isArray(outcome.teams) && Array.isArray(outcome.skips),
    'outcome',
  );
  need(Array.isArray(bundle.substitutions), 'substitutions');
  return problems;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
