import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, SignJWT, type JWK } from 'jose';
import type { Role } from './principal.js';

export type { JWK } from 'jose';

/**
 * The console's token signing key (ES256, P-256): the console signs the services' bearer tokens with
 * it and publishes the public half at /.well-known/jwks.json, where the services' AUTH_JWKS_URL points.
 * Here, not in the console app, because `npm run token` and the demo loader sign with the same key file.
 */
export const SIGNING_ALG = 'ES256';

/** Where a development or embedded installation keeps the key (production passes CONSOLE_SIGNING_KEY). */
export const SIGNING_KEY_FILE = 'console-signing-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  /** The public key as a JWK with kid, alg and use: one entry of the JWKS. */
  publicJwk: JWK;
  kid: string;
}

/** Reads a PKCS8 PEM private key (P-256). Throws with a message naming what is wrong. */
export async function loadSigningKey(pem: string): Promise<SigningKey> {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error('the signing key is not a PKCS8 PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('the signing key must be an EC P-256 key (ES256)');
  }
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: SIGNING_ALG, use: 'sig' } };
}

/** A new P-256 key as PKCS8 PEM. */
export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * The key kept in DATA_DIR (created on first use, mode 600), so a restart keeps tokens and the JWKS
 * valid. For development and the embedded default only: production passes CONSOLE_SIGNING_KEY.
 */
export function signingKeyPemFromDataDir(dataDir: string): { pem: string; file: string; created: boolean } {
  const file = path.resolve(dataDir, SIGNING_KEY_FILE);
  let created = false;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, generateSigningKeyPem(), { mode: 0o600, flag: 'wx' });
    created = true;
  }
  chmodSync(file, 0o600);
  return { pem: readFileSync(file, 'utf8'), file, created };
}

export interface SignedTokenClaims {
  sub: string;
  roles: Role[];
  department?: string | null;
  name?: string;
  issuer: string;
  audience: string;
  /** Seconds, or a duration such as '8h' (default 300 s: the console mints a token per forwarded request). */
  expiresIn?: number | string;
}

/**
 * Signs a bearer token the services verify through the console's JWKS. Its iat and exp are on the
 * machine's clock (jose's), not business time: the services check them against theirs, as for any
 * token, and a test that pins business time must not mint tokens that are already expired.
 */
export async function mintSignedToken(key: SigningKey, c: SignedTokenClaims): Promise<string> {
  return new SignJWT({ roles: c.roles, ...(c.department ? { department: c.department } : {}), ...(c.name ? { name: c.name } : {}) })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
    .setSubject(c.sub)
    .setIssuer(c.issuer)
    .setAudience(c.audience)
    .setIssuedAt()
    .setExpirationTime(typeof c.expiresIn === 'string' ? c.expiresIn : `${c.expiresIn ?? 300}s`)
    .sign(key.privateKey);
}
