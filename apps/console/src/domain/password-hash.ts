import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ConcurrencyGate } from './concurrency-gate.js';

/**
 * Password hashing with scrypt at OWASP's recommended parameters (Password Storage Cheat Sheet:
 * N=2^17, r=8, p=1), a 16-byte random salt and a 32-byte key. The parameters are stored with the
 * hash, so raising them later still verifies old hashes. node:crypto's scrypt runs on libuv's
 * thread pool: the event loop is never blocked while a hash is computed (about 0.3 s, 128 MiB).
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/**
 * Every derive of the process passes this gate: at most 2 at a time (2 of libuv's 4 pool threads,
 * 256 MiB), at most 20 waiting; beyond that hashPassword/verifyPassword throw GateFullError at once
 * (the callers answer 503 with Retry-After). docs/console.md, "Passwords and lockout".
 */
export const SCRYPT_GATE = new ConcurrencyGate(2, 20, 2);

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  // scrypt needs 128·N·r bytes; Node refuses above maxmem (32 MiB by default), so raise it to what these parameters need.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 128 * N * params.r * 2 };
  return SCRYPT_GATE.run(
    () => new Promise<Buffer>((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)))),
  );
}

/** `scrypt$ln=17,r=8,p=1$<salt base64>$<key base64>`. */
export async function hashPassword(password: string, params: ScryptParams = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return `scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` matches `stored`; compared in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const params = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.logN < 10 || params.logN > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return false;
  const expected = Buffer.from(m[5], 'base64');
  const key = await derive(password, Buffer.from(m[4], 'base64'), params);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random initial password: 16 characters from an alphabet without look-alikes (about 90 bits). */
export function randomPassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const out: string[] = [];
  // Rejection sampling: 256 is not a multiple of the alphabet's size.
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) if (b < limit && out.length < length) out.push(alphabet[b % alphabet.length]);
  }
  return out.join('');
}
