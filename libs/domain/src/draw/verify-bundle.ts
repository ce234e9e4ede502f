import { DrawRuleError } from './draw-error.js';
import { DRAW_ALGORITHM_VERSION, STRATA, validateDrawRules, type DrawRules, type Stratum } from './draw-rules.js';
import {
  DRAW_BUNDLE_FORMAT,
  DRAW_BUNDLE_VERSIONS,
  type DrawBundle,
  type DrawBundleV2,
  type DrawOutcome,
  type DrawReveal,
} from './draw-bundle.js';
import { announcementV2, prepareDraw, sampleSizesOf, type DrawOptions, type PreparedDraw } from './announce-draw.js';
import { diffAnnouncement, diffAnnouncementV2 } from './diff-announcement.js';
import { compareList, compareValue, show } from './compare.js';
import { rfc3797Keys, runDraw } from './execute-draw.js';
import { fromHex, toHex } from './hash/encoding.js';
import { PrefixedSha256, sha256 } from './hash/sha256.js';
import { deriveSeed } from './seed.js';
import { InspectorPool, type SkipRecord } from './skip-rules.js';
import type { TeamAssignment } from './assign-inspectors.js';
import { substitutionStateV1, substitutionStateV2, type SubstitutionState } from './substitute.js';
import { arrayMembers, type StratumMembers } from './select-targets.js';
import { checkPublicInspectors, type PublicInspector } from './population.js';
import { EXCLUSION_RULES, isHex64, isSaltHex, type Exclusion, type TargetOpening } from './disclosure.js';
import { isDrawId } from './text-checks.js';

/** Outcome of verifyDrawBundle: valid only when nothing differs. */
export interface DrawVerification {
  valid: boolean;
  /** Each difference names where it is, e.g. `outcome.strata[B].selected[3]: published X, recomputed Y`. */
  differences: string[];
}

/**
 * Recomputes everything in a published bundle (version 1 or 2) from its own data and reports every
 * place where the bundle says something else: the bundle layout, the rules, population sizes and
 * hashes (in version 2 the leaves, the public inspectors and the exclusions), the secret against the
 * commitment, the seed, every stratum's selection, every team, every skip, the stream position and
 * every substitution (replayed in order). Never throws: a malformed bundle is invalid.
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
  if ((input as { version: unknown }).version === 2) verifyV2(input as DrawBundleV2, out, options);
  else verifyV1(input as DrawBundle, out, options);
}

function verifyV1(bundle: DrawBundle, out: string[], options: DrawOptions): void {
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
  const seed = checkReveal(announcement.commitment, announcement.rules, reveal, out);
  if (!seed) return;

  // 3. The draw itself.
  let outcome: DrawOutcome;
  try {
    const members = {} as Record<Stratum, StratumMembers>;
    for (const stratum of STRATA) members[stratum] = arrayMembers(prepared.byStratum[stratum]);
    const pool = new InspectorPool(prepared.populations.inspectors, announcement.rules);
    outcome = runDraw(pool, members, announcement.rules, seed, reveal.publicRandomnessValue);
  } catch (error) {
    out.push(`recomputing the draw failed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  compareOutcome(bundle.outcome, outcome, out);

  // 4. Substitutions, replayed in order on the recomputed state.
  replaySubstitutions(bundle.substitutions, substitutionStateV1(prepared.populations, announcement.rules, seed, outcome), out);
}

/**
 * Version 2: the populations are public inspectors, committed exclusions and sealed targets; the
 * draw is re-run with the exclusions and with the drawn targets found through their openings.
 */
