/**
 * What a version-2 bundle publishes instead of the private detail of the populations
 * (docs/draw-algorithm.md §10):
 *
 * - targets are *sealed*: per stratum, the list of *leaves* `hex(H(salt ‖ id))` in canonical order;
 *   only the drawn targets are *opened* (id and salt). Whoever holds only the bundle learns nothing
 *   about the targets that were not drawn, not even their ids, so nobody's credit class leaks.
 * - inspectors carry only what the assignment reads (department, the task's certified categories,
 *   current load);
 * - leave and declared conflicts become *exclusions*: `unavailable` (the inspector, for the whole
 *   window) or `conflict` (one inspector and one target, named by its leaf), each with a salted
 *   commitment `hex(H(salt ‖ reason record))` to the declaration it rests on.
 *
 * Every salt is derived from a per-draw *disclosure key* that never leaves planning; handing an
 * auditor one salt (and the record) lets them check one reason and nothing else.
 */
import { STRATA, type DrawRules, type Stratum } from './draw-rules.js';
import { fromHex, toHex, utf8 } from './hash/encoding.js';
import { pureSha256, type Sha256Factory } from './hash/hash-lines.js';
import { PrefixedSha256 } from './hash/sha256.js';
import { compareCodeUnits, publicInspector, type CanonicalConflict, type CanonicalTarget, type DrawPopulations, type PublicInspector } from './population.js';
import { isCertifiedFor, overlapsWindow } from './skip-rules.js';
import { isDrawId } from './text-checks.js';

/** Bytes of a disclosure key: one SHA-256 block, so every salt costs one more block (§10.2). */
export const DISCLOSURE_KEY_BYTES = 64;
/** Bytes of a salt (of a target or an exclusion). */
export const SALT_BYTES = 16;

/** What an exclusion stands for: skip rule 2 (the inspector, whole window) or 3 (one pair). */
export const EXCLUSION_RULES = ['unavailable', 'conflict'] as const;
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

/** Whether the public record shows the credit class of each drawn firm (a planning setting). */
export type CreditClassPublication = 'published' | 'withheld';

/** One published exclusion: who, which target (conflicts only, by leaf), which rule, and the commitment to why. */
export interface Exclusion {
  inspectorId: string;
  /** `conflict` only: the leaf of the target (never its id, so a target not drawn stays sealed). */
  target?: string;
  rule: ExclusionRule;
  /** Lowercase hex SHA-256 of the salt's 32 bytes followed by the UTF-8 reason record. */
  commitment: string;
}

/** A drawn target, opened: its id and the salt of its leaf (hex). */
export interface TargetOpening {
  id: string;
  salt: string;
}

/** The target population as a version-2 bundle publishes it. */
export interface SealedTargets {
  /** Per stratum A–D, the leaves of its targets in canonical (id) order. */
  strata: Record<Stratum, string[]>;
  /** The drawn targets, opened, in canonical (id) order. */
  drawn: TargetOpening[];
}

/** The populations of a version-2 bundle. */
export interface PublicPopulations {
  targets: SealedTargets;
  inspectors: PublicInspector[];
  exclusions: Exclusion[];
}

/** What the server keeps to make a version-2 draw: the disclosure key and the publication setting. */
export interface Disclosure {
  /** 64 random bytes, lowercase hex (generateDisclosureKey); never published. */
  key: string;
  creditClass?: CreditClassPublication;
}

/** What lets an auditor check one exclusion: the salt and the reason record (and the target's opening). */
export interface ExclusionOpening {
  exclusion: Exclusion;
  /** Hex of the 16 salt bytes. */
  salt: string;
  /** The canonical reason record (JSON text) the commitment is over. */
  record: string;
  /** For a conflict: the target's id and salt, to check the exclusion's leaf. */
  target?: TargetOpening;
}

/** The private side of a disclosure: the public parts plus everything needed to open them. */
export interface DisclosedPopulations {
  inspectors: PublicInspector[];
  exclusions: Exclusion[];
  /** Parallel to `exclusions`. */
  exclusionOpenings: ExclusionOpening[];
  leaves: Record<Stratum, string[]>;
}

const KEY_PATTERN = /^[0-9a-f]{128}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const HEX32 = /^[0-9a-f]{32}$/;

/** A fresh disclosure key: 64 random bytes as lowercase hex (Web Crypto, as generateDrawSecret). */
export function generateDisclosureKey(): string {
  const bytes = new Uint8Array(DISCLOSURE_KEY_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  return toHex(bytes);
}

/** True for a disclosure key: 64 bytes, lowercase hex. */
export function isDisclosureKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_PATTERN.test(key);
}

/** True for a salt: 16 bytes, lowercase hex. */
export function isSaltHex(value: unknown): value is string {
  return typeof value === 'string' && HEX32.test(value);
}

/** True for 64 lowercase hex characters (a leaf, a commitment). */
export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

