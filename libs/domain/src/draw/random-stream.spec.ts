import { createHash } from 'node:crypto';
import { RandomStream } from './random-stream.js';

const seedOf = (label: string) => new Uint8Array(createHash('sha256').update(label).digest());

/** Reference implementation straight from the documented layout, on node:crypto. */
function referenceWords(seed: Uint8Array, count: number): number[] {
  const words: number[] = [];
  for (let block = 0; words.length < count; block++) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(block));
    const digest = createHash('sha256').update(seed).update(counter).digest();
    for (let k = 0; k < 8; k++) words.push(digest.readUInt32BE(k * 4));
  }
  return words.slice(0, count);
}

function chiSquare(counts: readonly number[], expected: number): number {
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

describe('RandomStream', () => {
  it('produces SHA-256(seed ‖ 64-bit big-endian block counter) words, big-endian, in order', () => {
    const seed = seedOf('layout');
    const stream = new RandomStream(seed);
    const words = Array.from({ length: 20 }, () => stream.nextUint32());
    expect(words).toEqual(referenceWords(seed, 20));
    expect(stream.position).toBe(20);
  });

  it('resumes at a position exactly where a continuous stream would be', () => {
    const seed = seedOf('resume');
    const continuous = new RandomStream(seed);
    for (let i = 0; i < 13; i++) continuous.uniformInt(1000);
    const resumed = new RandomStream(seed, continuous.position);
    expect(Array.from({ length: 10 }, () => resumed.uniformInt(97))).toEqual(
      Array.from({ length: 10 }, () => continuous.uniformInt(97)),
    );
  });

  it('rejects words at or above the largest multiple of n, consuming the next word instead', () => {
    // n = 3·2^30: limit = 2^32 − 2^30, so a quarter of the words are rejected.
    const n = 3 * 2 ** 30;
    const seed = seedOf('rejection');
    const words = referenceWords(seed, 400);
    const stream = new RandomStream(seed);
    const expected: number[] = [];
    let w = 0;
    while (expected.length < 100) {
      const word = words[w++];
      if (word < 2 ** 32 - 2 ** 30) expected.push(word % n);
    }
    const actual = Array.from({ length: 100 }, () => stream.uniformInt(n));
    expect(actual).toEqual(expected);
    expect(stream.position).toBe(w);
    expect(w).toBeGreaterThan(100); // some words really were rejected
  });

  it('has no modulo bias where plain `word mod n` would double the first third (chi-square, 3 buckets)', () => {
    const n = 3 * 2 ** 30;
    const stream = new RandomStream(seedOf('bias'));
    const buckets = [0, 0, 0];
    const samples = 30_000;
    for (let i = 0; i < samples; i++) buckets[Math.floor(stream.uniformInt(n) / 2 ** 30)]++;
    // Without rejection bucket 0 would get half the samples: chi-square in the thousands.
    expect(chiSquare(buckets, samples / 3)).toBeLessThan(13.82); // df = 2, p = 0.001
  });

  it('is uniform on small ranges (chi-square, n = 7)', () => {
    const stream = new RandomStream(seedOf('small'));
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[stream.uniformInt(7)]++;
    expect(chiSquare(counts, 10_000)).toBeLessThan(22.46); // df = 6, p = 0.001
  });

  it('always returns 0 for n = 1 but still consumes a word, and refuses bad ranges', () => {
    const stream = new RandomStream(seedOf('one'));
    expect(stream.uniformInt(1)).toBe(0);
    expect(stream.position).toBe(1);
    expect(() => stream.uniformInt(0)).toThrow(RangeError);
    expect(() => stream.uniformInt(2 ** 32 + 1)).toThrow(RangeError);
    expect(() => stream.uniformInt(2.5)).toThrow(RangeError);
    expect(() => new RandomStream(new Uint8Array(16))).toThrow('32 bytes');
  });
});
