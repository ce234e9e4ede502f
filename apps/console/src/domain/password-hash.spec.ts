import { hashPassword, OWASP_SCRYPT, randomPassword, verifyPassword } from './password-hash.js';

describe('password hashing (scrypt)', () => {
  it('hashes at the OWASP parameters with a random salt, and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(OWASP_SCRYPT).toEqual({ logN: 17, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(stored);
  });

  it('reads the parameters from the stored hash, and never matches a malformed or out-of-range one', async () => {
    const light = await hashPassword('口令口令口令口令口令口令', { logN: 12, r: 8, p: 1 });
    expect(await verifyPassword('口令口令口令口令口令口令', light)).toBe(true);
    expect(await verifyPassword('x', 'not a hash')).toBe(false);
    expect(await verifyPassword('x', light.replace('ln=12', 'ln=30'))).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });

  it('makes random initial passwords of 16 characters without look-alikes', () => {
    const seen = new Set(Array.from({ length: 50 }, () => randomPassword()));
    expect(seen.size).toBe(50);
    for (const p of seen) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
  });
});
