import { Sha256 } from './hash/sha256.js';

const WORDS_PER_BLOCK = 8;
const TWO_POW_32 = 0x1_0000_0000;

/**
 * The draw's deterministic random stream: 32-bit words from SHA-256 in counter mode.
 *
 * Block b (b = 0, 1, …) is SHA-256(seed ‖ b as 8-byte big-endian); it yields words
 * 8b … 8b+7, each 4 bytes big-endian in order. `position` counts the words consumed, so the stream
 * can be resumed exactly where a draw (or an earlier substitution) left it.
 */
export class RandomStream {
  private readonly counterInput: Uint8Array;
  private blockIndex = -1;
  private block: Uint8Array = new Uint8Array(32);
  private consumed: number;

  /** @param seed the 32-byte draw seed; @param position words already consumed (to resume). */
  constructor(seed: Uint8Array, position = 0) {
    if (seed.length !== 32) throw new RangeError('the seed must be 32 bytes');
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError('invalid stream position');
    this.counterInput = new Uint8Array(40);
    this.counterInput.set(seed);
    this.consumed = position;
  }

  /** Number of 32-bit words consumed so far. */
  get position(): number {
    return this.consumed;
  }

  /** Next word, an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const index = Math.floor(this.consumed / WORDS_PER_BLOCK);
    if (index !== this.blockIndex) this.loadBlock(index);
    const offset = (this.consumed % WORDS_PER_BLOCK) * 4;
    this.consumed++;
    const b = this.block;
    return ((b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3]) >>> 0;
  }

  /**
   * Uniform integer in [0, n) for 1 ≤ n ≤ 2^32, by rejection sampling: words at or above the
   * largest multiple of n not exceeding 2^32 are discarded, so `word mod n` has no bias.
   * Every call consumes at least one word (also for n = 1), which keeps stream positions simple.
   */
  uniformInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) throw new RangeError(`uniformInt: bad range ${n}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const word = this.nextUint32();
      if (word < limit) return word % n;
    }
  }

  private loadBlock(index: number): void {
    const input = this.counterInput;
    // 8-byte big-endian counter; the high half stays 0 below 2^32 blocks (2^35 words).
    const high = Math.floor(index / TWO_POW_32);
    const low = index >>> 0;
    input[32] = high >>> 24;
    input[33] = (high >>> 16) & 0xff;
    input[34] = (high >>> 8) & 0xff;
    input[35] = high & 0xff;
    input[36] = low >>> 24;
    input[37] = (low >>> 16) & 0xff;
    input[38] = (low >>> 8) & 0xff;
    input[39] = low & 0xff;
    this.block = new Sha256().update(input).digest();
    this.blockIndex = index;
  }
}
