/**
 * SHA-256 (FIPS 180-4) in plain TypeScript.
 *
 * Why not `node:crypto`: the public portal re-verifies draws in the browser with exactly this code,
 * and a synchronous hash keeps the draw a pure function (WebCrypto's digest is async-only).
 * The implementation is incremental so that a population of a million ids can be hashed without
 * first building one huge string.
 */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL_STATE = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const encoder = new TextEncoder();

/** Incremental SHA-256. `update` may be called any number of times before `digest`. */
export class Sha256 {
  private readonly state = new Int32Array(INITIAL_STATE);
  private readonly block = new Uint8Array(64);
  private readonly w = new Int32Array(64);
  private blockLength = 0;
  private totalBytes = 0;
  private finished = false;
  private scratch = new Uint8Array(0);

  /** Feeds bytes into the hash. */
  update(data: Uint8Array): this {
    if (this.finished) throw new Error('Sha256: update after digest');
    let offset = 0;
    const length = data.length;
    this.totalBytes += length;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, length);
      this.block.set(data.subarray(0, take), this.blockLength);
      this.blockLength += take;
      offset = take;
      if (this.blockLength < 64) return this;
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    // Whole blocks straight from the caller's buffer: no copy on the hot path.
    while (offset + 64 <= length) {
      this.compress(data, offset);
      offset += 64;
    }
    if (offset < length) {
      this.block.set(data.subarray(offset), 0);
      this.blockLength = length - offset;
    }
    return this;
  }

  /** Feeds the UTF-8 encoding of `text` into the hash. */
  updateString(text: string): this {
    // encodeInto a reused buffer avoids allocating a fresh array for every chunk.
    const needed = text.length * 3;
    if (this.scratch.length < needed) this.scratch = new Uint8Array(Math.max(needed, 1024));
    const { written } = encoder.encodeInto(text, this.scratch);
    return this.update(this.scratch.subarray(0, written));
  }

  /** Finishes the hash and returns the 32-byte digest. The instance cannot be reused. */
  digest(): Uint8Array {
    if (this.finished) throw new Error('Sha256: digest called twice');
    this.finished = true;
    const bitsHigh = Math.floor(this.totalBytes / 0x20000000);
    const bitsLow = (this.totalBytes * 8) >>> 0;
    const block = this.block;
    block[this.blockLength++] = 0x80;
    if (this.blockLength > 56) {
      block.fill(0, this.blockLength);
      this.compress(block, 0);
      this.blockLength = 0;
    }
    block.fill(0, this.blockLength, 56);
    writeUint32(block, 56, bitsHigh);
    writeUint32(block, 60, bitsLow);
    this.compress(block, 0);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) writeUint32(out, i * 4, this.state[i]);
    return out;
  }

  private compress(data: Uint8Array, offset: number): void {
    compressBlock(this.state, this.w, data, offset);
  }
}

/** The SHA-256 compression function: one 64-byte block of `data` at `offset` into `s` (`w` is scratch). */
function compressBlock(s: Int32Array, w: Int32Array, data: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (data[j] << 24) | (data[j + 1] << 16) | (data[j + 2] << 8) | data[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  s[0] = (s[0] + a) | 0;
  s[1] = (s[1] + b) | 0;
  s[2] = (s[2] + c) | 0;
  s[3] = (s[3] + d) | 0;
  s[4] = (s[4] + e) | 0;
  s[5] = (s[5] + f) | 0;
  s[6] = (s[6] + g) | 0;
  s[7] = (s[7] + h) | 0;
}

/**
 * SHA-256 of many short messages `prefix ‖ bytes ‖ ascii` sharing one prefix: the prefix's whole
 * blocks are compressed once, and nothing is allocated per message. Hashing a million salted ids
 * this way takes about a second; a fresh Sha256 (or node:crypto's createHash) per id, several.
 * `ascii` must be ASCII (the draw's ids are, see ID_PATTERN): its characters are its UTF-8 bytes.
 */
export class PrefixedSha256 {
  private readonly mid = new Int32Array(INITIAL_STATE);
  private readonly state = new Int32Array(8);
  private readonly w = new Int32Array(64);
  private readonly tail: Uint8Array;
  private readonly prefixLength: number;
  private buffer = new Uint8Array(192);

  constructor(prefix: Uint8Array = new Uint8Array(0)) {
    this.prefixLength = prefix.length;
    const whole = prefix.length - (prefix.length % 64);
    for (let offset = 0; offset < whole; offset += 64) compressBlock(this.mid, this.w, prefix, offset);
    this.tail = prefix.slice(whole);
  }

  /** Writes SHA-256(prefix ‖ bytes ‖ ascii) into `out` (32 bytes) and returns it. */
  digest(bytes: Uint8Array | null, ascii: string, out: Uint8Array = new Uint8Array(32)): Uint8Array {
    const tailLength = this.tail.length;
    const bytesLength = bytes ? bytes.length : 0;
    const messageLength = tailLength + bytesLength + ascii.length;
    const padded = (messageLength + 9 + 63) & ~63;
    if (this.buffer.length < padded) this.buffer = new Uint8Array(padded * 2);
    const buffer = this.buffer;
    buffer.set(this.tail, 0);
    if (bytes) buffer.set(bytes, tailLength);
    let at = tailLength + bytesLength;
    for (let i = 0; i < ascii.length; i++) buffer[at++] = ascii.charCodeAt(i);
    buffer[at++] = 0x80;
    buffer.fill(0, at, padded - 8);
    const totalBytes = this.prefixLength - tailLength + messageLength;
    writeUint32(buffer, padded - 8, Math.floor(totalBytes / 0x20000000));
    writeUint32(buffer, padded - 4, (totalBytes * 8) >>> 0);
    const state = this.state;
    state.set(this.mid);
    for (let offset = 0; offset < padded; offset += 64) compressBlock(state, this.w, buffer, offset);
    for (let i = 0; i < 8; i++) writeUint32(out, i * 4, state[i]);
    return out;
  }
}

function writeUint32(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value >>> 24;
  out[offset + 1] = (value >>> 16) & 0xff;
  out[offset + 2] = (value >>> 8) & 0xff;
  out[offset + 3] = value & 0xff;
}

/** SHA-256 of `data` (bytes, or a string hashed as UTF-8). */
export function sha256(data: Uint8Array | string): Uint8Array {
  const hash = new Sha256();
  return (typeof data === 'string' ? hash.updateString(data) : hash.update(data)).digest();
}
