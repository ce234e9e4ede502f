import { Sha256 } from './sha256.js';
import { toHex } from './encoding.js';

/** A streaming SHA-256 such as Sha256 or node:crypto's `createHash('sha256')`. */
export interface StreamingHash {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

/**
 * Makes a fresh SHA-256. The draw hashes populations with the pure-TypeScript Sha256 unless a
 * caller on a server passes a native one (e.g. `() => createHash('sha256')`) for speed: it must be
 * SHA-256, and the results are identical either way.
 */
export type Sha256Factory = () => StreamingHash;

export const pureSha256: Sha256Factory = () => new Sha256();

const encoder = new TextEncoder();

/** Characters buffered before a chunk is encoded and hashed: big enough to amortise the call. */
const CHUNK_CHARS = 1 << 16;

/**
 * SHA-256 of lines joined by "\n" (no trailing newline), UTF-8, fed one line at a time.
 * Lines are joined into ~64K-character chunks that are encoded (TextEncoder.encodeInto) and hashed
 * as they fill: a million ids never become one giant string. (Encoding character by character in
 * JavaScript was measured 1.5–3× slower than this.) Zero lines hash as the empty string.
 */
export class LineHasher {
  private readonly hash: StreamingHash;
  private chunk = '';
  private lines = 0;
  private scratch = new Uint8Array(CHUNK_CHARS * 4);

  constructor(createHash: Sha256Factory = pureSha256) {
    this.hash = createHash();
  }

  /** Appends one line. */
  add(line: string): void {
    this.chunk += this.lines++ === 0 ? line : '\n' + line;
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
  }

  /** Lowercase hex digest; the hasher cannot be used afterwards. */
  hex(): string {
    this.flush();
    return toHex(this.hash.digest());
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    // encodeInto a reused buffer: no fresh array per chunk.
    if (this.scratch.length < this.chunk.length * 3) this.scratch = new Uint8Array(this.chunk.length * 3);
    const { written } = encoder.encodeInto(this.chunk, this.scratch);
    this.hash.update(this.scratch.subarray(0, written));
    this.chunk = '';
  }
}

/** Lowercase hex SHA-256 of `count` lines joined by "\n", line i being `lineAt(i)`. */
export function sha256HexOfLines(
  count: number,
  lineAt: (index: number) => string,
  createHash: Sha256Factory = pureSha256,
): string {
  const hasher = new LineHasher(createHash);
  for (let i = 0; i < count; i++) hasher.add(lineAt(i));
  return hasher.hex();
}
