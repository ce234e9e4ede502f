import { createHash } from 'node:crypto';
import { md5 } from './md5.js';
import { toHex, utf8 } from './encoding.js';

describe('MD5 (pure TypeScript, for RFC 3797)', () => {
  it('matches the RFC 1321 test suite', () => {
    expect(toHex(md5(utf8('')))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(toHex(md5(utf8('abc')))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(toHex(md5(utf8('message digest')))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(toHex(md5(utf8('1234567890'.repeat(8))))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('matches node:crypto around the padding boundaries', () => {
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 65_537]) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 0xff);
      expect(toHex(md5(data))).toBe(createHash('md5').update(data).digest('hex'));
    }
  });
});
