import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Keys of the 亮证 (badge) token: inspection signs with an Ed25519 private key, the portal verifies
 * with the public key. In production both are configured (BADGE_SIGNING_KEY, BADGE_VERIFY_KEY; the
 * env classes require them). In development and tests a fixed key pair is derived from a public seed,
 * so `npm start` works with nothing set: anyone can forge such tokens, which is why production refuses it.
 */
export interface LoadedBadgeKey {
  key: KeyObject;
  /** True when no key was configured and the public development key pair is in use. */
  development: boolean;
}

const DEVELOPMENT_SEED = createHash('sha256').update('spotcheck development badge key: public, never for production').digest();
// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): the fixed prefix, then the 32 bytes.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The development key pair (deterministic: the same in every process, so inspection and portal agree). */
export function developmentBadgeKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, DEVELOPMENT_SEED]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** Inspection's signing key: a PKCS#8 PEM or a private JWK (OKP, Ed25519); the development key when unset. */
export function loadBadgeSigningKey(setting: string | undefined): LoadedBadgeKey {
  if (!setting?.trim()) return { key: developmentBadgeKeys().privateKey, development: true };
  const text = setting.trim();
  let key: KeyObject;
  try {
    key = text.startsWith('{') ? createPrivateKey({ key: JSON.parse(text) as never, format: 'jwk' }) : createPrivateKey(pemWithNewlines(text));
  } catch {
    throw new Error('BADGE_SIGNING_KEY must be an Ed25519 private key: PKCS#8 PEM or a JWK with "d"');
  }
  assertEd25519(key, 'BADGE_SIGNING_KEY');
  return { key, development: isDevelopmentKey(key) };
}

/** The portal's verification key: an SPKI PEM or a public JWK (OKP, Ed25519); the development key when unset. */
export function loadBadgeVerifyKey(setting: string | undefined): LoadedBadgeKey {
  if (!setting?.trim()) return { key: developmentBadgeKeys().publicKey, development: true };
  const text = setting.trim();
  let key: KeyObject;
  try {
    // createPublicKey also accepts a private key and derives the public one; refuse that: the
    // portal must never hold the signing key.
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as Record<string, unknown>;
      if ('d' in jwk) throw new Error('private');
      key = createPublicKey({ key: jwk as never, format: 'jwk' });
    } else {
      if (/PRIVATE KEY/.test(text)) throw new Error('private');
      key = createPublicKey(pemWithNewlines(text));
    }
  } catch {
    throw new Error('BADGE_VERIFY_KEY must be an Ed25519 public key: SPKI PEM ("BEGIN PUBLIC KEY") or a JWK without "d"');
  }
  assertEd25519(key, 'BADGE_VERIFY_KEY');
  return { key, development: isDevelopmentKey(key) };
}

/** The development pair pasted in as a setting is still the development pair (its private half is in this source). */
function isDevelopmentKey(key: KeyObject): boolean {
  const publicOf = (k: KeyObject) => (k.type === 'private' ? createPublicKey(k) : k).export({ format: 'der', type: 'spki' });
  return publicOf(key).equals(publicOf(developmentBadgeKeys().publicKey));
}

/** Whether a setting parses as the key it must be (for the env classes' validation). */
export function badgeKeyProblem(setting: string, kind: 'signing' | 'verify'): string | undefined {
  try {
    const loaded = kind === 'signing' ? loadBadgeSigningKey(setting) : loadBadgeVerifyKey(setting);
    if (loaded.development) return `BADGE_${kind === 'signing' ? 'SIGNING' : 'VERIFY'}_KEY is the public development key: anyone can forge badges with it`;
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function assertEd25519(key: KeyObject, name: string): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${name} must be an Ed25519 key (EdDSA), not ${key.asymmetricKeyType ?? 'a secret'}`);
}

/** A PEM given in one line of an environment variable, with `\n` written literally. */
function pemWithNewlines(text: string): string {
  return text.includes('\\n') ? text.replace(/\\n/g, '\n') : text;
}
