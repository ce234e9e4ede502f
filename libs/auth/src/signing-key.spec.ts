import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { generateSigningKeyPem, loadSigningKey, mintSignedToken, signingKeyPemFromDataDir } from './signing-key.js';

describe('the console signing key', () => {
  it('signs ES256 tokens that verify against its JWKS with the claims the services read', async () => {
    const key = await loadSigningKey(generateSigningKeyPem());
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: key.kid });
    expect((key.publicJwk as { d?: string }).d).toBeUndefined();
    const token = await mintSignedToken(key, { sub: 'insp-1', roles: ['inspector'], department: '水政监察大队', name: '王建国', issuer: 'spotcheck', audience: 'spotcheck', expiresIn: 120 });
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet({ keys: [key.publicJwk] }), { issuer: 'spotcheck', audience: 'spotcheck' });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: key.kid });
    expect(payload).toMatchObject({ sub: 'insp-1', roles: ['inspector'], department: '水政监察大队', name: '王建国' });
    expect(payload.exp! - payload.iat!).toBe(120);
  });

  it('refuses a key that is not an EC P-256 PKCS8 PEM', async () => {
    await expect(loadSigningKey('nonsense')).rejects.toThrow('not a PKCS8 PEM');
  });

  it('keeps the key in the data folder with mode 600 and the same key across starts', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'signing-key-'));
    try {
      const first = signingKeyPemFromDataDir(dir);
      const second = signingKeyPemFromDataDir(dir);
      expect([first.created, second.created]).toEqual([true, false]);
      expect(second.pem).toBe(first.pem);
      expect(statSync(first.file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