function digest(createHash: Sha256Factory, ...parts: Uint8Array[]): Uint8Array {
  const hash = createHash();
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/**
 * A salt: the first 16 bytes of SHA-256(key bytes ‖ UTF-8(label)), with label `target|<id>` for a
 * target and `exclusion|<inspector id>|<target id or empty>` for an exclusion.
 */
export function deriveSalt(key: string, label: string, createHash: Sha256Factory = pureSha256): Uint8Array {
  return digest(createHash, fromHex(key), utf8(label)).slice(0, SALT_BYTES);
}

/** The salt of a target. */
export function targetSalt(key: string, targetId: string, createHash: Sha256Factory = pureSha256): Uint8Array {
  return deriveSalt(key, `target|${targetId}`, createHash);
}

/** The leaf of a target: hex SHA-256 of its 16 salt bytes followed by its id (UTF-8). */
export function targetLeaf(salt: Uint8Array, targetId: string, createHash: Sha256Factory = pureSha256): string {
  return toHex(digest(createHash, salt, utf8(targetId)));
}

/**
 * Salts and leaves of the targets of one draw, a million at a time: the same values as targetSalt
 * and targetLeaf, with PrefixedSha256 (the key is one block, compressed once; a salt and a leaf of
 * an id up to 39 characters then cost one block each, and nothing is allocated per target).
 * Ids must be draw ids (ASCII).
 */
export class TargetSealer {
  private readonly salts: PrefixedSha256;
  private readonly leaves = new PrefixedSha256();
  private readonly digest = new Uint8Array(32);
  private readonly leaf = new Uint8Array(32);

  constructor(key: string) {
    this.salts = new PrefixedSha256(fromHex(key));
  }

  /** The target's salt (a view valid until the next call). */
  saltOf(id: string): Uint8Array {
    return this.salts.digest(null, `target|${id}`, this.digest).subarray(0, SALT_BYTES);
  }

  /** Hex of the target's salt. */
  saltHex(id: string): string {
    return toHex(this.saltOf(id));
  }

  /** The target's leaf. */
  leafOf(id: string): string {
    return toHex(this.leaves.digest(this.saltOf(id), id, this.leaf));
  }
}

/** The salt of an exclusion. */
export function exclusionSalt(key: string, inspectorId: string, targetId: string | null, createHash: Sha256Factory = pureSha256): Uint8Array {
  return deriveSalt(key, `exclusion|${inspectorId}|${targetId ?? ''}`, createHash);
}

/** The commitment to a reason record: hex SHA-256 of the 16 salt bytes followed by the record (UTF-8). */
export function reasonCommitment(salt: Uint8Array, record: string, createHash: Sha256Factory = pureSha256): string {
  return toHex(digest(createHash, salt, utf8(record)));
}

/**
 * The reason record of an exclusion, JSON without whitespace:
 * `["unavailable", inspectorId, null, [[from, to], …]]` (every leave period overlapping the window) or
 * `["conflict", inspectorId, targetId, [[declared targetId|null, declared creditCode|null, relation], …]]`
 * (every declaration matching the target), lists in canonical order.
 */
export function reasonRecord(
  rule: ExclusionRule,
  inspectorId: string,
  targetId: string | null,
  details: readonly (readonly (string | null)[])[],
): string {
  return JSON.stringify([rule, inspectorId, targetId, details]);
}

/**
 * Seals the canonical (private) populations of a draw: public inspectors, exclusions with their
 * commitments (and, kept private, their openings), and the leaves of every stratum.
 *
 * An exclusion is listed only where it can decide a skip: none for an inspector uncertified for
 * the task (rule 1 comes first), one `unavailable` for a certified inspector with leave overlapping
 * the window (and then no conflicts: rule 2 comes first), otherwise one `conflict` per target of the
 * population that a declaration names by id or by credit code.
 */
export function disclosePopulations(
  populations: DrawPopulations,
  byStratum: Record<Stratum, readonly CanonicalTarget[]>,
  rules: DrawRules,
  key: string,
  createHash: Sha256Factory = pureSha256,
): DisclosedPopulations {
  const sealer = new TargetSealer(key);
  const leaves = {} as Record<Stratum, string[]>;
  for (const stratum of STRATA) {
    const members = byStratum[stratum];
    const out: string[] = new Array(members.length);
    for (let i = 0; i < members.length; i++) out[i] = sealer.leafOf(members[i].id);
    leaves[stratum] = out;
  }

  const { targets } = populations;
  const window = rules.inspectionWindow;
  // Targets by credit code, only for the codes somebody declared (a million-entry map otherwise).
  const declaredCodes = new Set<string>();
  for (const inspector of populations.inspectors) {
    for (const conflict of inspector.conflicts) if (conflict.creditCode !== undefined) declaredCodes.add(conflict.creditCode);
  }
  const byCode = new Map<string, string[]>();
  if (declaredCodes.size > 0) {
    for (const target of targets) {
      if (target.creditCode !== undefined && declaredCodes.has(target.creditCode)) {
        const ids = byCode.get(target.creditCode);
        if (ids) ids.push(target.id);
        else byCode.set(target.creditCode, [target.id]);
      }
    }
  }
  const inPopulation = (id: string) => binarySearchId(targets, id) >= 0;

  const exclusions: Exclusion[] = [];
  const exclusionOpenings: ExclusionOpening[] = [];
  for (const inspector of populations.inspectors) {
    if (!isCertifiedFor(inspector.certifiedCategories, rules)) continue;
    const overlapping = inspector.leave.filter((p) => overlapsWindow(p, window));
    if (overlapping.length > 0) {
      const record = reasonRecord('unavailable', inspector.id, null, overlapping.map((p) => [p.from, p.to]));
      const salt = exclusionSalt(key, inspector.id, null, createHash);
      const exclusion: Exclusion = { inspectorId: inspector.id, rule: 'unavailable', commitment: reasonCommitment(salt, record, createHash) };
      exclusions.push(exclusion);
      exclusionOpenings.push({ exclusion, salt: toHex(salt), record });
      continue;
    }
    const declarationsByTarget = new Map<string, CanonicalConflict[]>();
    const add = (targetId: string, conflict: CanonicalConflict) => {
      const list = declarationsByTarget.get(targetId);
      if (!list) declarationsByTarget.set(targetId, [conflict]);
      else if (list[list.length - 1] !== conflict) list.push(conflict);
    };
    for (const conflict of inspector.conflicts) {
      if (conflict.targetId !== undefined && inPopulation(conflict.targetId)) add(conflict.targetId, conflict);
      if (conflict.creditCode !== undefined) for (const id of byCode.get(conflict.creditCode) ?? []) add(id, conflict);
    }
    const mine: ExclusionOpening[] = [];
    for (const [targetId, declarations] of declarationsByTarget) {
      const tSalt = targetSalt(key, targetId, createHash);
      const leaf = sealer.leafOf(targetId);
      const record = reasonRecord(
        'conflict',
        inspector.id,
        targetId,
        declarations.map((d) => [d.targetId ?? null, d.creditCode ?? null, d.relation]),
      );
      const salt = exclusionSalt(key, inspector.id, targetId, createHash);
      mine.push({
        exclusion: { inspectorId: inspector.id, target: leaf, rule: 'conflict', commitment: reasonCommitment(salt, record, createHash) },
        salt: toHex(salt),
        record,
        target: { id: targetId, salt: toHex(tSalt) },
      });
    }
    mine.sort((a, b) => compareCodeUnits(a.exclusion.target as string, b.exclusion.target as string));
    for (const opening of mine) {
      exclusions.push(opening.exclusion);
      exclusionOpenings.push(opening);
    }
  }
  return {
    inspectors: populations.inspectors.map((inspector) => publicInspector(inspector, rules.itemCategories)),
    exclusions,
    exclusionOpenings,
    leaves,
  };
}

/** The openings of `ids` (drawn targets, draw ids), in canonical order. */
export function openTargets(ids: Iterable<string>, key: string): TargetOpening[] {
  const sealer = new TargetSealer(key);
  return [...new Set(ids)].sort(compareCodeUnits).map((id) => ({ id, salt: sealer.saltHex(id) }));
}

/**
 * Checks one exclusion against its opening, as an auditor given the salt would: the commitment is
 * the hash of salt and record, the record names the exclusion's inspector and rule, and for a
 * conflict the target opening gives the exclusion's leaf and is the record's target.
 * Returns the problems found (empty when the opening proves the exclusion).
 */
export function checkExclusionOpening(exclusion: Exclusion, opening: Omit<ExclusionOpening, 'exclusion'>): string[] {
  const problems: string[] = [];
  if (!isSaltHex(opening.salt)) return ['the salt must be 32 lowercase hexadecimal characters'];
  if (reasonCommitment(fromHex(opening.salt), opening.record) !== exclusion.commitment) {
    problems.push('SHA-256(salt ‖ record) is not the published commitment');
  }
  let record: unknown;
  try {
    record = JSON.parse(opening.record);
  } catch {
    return [...problems, 'the record is not JSON'];
  }
  if (!Array.isArray(record) || record.length !== 4 || record[0] !== exclusion.rule || record[1] !== exclusion.inspectorId) {
    problems.push('the record does not name the exclusion’s rule and inspector');
  } else if (exclusion.rule === 'conflict') {
    const target = opening.target;
    if (!target || !isDrawId(target.id) || !isSaltHex(target.salt)) problems.push('a conflict needs the target’s id and salt');
    else {
      if (targetLeaf(fromHex(target.salt), target.id) !== exclusion.target) problems.push('SHA-256(target salt ‖ target id) is not the published leaf');
      if (record[2] !== target.id) problems.push('the record names another target');
    }
  } else if (record[2] !== null) {
    problems.push('an unavailable record names no target');
  }
  return problems;
}

/** Index of `id` in targets sorted by id, or -1. */
function binarySearchId(targets: readonly { id: string }[], id: string): number {
  let lo = 0;
  let hi = targets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const here = targets[mid].id;
    if (here === id) return mid;
    if (here < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
