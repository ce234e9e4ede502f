import { LineHasher, pureSha256, sha256HexOfLines, type Sha256Factory } from './hash/hash-lines.js';
import { STRATA, type Stratum } from './draw-rules.js';
import type { CanonicalInspector, CanonicalTarget, PublicInspector } from './population.js';
import type { Exclusion } from './disclosure.js';

/** Size and hashes of the target population, as announced. */
export interface TargetPopulationSummary {
  size: number;
  /** SHA-256 of the sorted target ids joined by "\n". */
  idsHash: string;
  /**
   * SHA-256 of one line per target in canonical order: its credit code, or an empty line when it has
   * none. Freezes the codes the conflict rule matches (ids and strata are fixed by the id hashes).
   */
  creditCodesHash: string;
  /** Per stratum: size and SHA-256 of its sorted ids, publishable without naming any firm's grade. */
  strata: Record<Stratum, { size: number; idsHash: string }>;
}

/** Size and hashes of the inspector population, as announced. */
export interface InspectorPopulationSummary {
  size: number;
  /** SHA-256 of the sorted inspector ids joined by "\n". */
  idsHash: string;
  /** SHA-256 of one JSON line per inspector with every attribute the skip rules read. */
  recordsHash: string;
}

/** SHA-256 (hex) of ids joined by "\n", in the order given (callers pass canonical order). */
export function hashIds(ids: readonly string[], createHash: Sha256Factory = pureSha256): string {
  return sha256HexOfLines(ids.length, (i) => ids[i], createHash);
}

/** Targets of each stratum, in canonical order. */
export function splitByStratum(targets: readonly CanonicalTarget[]): Record<Stratum, CanonicalTarget[]> {
  const strata: Record<Stratum, CanonicalTarget[]> = { A: [], B: [], C: [], D: [] };
  for (const target of targets) strata[target.stratum].push(target);
  return strata;
}

/**
 * Announced summary of canonical targets (`byStratum` is splitByStratum(targets)).
 * One pass feeds all six hashes: at a million targets hashing is most of the cost of a draw.
 */
export function summariseTargets(
  targets: readonly CanonicalTarget[],
  byStratum: Record<Stratum, readonly CanonicalTarget[]>,
  createHash: Sha256Factory = pureSha256,
): TargetPopulationSummary {
  const all = new LineHasher(createHash);
  const codes = new LineHasher(createHash);
  const perStratum: Record<Stratum, LineHasher> = {
    A: new LineHasher(createHash),
    B: new LineHasher(createHash),
    C: new LineHasher(createHash),
    D: new LineHasher(createHash),
  };
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    all.add(target.id);
    perStratum[target.stratum].add(target.id);
    codes.add(target.creditCode ?? '');
  }
  const strata = {} as Record<Stratum, { size: number; idsHash: string }>;
  for (const stratum of STRATA) strata[stratum] = { size: byStratum[stratum].length, idsHash: perStratum[stratum].hex() };
  return { size: targets.length, idsHash: all.hex(), creditCodesHash: codes.hex(), strata };
}

/** Announced summary of canonical inspectors. */
export function summariseInspectors(
  inspectors: readonly CanonicalInspector[],
  createHash: Sha256Factory = pureSha256,
): InspectorPopulationSummary {
  return {
    size: inspectors.length,
    idsHash: sha256HexOfLines(inspectors.length, (i) => inspectors[i].id, createHash),
    recordsHash: sha256HexOfLines(inspectors.length, (i) => inspectorRecordLine(inspectors[i]), createHash),
  };
}

/**
 * JSON.stringify([id, department, certifiedCategories, [[from,to],…], [[targetId|null, creditCode|null,
 * relation],…], currentLoad]) of a canonical inspector (lists already sorted).
 */
export function inspectorRecordLine(inspector: CanonicalInspector): string {
  return JSON.stringify([
    inspector.id,
    inspector.department,
    inspector.certifiedCategories,
    inspector.leave.map((p) => [p.from, p.to]),
    inspector.conflicts.map((c) => [c.targetId ?? null, c.creditCode ?? null, c.relation]),
    inspector.currentLoad,
  ]);
}

/** Size and hashes of a sealed (version-2) target population, as announced. */
export interface SealedTargetSummary {
  size: number;
  /** SHA-256 of the four stratum hashes (A–D) joined by "\n". */
  leavesHash: string;
  /** Per stratum: size and SHA-256 of its leaves (lowercase hex) joined by "\n", in canonical order. */
  strata: Record<Stratum, { size: number; leavesHash: string }>;
}

/** Size and hashes of version-2 public inspectors, as announced. */
export interface PublicInspectorSummary {
  size: number;
  /** SHA-256 of the sorted inspector ids joined by "\n" (as in version 1). */
  idsHash: string;
  /** SHA-256 of one JSON line `[id, department, certifiedCategories, currentLoad]` per inspector. */
  recordsHash: string;
}

/** Size and hash of the exclusion list, as announced. */
export interface ExclusionSummary {
  size: number;
  /** SHA-256 of one JSON line `[inspectorId, target leaf or null, rule, commitment]` per exclusion, in canonical order. */
  hash: string;
}

/** Announced summary of the leaves of every stratum. */
export function summariseSealedTargets(leaves: Record<Stratum, readonly string[]>, createHash: Sha256Factory = pureSha256): SealedTargetSummary {
  const strata = {} as Record<Stratum, { size: number; leavesHash: string }>;
  let size = 0;
  for (const stratum of STRATA) {
    const list = leaves[stratum];
    strata[stratum] = { size: list.length, leavesHash: sha256HexOfLines(list.length, (i) => list[i], createHash) };
    size += list.length;
  }
  return { size, leavesHash: sha256HexOfLines(STRATA.length, (i) => strata[STRATA[i]].leavesHash, createHash), strata };
}

/** JSON.stringify([id, department, certifiedCategories, currentLoad]) of a public inspector. */
export function publicInspectorRecordLine(inspector: PublicInspector): string {
  return JSON.stringify([inspector.id, inspector.department, inspector.certifiedCategories, inspector.currentLoad]);
}

/** Announced summary of version-2 public inspectors. */
export function summarisePublicInspectors(inspectors: readonly PublicInspector[], createHash: Sha256Factory = pureSha256): PublicInspectorSummary {
  return {
    size: inspectors.length,
    idsHash: sha256HexOfLines(inspectors.length, (i) => inspectors[i].id, createHash),
    recordsHash: sha256HexOfLines(inspectors.length, (i) => publicInspectorRecordLine(inspectors[i]), createHash),
  };
}

/** JSON.stringify([inspectorId, target or null, rule, commitment]) of an exclusion. */
export function exclusionLine(exclusion: Exclusion): string {
  return JSON.stringify([exclusion.inspectorId, exclusion.target ?? null, exclusion.rule, exclusion.commitment]);
}

/** Announced summary of the exclusions. */
export function summariseExclusions(exclusions: readonly Exclusion[], createHash: Sha256Factory = pureSha256): ExclusionSummary {
  return { size: exclusions.length, hash: sha256HexOfLines(exclusions.length, (i) => exclusionLine(exclusions[i]), createHash) };
}