function verifyV2(bundle: DrawBundleV2, out: string[], options: DrawOptions): void {
  const { announcement, reveal, populations } = bundle;
  const rules = announcement.rules;
  const ruleProblems = validateDrawRules(rules);
  if (ruleProblems.length > 0) {
    out.push(...ruleProblems.map((problem) => `announcement.rules: ${problem}`));
    return;
  }
  compareValue('announcement.algorithmVersion', announcement.algorithmVersion, DRAW_ALGORITHM_VERSION, out);

  // 1. Populations: well-formed and canonical, and the announced sizes and hashes.
  const problems: string[] = [];
  if (!isHex64(announcement.commitment)) problems.push('announcement.commitment must be 64 lowercase hex characters');
  if (announcement.creditClass !== 'published' && announcement.creditClass !== 'withheld') {
    problems.push("announcement.creditClass must be 'published' or 'withheld'");
  }
  const inspectorProblems = checkPublicInspectors(populations.inspectors, rules);
  problems.push(...inspectorProblems);
  if (inspectorProblems.length === 0) {
    const inspectors = new Map<string, PublicInspector>(populations.inspectors.map((i) => [i.id, i]));
    problems.push(...checkExclusions(populations.exclusions, inspectors));
  }
  for (const stratum of STRATA) {
    const bad = populations.targets.strata[stratum].findIndex((leaf) => !isHex64(leaf));
    if (bad >= 0) problems.push(`populations.targets.strata.${stratum}[${bad}] must be a leaf (64 lowercase hex characters)`);
  }
  if (problems.length > 0) {
    out.push(...problems);
    return;
  }
  const leaves = populations.targets.strata;
  let sampleSizes: Record<Stratum, number>;
  try {
    sampleSizes = sampleSizesOf(rules, leaves);
  } catch (error) {
    if (!(error instanceof DrawRuleError)) throw error;
    out.push(...error.problems.map((problem) => `populations or announcement: ${problem}`));
    return;
  }
  const recomputed = announcementV2(
    announcement,
    { leaves, inspectors: populations.inspectors, exclusions: populations.exclusions },
    sampleSizes,
    options,
  );
  out.push(...diffAnnouncementV2(announcement, recomputed, { commitment: false }));

  // 2. Secret against commitment, then the seed.
  const seed = checkReveal(announcement.commitment, rules, reveal, out);
  if (!seed) return;

  // 3. The openings of the drawn targets, then the draw itself.
  const opened = checkOpenings(populations.targets.drawn, out);
  if (!opened) return;
  const used = new Map<string, { stratum: Stratum; position: number }>();
  const members = {} as Record<Stratum, StratumMembers>;
  for (const stratum of STRATA) {
    const list = leaves[stratum];
    members[stratum] = {
      length: list.length,
      member: (position) => {
        const leaf = list[position];
        const id = opened.get(leaf);
        if (id === undefined) {
          throw new DrawRuleError('invalid-population', `the target at position ${position} of stratum ${stratum} is drawn but populations.targets.drawn does not open it`);
        }
        used.set(leaf, { stratum, position });
        return { id, leaf };
      },
    };
  }
  let outcome: DrawOutcome;
  try {
    outcome = runDraw(new InspectorPool(populations.inspectors, rules, populations.exclusions), members, rules, seed, reveal.publicRandomnessValue);
  } catch (error) {
    out.push(`recomputing the draw failed: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  compareOutcome(bundle.outcome, outcome, out);
  for (const [leaf, id] of opened) if (!used.has(leaf)) out.push(`populations.targets.drawn: ${id} is opened but was not drawn (only drawn targets are opened)`);
  for (const stratum of STRATA) {
    // Leaves are in canonical (id) order: the opened ones must be too, relative to each other.
    const inStratum = [...used].filter(([, at]) => at.stratum === stratum).sort((a, b) => a[1].position - b[1].position);
    for (let i = 1; i < inStratum.length; i++) {
      const [before, after] = [opened.get(inStratum[i - 1][0]) as string, opened.get(inStratum[i][0]) as string];
      if (!(before < after)) {
        out.push(`populations.targets.strata.${stratum}: ${before} (position ${inStratum[i - 1][1].position}) is listed before ${after} (position ${inStratum[i][1].position}): not canonical order`);
      }
    }
  }

  // 4. Substitutions, replayed in order on the recomputed state.
  replaySubstitutions(bundle.substitutions, substitutionStateV2(populations, rules, seed, outcome), out);
}

/** Exclusions: well-formed, about inspectors of the population, in canonical order, and able to apply. */
function checkExclusions(exclusions: readonly unknown[], inspectors: ReadonlyMap<string, PublicInspector>): string[] {
  const problems: string[] = [];
  const unavailable = new Set<string>();
  let previous: [string, string] | undefined;
  for (let i = 0; i < exclusions.length && problems.length < 50; i++) {
    const e = exclusions[i];
    const where = `populations.exclusions[${i}]`;
    if (!isObject(e) || !(EXCLUSION_RULES as readonly unknown[]).includes(e.rule)) {
      problems.push(`${where}: must be { inspectorId, target?, rule: ${EXCLUSION_RULES.join(' | ')}, commitment }`);
      continue;
    }
    const exclusion = e as Exclusion;
    const keys = Object.keys(e).sort().join(',');
    const expected = exclusion.rule === 'conflict' ? 'commitment,inspectorId,rule,target' : 'commitment,inspectorId,rule';
    if (keys !== expected) problems.push(`${where}: has the keys ${keys}, expected ${expected.replace(/,/g, ', ')}`);
    if (exclusion.rule === 'conflict' && !isHex64(exclusion.target)) problems.push(`${where}: target must be a leaf (64 lowercase hex characters)`);
    if (!isHex64(exclusion.commitment)) problems.push(`${where}: commitment must be 64 lowercase hex characters`);
    const inspector = inspectors.get(exclusion.inspectorId);
    if (!inspector) {
      problems.push(`${where}: inspector ${show(exclusion.inspectorId)} is not in the inspector population`);
      continue;
    }
    const key: [string, string] = [exclusion.inspectorId, exclusion.target ?? ''];
    if (previous && !(previous[0] < key[0] || (previous[0] === key[0] && previous[1] < key[1]))) {
      problems.push(`${where}: not in canonical order (by inspectorId, then target; no repeats)`);
    }
    previous = key;
    if (inspector.certifiedCategories.length === 0) {
      problems.push(`${where}: inspector ${inspector.id} is not certified for the task, so no exclusion can apply (rule 1 comes first)`);
    }
    if (exclusion.rule === 'unavailable') unavailable.add(inspector.id);
    else if (unavailable.has(inspector.id)) {
      problems.push(`${where}: inspector ${inspector.id} is unavailable, so no conflict can apply (rule 2 comes first)`);
    }
  }
  return problems;
}

/** The openings of the drawn targets by leaf, or undefined (with the problems reported) when malformed. */
function checkOpenings(drawn: readonly TargetOpening[], out: string[]): Map<string, string> | undefined {
  const opened = new Map<string, string>();
  const leaves = new PrefixedSha256();
  const digest = new Uint8Array(32);
  const before = out.length;
  drawn.forEach((opening, i) => {
    if (!isObject(opening) || !isDrawId(opening.id) || !isSaltHex(opening.salt) || Object.keys(opening).sort().join() !== 'id,salt') {
      out.push(`populations.targets.drawn[${i}] must be { id, salt } (nothing else) with an id of the draw and a 32-hex salt`);
      return;
    }
    if (i > 0 && isObject(drawn[i - 1]) && !(drawn[i - 1].id < opening.id)) {
      out.push(`populations.targets.drawn is not in canonical order (sorted by id, no repeats) at index ${i}`);
    }
    opened.set(toHex(leaves.digest(fromHex(opening.salt), opening.id, digest)), opening.id);
  });
  return out.length === before ? opened : undefined;
}

/** Secret against commitment, the seed, and in rfc3797 mode the stratum keys; the seed, or undefined when it cannot be derived. */
function checkReveal(commitment: string, rules: DrawRules, reveal: DrawReveal, out: string[]): Uint8Array | undefined {
  if (typeof reveal.secret !== 'string' || !/^(?:[0-9a-f]{2}){32,128}$/.test(reveal.secret)) {
    out.push('reveal.secret must be 64 to 256 lowercase hexadecimal characters');
    return undefined;
  }
  const secretHash = toHex(sha256(fromHex(reveal.secret)));
  if (secretHash !== commitment) {
    out.push(
      `reveal.secret does not match the commitment: SHA-256(secret) = ${secretHash}, announced commitment = ${show(commitment)}`,
    );
  }
  let seed: Uint8Array;
  try {
    seed = deriveSeed(reveal.secret, reveal.publicRandomnessValue);
  } catch (error) {
    out.push(`reveal.publicRandomnessValue: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  compareValue('reveal.seed', reveal.seed, toHex(seed), out);
  if (rules.algorithm === 'rfc3797') {
    const keys = rfc3797Keys(reveal.publicRandomnessValue);
    for (const stratum of STRATA) {
      compareValue(`reveal.rfc3797Keys.${stratum}`, reveal.rfc3797Keys?.[stratum], keys[stratum], out);
    }
  }
  return seed;
}

function replaySubstitutions(substitutions: readonly DrawBundle['substitutions'][number][], state: SubstitutionState, out: string[]): void {
  substitutions.forEach((published, i) => {
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
  if (!(DRAW_BUNDLE_VERSIONS as readonly unknown[]).includes(bundle.version)) {
    problems.push(`version ${show(bundle.version)} is not supported (this verifier reads versions ${DRAW_BUNDLE_VERSIONS.join(' and ')})`);
  }
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${what} is missing or malformed`);
  };
  const { announcement, reveal, populations, outcome } = bundle;
  need(isObject(announcement), 'announcement');
  need(isObject(reveal), 'reveal');
  if (bundle.version === 2) {
    const targets = isObject(populations) ? populations.targets : undefined;
    need(
      isObject(populations) &&
        isObject(targets) &&
        isObject(targets.strata) &&
        STRATA.every((s) => Array.isArray(targets.strata[s])) &&
        Array.isArray(targets.drawn) &&
        Array.isArray(populations.inspectors) &&
        Array.isArray(populations.exclusions),
      'populations',
    );
    need(isObject(announcement) && announcement.bundleVersion === 2, 'announcement.bundleVersion (2)');
  } else if (bundle.version === 1) {
    need(isObject(populations) && Array.isArray(populations.targets) && Array.isArray(populations.inspectors), 'populations');
  }
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
