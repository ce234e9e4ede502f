import { createHash } from 'node:crypto';
import type { Sha256Hex } from '#domain';

/** node:crypto's SHA-256: the audit trail hashes every commit and walks whole chains, so it takes the native one. */
export const nodeSha256Hex: Sha256Hex = (text) => createHash('sha256').update(text).digest('hex');
