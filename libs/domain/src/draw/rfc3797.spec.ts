import { rfc3797Key, rfc3797Select, parseRfc3797Sources } from './rfc3797.js';
import { md5 } from './hash/md5.js';
import { toHex } from './hash/encoding.js';

const RFC_KEY = '9319./2.5.8.10.12./9.18.26.34.41.45./';

describe('RFC 3797 mode', () => {
  it('builds the RFC §6 key from its sources (numbers sorted, "." after each, "/" after each source)', () => {
    expect(rfc3797Key([[9319], [2, 5, 12, 8, 10], [9, 18, 26, 34, 41, 45]])).toBe(RFC_KEY);
    expect(rfc3797Key(['Mažňák lotto!', [3, 1]])).toBe('MAZNAKLOTTO/1.3./');
  });

  it('reads sources from a typed public value or from the key form itself', () => {
    expect(rfc3797Key(parseRfc3797Sources('9319 / 2 5 12 8 10 / 9, 18, 26, 34, 41, 45'))).toBe(RFC_KEY);
    expect(rfc3797Key(parseRfc3797Sources(RFC_KEY))).toBe(RFC_KEY);
    expect(parseRfc3797Sources('DJIA 12345.67 / 3')).toEqual(['DJIA 12345.67', [3]]);
    expect(() => parseRfc3797Sources(' / ')).toThrow('RFC 3797');
    expect(() => parseRfc3797Sources('1 2 // 3')).toThrow('RFC 3797');
  });

  it('hashes selection i as MD5(i as 2 bytes ‖ key ‖ i as 2 bytes), as in the RFC §6 table', () => {
    const input = (i: number) => Uint8Array.from([i >> 8, i & 255, ...Buffer.from(RFC_KEY), i >> 8, i & 255]);
    expect(toHex(md5(input(0))).toUpperCase()).toBe('990DD0A5692A029A98B5E01AA28F3459');
    expect(toHex(md5(input(1))).toUpperCase()).toBe('3691E55CB63FCC37914430B2F70B5EC6');
  });

  it('reproduces the RFC 3797 §6 worked example: pool of 25, ten selected', () => {
    expect(rfc3797Select(RFC_KEY, 25, 10)).toEqual([17, 7, 2, 16, 25, 23, 8, 24, 19, 13]);
    // The eleventh (an alternate) as computed by other published implementations.
    expect(rfc3797Select(RFC_KEY, 25, 11)[10]).toBe(22);
  });

  it('picks the k-th remaining member exactly like counting through the list (large pools)', () => {
    const naive = (key: string, pool: number, count: number) => {
      const remaining = Array.from({ length: pool }, (_, i) => i + 1);
      const keyBytes = [...Buffer.from(key)];
      return Array.from({ length: count }, (_, i) => {
        const digest = md5(Uint8Array.from([i >> 8, i & 255, ...keyBytes, i >> 8, i & 255]));
        const value = BigInt(`0x${toHex(digest)}`);
        return remaining.splice(Number(value % BigInt(remaining.length)), 1)[0];
      });
    };
    for (const [pool, count] of [[1, 1], [2, 2], [1000, 300], [4097, 50]]) {
      expect(rfc3797Select('42./A/', pool, count)).toEqual(naive('42./A/', pool, count));
    }
  });

  it('refuses impossible selections and non-ASCII keys', () => {
    expect(() => rfc3797Select(RFC_KEY, 3, 4)).toThrow(RangeError);
    expect(() => rfc3797Select('水利/', 3, 1)).toThrow('ASCII');
    expect(() => rfc3797Key([[-1]])).toThrow('non-negative');
  });
});
