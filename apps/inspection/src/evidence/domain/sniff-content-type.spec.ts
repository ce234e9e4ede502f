import { sniffContentType } from './sniff-content-type.js';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)).concat(new Array(16).fill(0)));

describe('sniffContentType', () => {
  it.each([
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['image/webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['application/pdf', bytes('%PDF-1.7')],
    ['image/heic', bytes([0, 0, 0, 0x18], 'ftypheic')],
    ['video/mp4', bytes([0, 0, 0, 0x18], 'ftypisom')],
    ['video/quicktime', bytes([0, 0, 0, 0x14], 'ftypqt  ')],
  ])('recognises %s by its leading bytes', (type, data) => {
    expect(sniffContentType(data)).toBe(type);
  });

  it('refuses anything else, whatever its name says', () => {
    expect(sniffContentType(bytes('MZ\x90\x00'))).toBeUndefined();
    expect(sniffContentType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeUndefined();
    expect(sniffContentType(Uint8Array.from([0xff, 0xd8]))).toBeUndefined();
  });
});
