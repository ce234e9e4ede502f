import { canonicalJson, requestFingerprint } from './fingerprint.js';

describe('request fingerprints', () => {
  it('ignore key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(requestFingerprint('op', { a: 1, b: 2 })).toBe(requestFingerprint('op', { b: 2, a: 1 }));
  });

  it('differ when the body or the operation differs', () => {
    expect(requestFingerprint('op', { a: 1 })).not.toBe(requestFingerprint('op', { a: 2 }));
    expect(requestFingerprint('op1', { a: 1 })).not.toBe(requestFingerprint('op2', { a: 1 }));
  });
});
