import { canonicalJson } from '../draw/compare.js';
import { sha256, toHex } from '../draw/hash/index.js';

/**
 * What a signature on an inspection result (the inspectors' and the party's, drawn on the phone)
 * signs: the fields of the submission that say what was found, where and when. Pure and browser-safe
 * (no node:*), so the phone app and the inspection service compute the same bytes.
 *
 * Not part of the record: `channel` (how it was sent), `correctionReason`, the signatures themselves
 * and `recordHash`. Extra fields of the input are ignored.
 */
export interface SignableResult {
  assignmentId: string;
  outcome: string;
  findings: unknown[];
  /** As submitted (the text with its UTC offset), not re-formatted. */
  inspectedAt: string;
  place: string;
  location?: { latitude: number; longitude: number; accuracyMeters?: number | null } | null;
  /** SHA-256 of the evidence files the result cites (photos; never the signature images). */
  evidence?: readonly string[] | null;
  summary?: string | null;
  rectification?: string | null;
  followUpBy?: string | null;
}

/** The record's fields in the order documented (the canonical JSON sorts them anyway). */
export const SIGNED_RECORD_FIELDS = ['assignmentId', 'outcome', 'findings', 'inspectedAt', 'place', 'location', 'evidence', 'summary', 'rectification', 'followUpBy'] as const;

/**
 * The record for signing: canonical JSON (object keys sorted at every level, no whitespace) of the
 * fields above. Absent optional fields are written as null; the evidence hashes are sorted and
 * de-duplicated (the server keeps them as a set); a location is written with its three fields
 * (`accuracyMeters` null when absent). Strings are taken as given: the server hashes the body it
 * received before trimming anything.
 */
export function recordForSigning(input: SignableResult): string {
  const location = input.location
    ? { latitude: input.location.latitude, longitude: input.location.longitude, accuracyMeters: input.location.accuracyMeters ?? null }
    : null;
  const record = {
    assignmentId: input.assignmentId,
    outcome: input.outcome,
    findings: input.findings,
    inspectedAt: input.inspectedAt,
    place: input.place,
    location,
    evidence: [...new Set(input.evidence ?? [])].sort(),
    summary: input.summary ?? null,
    rectification: input.rectification ?? null,
    followUpBy: input.followUpBy ?? null,
  };
  return canonicalJson(record);
}

/**
 * `recordHash`: lowercase hex SHA-256 of the UTF-8 bytes of recordForSigning(input). The same value as
 * node:crypto's or WebCrypto's digest of those bytes; this one is synchronous and runs anywhere.
 */
export function recordHashOf(input: SignableResult): string {
  return toHex(sha256(recordForSigning(input)));
}
