import { RandomStream } from './random-stream.js';
import { rfc3797Key, rfc3797Select, parseRfc3797Sources } from './rfc3797.js';
import { STRATA, sampleSize, type DrawRules, type Stratum } from './draw-rules.js';
import type { CanonicalTarget } from './population.js';
import type { ConflictKey } from './skip-rules.js';

/** The targets drawn from one stratum. */
export interface StratumSelection {
  stratum: Stratum;
  /** Targets in the stratum. */
  size: number;
  /** Targets drawn (from the rules: a count, or ceil(ratio × size)). */
  sampleSize: number;
  /** Ids of the drawn targets in selection order. */
  selected: string[];
}

/**
 * Draws `count` distinct indices from 0..n-1, uniformly, in selection order: a partial Fisher–Yates
 * shuffle of the identity array, where step i swaps position i with i + uniformInt(n − i).
 * Only the swapped positions are stored (a Map), so drawing 30,000 of 1,000,000 costs O(count).
 */
export function sampleIndices(stream: RandomStream, n: number, count: number): number[] {
  const moved = new Map<number, number>();
  const out: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const j = i + stream.uniformInt(n - i);
    const atJ = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    out[i] = atJ;
  }
  return out;
}

/** The RFC 3797 key of one stratum: the base key plus the stratum letter as one more string source. */
export function rfc3797StratumKey(publicValue: string, stratum: Stratum): string {
  return rfc3797Key([...parseRfc3797Sources(publicValue), stratum]);
}

/** The targets drawn from one stratum, as objects (runDraw needs their credit codes or leaves). */
export interface PickedStratum {
  stratum: Stratum;
  size: number;
  sampleSize: number;
  picked: ConflictKey[];
}

/**
 * The members of a stratum in canonical order, as the selection needs them: their number, and the
 * member at a position (asked only for the positions drawn). An array of targets is one (version 1);
 * a sealed stratum (version 2) answers with the opened target whose leaf is at that position.
 */
export interface StratumMembers {
  readonly length: number;
  member(index: number): ConflictKey;
}

/** A canonical list of targets as StratumMembers. */
export function arrayMembers(targets: readonly CanonicalTarget[]): StratumMembers {
  return { length: targets.length, member: (index) => targets[index] };
}

/**
 * Selects targets per stratum, A to D, each from its canonical (id-sorted) list.
 * `spotcheck-sha256-v1` draws with `stream` (which then continues into inspector assignment);
 * `rfc3797` uses the stratum's RFC 3797 key and leaves `stream` untouched.
 */
export function selectTargets(
  byStratum: Record<Stratum, StratumMembers>,
  rules: DrawRules,
  stream: RandomStream,
  publicValue: string,
): PickedStratum[] {
  return STRATA.map((stratum) => {
    const members = byStratum[stratum];
    const count = sampleSize(stratum, rules.strata[stratum], members.length);
    const picked =
      rules.algorithm === 'rfc3797'
        ? rfc3797Select(rfc3797StratumKey(publicValue, stratum), members.length, count).map((n) => members.member(n - 1))
        : sampleIndices(stream, members.length, count).map((i) => members.member(i));
    return { stratum, size: members.length, sampleSize: count, picked };
  });
}

/** The published form of a stratum's selection. */
export function toStratumSelection({ stratum, size, sampleSize, picked }: PickedStratum): StratumSelection {
  return { stratum, size, sampleSize, selected: picked.map((target) => target.id) };
}
