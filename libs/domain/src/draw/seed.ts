import { DrawRuleError } from './draw-error.js';
import { fromHex, toHex } from './hash/encoding.js';
import { sha256 } from './hash/sha256.js';
import { isPlainText } from './text-checks.js';

/** Prefix of the seed input; changes with the algorithm version so seeds never collide across versions. */
export const SEED_PREFIX = 'spotcheck-draw-v1|';

const SECRET_PATTERN = /^(?:[0-9a-f]{2}){32,128}$/;

/**
 * A fresh server secret: 32 random bytes as lowercase hex. Uses the Web Crypto API
 * (`globalThis.crypto`, present in Node 20 and browsers).
 */
export function generateDrawSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return toHex(bytes);
}

/** Throws DrawRuleError unless `secret` is 32–128 bytes of lowercase hex. */
export function assertValidSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string' || !SECRET_PATTERN.test(secret)) {
    throw new DrawRuleError('invalid-secret', 'the secret must be 64 to 256 lowercase hexadecimal characters');
  }
}

/** Throws DrawRuleError unless `value` is usable public randomness: 1–1000 characters, no control characters. */
export function assertValidPublicValue(value: unknown): asserts value is string {
  if (!isPlainText(value, 1000)) {
    throw new DrawRuleError(
      'invalid-public-randomness',
      'the public randomness value must be 1 to 1000 characters without control characters',
    );
  }
}

/** The published commitment: lowercase hex SHA-256 of the secret's bytes (not of its hex text). */
export function commitmentOf(secret: string): string {
  assertValidSecret(secret);
  return toHex(sha256(fromHex(secret)));
}

/**
 * The 32-byte seed: SHA-256 of the UTF-8 text `spotcheck-draw-v1|<secret hex>|<public value>`.
 * The secret stops anyone predicting the draw before the public value is known; the public value
 * (fixed only after the commitment is published) stops the bureau choosing the outcome.
 */
export function deriveSeed(secret: string, publicValue: string): Uint8Array {
  assertValidSecret(secret);
  assertValidPublicValue(publicValue);
  return sha256(`${SEED_PREFIX}${secret}|${publicValue}`);
}
