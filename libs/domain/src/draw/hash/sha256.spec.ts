import { createHash } from 'node:crypto';
import { PrefixedSha256, Sha256, sha256 } from './sha256.js';
import { toHex, fromHex } from './encoding.js';
import { sha256HexOfLines } from './hash-lines.js';

const nodeSha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

function bytes(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 131 + 7) & 0xff);
}

describe('SHA-256 (pure TypeScript)', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(toHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('matches node:crypto around every padding boundary and for long inputs', () => {
    for (const length of [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 100_003]) {
      const data = bytes(length);
      expect(toHex(sha256(data))).toBe(nodeSha256(data));
    }
  });

  it('gives the same digest however the input is split across update calls', () => {
    const data = bytes(1000);
    for (const cut of [1, 63, 64, 65, 500, 999]) {
      const hash = new Sha256().update(data.subarray(0, cut)).update(data.subarray(cut));
      expect(toHex(hash.digest())).toBe(nodeSha256(data));
    }
  });

  it('hashes strings as UTF-8, Chinese included', () => {
    const text = '区水利水电局 双随机、一公开 😀';
    expect(toHex(sha256(text))).toBe(nodeSha256(Buffer.from(text, 'utf8')));
  });

  it('hashes line lists exactly like the joined text', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `T${i}-水利`);
    expect(sha256HexOfLines(lines.length, (i) => lines[i])).toBe(nodeSha256(lines.join('\n')));
    expect(sha256HexOfLines(0, () => 'x')).toBe(nodeSha256(''));
  });

  it('refuses to be updated after digest', () => {
    const hash = new Sha256();
    hash.digest();
    expect(() => hash.update(new Uint8Array(1))).toThrow('update after digest');
  });

  it('round-trips hex', () => {
    expect(toHex(fromHex('00ff10Ab'))).toBe('00ff10ab');
    expect(() => fromHex('abc')).toThrow(RangeError);
    expect(() => fromHex('zz')).toThrow(RangeError);
  });
});

describe('LineHasher', () => {
  it('encodes every kind of character like TextEncoder, across buffer boundaries', () => {
    const lines = ['', 'ascii', 'é ß', '水利 双随机', '😀 𠀋', 'x'.repeat(30_000), '\ud800 lone', 'end'];
    const many = Array.from({ length: 3000 }, (_, i) => lines[i % lines.length] + i);
    expect(sha256HexOfLines(many.length, (i) => many[i])).toBe(nodeSha256(Buffer.from(new TextEncoder().encode(many.join('\n')))));
    const huge = ['a', '水'.repeat(40_000), 'b'];
    expect(sha256HexOfLines(3, (i) => huge[i])).toBe(nodeSha256(huge.join('\n')));
  });
});

describe('PrefixedSha256', () => {
  it('equals SHA-256 of prefix ‖ bytes ‖ ascii for every length around the block boundaries', () => {
    const ascii = 'T0123456789abcdefghijklmnopqrstuvwxyz-._:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij';
    for (const prefixLength of [0, 1, 55, 56, 63, 64, 65, 90, 128, 130]) {
      const prefix = new Uint8Array(prefixLength).map((_, i) => (i * 37 + 11) & 0xff);
      const hasher = new PrefixedSha256(prefix);
      for (const bytesLength of [0, 32]) {
        const bytes = bytesLength ? new Uint8Array(bytesLength).map((_, i) => (i * 13 + 5) & 0xff) : null;
        for (let n = 0; n <= ascii.length; n += 7) {
          const text = ascii.slice(0, n);
          const expected = createHash('sha256').update(prefix).update(bytes ?? new Uint8Array(0)).update(text).digest('hex');
          expect(toHex(hasher.digest(bytes, text))).toBe(expected);
        }
      }
    }
  });
});
