import { withoutNul } from './notice-ingest.service.js';

describe('withoutNul', () => {
  it('removes NUL from every string, keys and nested values included, and leaves the rest alone', () => {
    const input = { title: 'a\u0000b', n: 1, ok: true, none: null, list: ['x\u0000', 2], nested: { 'k\u0000': 'v\u0000\u0001' } };
    expect(withoutNul(input)).toEqual({ title: 'ab', n: 1, ok: true, none: null, list: ['x', 2], nested: { k: 'v\u0001' } });
    expect(input.title).toBe('a\u0000b');
  });
});
