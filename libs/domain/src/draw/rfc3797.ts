import { DrawRuleError } from './draw-error.js';
import { md5 } from './hash/md5.js';

/** RFC 3797 numbers each selection with a 2-byte index, so one key selects at most 65,536 members. */
export const RFC3797_MAX_SELECTIONS = 0x10000;

/** One public randomness source: its numbers (sorted by the key rule) or a string. */
export type Rfc3797Source = number[] | string;

/**
 * The RFC 3797 §4 key string for `sources`, in announced order. A numeric source contributes each
 * value in decimal followed by "." (values sorted ascending); a string source contributes its
 * letters and digits upper-cased (accents dropped, everything else removed); every source is
 * closed by "/". Example: [[9319], [2, 5, 12, 8, 10], [9, 18, 26, 34, 41, 45]] gives
 * `9319./2.5.8.10.12./9.18.26.34.41.45./`.
 */
export function rfc3797Key(sources: readonly Rfc3797Source[]): string {
  if (sources.length === 0) throw new DrawRuleError('invalid-public-randomness', 'RFC 3797 needs at least one source');
  return sources
    .map((source) => {
      if (typeof source === 'string') {
        const cleaned = source.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
        if (cleaned === '') {
          throw new DrawRuleError('invalid-public-randomness', `RFC 3797 source '${source}' has no letters or digits`);
        }
        return `${cleaned}/`;
      }
      if (source.length === 0 || !source.every((n) => Number.isSafeInteger(n) && n >= 0)) {
        throw new DrawRuleError('invalid-public-randomness', 'RFC 3797 numeric sources must be non-empty lists of non-negative integers');
      }
      return [...source].sort((a, b) => a - b).map((n) => `${n}.`).join('') + '/';
    })
    .join('');
}

/**
 * Reads the sources out of a public randomness value: sources separated by "/"; a source made only of
 * digits and separators (space, comma, period, semicolon) is a list of numbers, anything else a
 * string. So both "9319 / 2 5 8 10 12 / 9 18 26 34 41 45" and the key form
 * "9319./2.5.8.10.12./9.18.26.34.41.45./" give the RFC example's sources.
 */
export function parseRfc3797Sources(value: string): Rfc3797Source[] {
  const pieces = value.split('/').map((piece) => piece.trim());
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  if (pieces.length === 0 || pieces.some((piece) => piece === '')) {
    throw new DrawRuleError('invalid-public-randomness', 'RFC 3797 public value must be non-empty sources separated by "/"');
  }
  return pieces.map((piece) => {
    if (/^[\d\s.,;]+$/.test(piece) && /\d/.test(piece)) {
      return piece.split(/[\s.,;]+/).filter(Boolean).map(Number);
    }
    return piece;
  });
}

/**
 * RFC 3797 §4 selection of `count` members from a pool numbered 1..poolSize. Selection i
 * (i = 0, 1, …) hashes MD5(i as 2 bytes big-endian ‖ key ‖ the same 2 bytes), reads the digest as a
 * big-endian 128-bit integer, takes it modulo the number of members not yet selected, and selects
 * the (remainder + 1)-th remaining member in ascending order. Returns 1-based pool numbers in
 * selection order. (The RFC's modulo has a small bias for large pools; this mode exists for
 * compatibility with RFC 3797 tooling, the default algorithm is unbiased.)
 */
export function rfc3797Select(key: string, poolSize: number, count: number): number[] {
  if (!/^[\x20-\x7e]+$/.test(key)) throw new DrawRuleError('invalid-public-randomness', 'RFC 3797 key must be printable ASCII');
  if (!Number.isSafeInteger(poolSize) || poolSize < 0 || !Number.isSafeInteger(count) || count < 0 || count > poolSize) {
    throw new RangeError(`rfc3797Select: cannot select ${count} of ${poolSize}`);
  }
  if (count > RFC3797_MAX_SELECTIONS) {
    throw new DrawRuleError('invalid-rules', `RFC 3797 selects at most ${RFC3797_MAX_SELECTIONS} members per key, asked for ${count}`);
  }
  const input = new Uint8Array(key.length + 4);
  for (let k = 0; k < key.length; k++) input[k + 2] = key.charCodeAt(k);
  const remaining = new RemainingMembers(poolSize);
  const selected: number[] = [];
  for (let i = 0; i < count; i++) {
    input[0] = input[key.length + 2] = i >>> 8;
    input[1] = input[key.length + 3] = i & 0xff;
    const digest = md5(input);
    const left = poolSize - i;
    let remainder = 0;
    // Long division byte by byte: the 128-bit value never has to exist as a number.
    for (let k = 0; k < 16; k++) remainder = (remainder * 256 + digest[k]) % left;
    selected.push(remaining.takeNth(remainder + 1));
  }
  return selected;
}

/**
 * The still-unselected members 1..n as a Fenwick tree of 0/1 counts, so "the k-th remaining member"
 * costs O(log n) instead of counting through a list (which would be O(n) per pick on 1M targets).
 */
class RemainingMembers {
  private readonly tree: Int32Array;
  private readonly topBit: number;

  constructor(private readonly size: number) {
    this.tree = new Int32Array(size + 1);
    for (let i = 1; i <= size; i++) this.tree[i] = i & -i; // every member present: node i covers (i & -i) members
    this.topBit = size === 0 ? 0 : 2 ** Math.floor(Math.log2(size));
  }

  /** Removes and returns the k-th (1-based) remaining member. */
  takeNth(k: number): number {
    let position = 0;
    let left = k;
    for (let step = this.topBit; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.size && this.tree[next] < left) {
        position = next;
        left -= this.tree[next];
      }
    }
    const member = position + 1;
    for (let i = member; i <= this.size; i += i & -i) this.tree[i]--;
    return member;
  }
}
