/** Byte/string helpers shared by the hashes and the draw; browser-safe (no Buffer). */
const HEX = '0123456789abcdef';
const encoder = new TextEncoder();

const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
const CHUNK_BYTES = 4096;
const codes: number[] = [];

/**
 * Lowercase hexadecimal of `bytes`. Built from character codes in one call rather than by
 * concatenation, so the result is a flat string: a million 64-digit leaves as concatenated ropes
 * cost seconds of garbage collection.
 */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    const end = Math.min(start + CHUNK_BYTES, bytes.length);
    codes.length = (end - start) * 2;
    for (let i = start, j = 0; i < end; i++, j += 2) {
      codes[j] = HEX_CODES[bytes[i] >>> 4];
      codes[j + 1] = HEX_CODES[bytes[i] & 15];
    }
    out += String.fromCharCode.apply(null, codes);
  }
  return out;
}

/** Bytes of an even-length hexadecimal string (either case); throws RangeError otherwise. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new RangeError('not an even-length hexadecimal string');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
