import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

/**
 * The 亮证/亮码 token: a compact JWS (EdDSA, Ed25519) that an inspector's phone shows as a QR code on
 * site. Inspection signs it; the portal verifies it and shows the officer's card (国办发〔2018〕118号:
 * 执法时主动出示执法证件). It names the officer and, for a visit, the assignment it is for. It is read
 * by whoever scans it, so it carries only what the portal publishes anyway: never a natural person's
 * name (see publicTargetLabel), never contact or ID data.
 */
export const BADGE_ISSUER = 'spotcheck-inspection';
export const BADGE_AUDIENCE = 'spotcheck-badge';
export const BADGE_TYPE = 'badge+jwt';
/** The longest lifetime inspection may give a code (BADGE_TTL_SECONDS ≤ 3600): a code signed to live longer is refused as not ours. */
const MAX_TOKEN_SECONDS = 3600;
/** Longer than any token this code signs (a few hundred characters): anything longer is refused unread. */
export const BADGE_MAX_TOKEN_LENGTH = 4096;

const MAX_TEXT = 100;
const MAX_ITEMS = 10;

/** What a badge for a visit says about the visit. */
export interface BadgeAssignmentClaims {
  /** Inspection's assignment id. */
  id: string;
  task: string;
  /** The names of the items to be checked (as the task froze them). */
  items: string[];
  /** The target as the public may know it (publicTargetLabel). */
  target: string;
  /** Planned window, YYYY-MM-DD inclusive: earliest inspection date and due date. */
  from: string;
  to: string;
}

export interface BadgeClaims {
  /** Planning's inspector id (the token subject): the officer's card on the portal. */
  officerId: string;
  /** 执法证号 when the badge was issued (a changed number makes the badge stale). */
  certificateNo: string;
  assignment?: BadgeAssignmentClaims;
}

/** The facts of an assignment a badge is built from (inspection's assignment row). */
export interface BadgeAssignmentFacts {
  id: string;
  taskName: string;
  items: { name: string }[];
  targetName: string;
  targetKind: string;
  notBefore: string;
  dueDate: string;
}

/**
 * The target as a badge may name it. Organisations, projects and sites by name (public registration
 * facts); an individual business or a natural person only by kind: the QR code is shown in the open
 * and its text is readable by anyone who photographs it, and the party being inspected knows who it is.
 */
export function publicTargetLabel(kind: string, name: string): string {
  if (NAMED_TARGET_KINDS.has(kind)) return clip(name);
  if (kind === 'individual_business') return '个体工商户（名称不公开）';
  return '个人（姓名不公开）'; // a natural person, or a kind this code does not know: never a name
}

/** Target kinds whose name is a public registration fact. */
const NAMED_TARGET_KINDS = new Set(['organisation', 'site', 'project']);

export function buildBadgeClaims(officer: { id: string; certificateNo: string }, assignment?: BadgeAssignmentFacts): BadgeClaims {
  const claims: BadgeClaims = { officerId: officer.id, certificateNo: officer.certificateNo };
  if (!assignment) return claims;
  const names = assignment.items.map((i) => clip(i.name));
  const items = names.length > MAX_ITEMS ? [...names.slice(0, MAX_ITEMS - 1), `等共${names.length}项`] : names;
  return {
    ...claims,
    assignment: {
      id: assignment.id,
      task: clip(assignment.taskName),
      items,
      target: publicTargetLabel(assignment.targetKind, assignment.targetName),
      from: assignment.notBefore,
      to: assignment.dueDate,
    },
  };
}

export interface SignedBadge {
  token: string;
  expiresAt: Date;
}

/** Signs the claims, valid `ttlSeconds` from `now` (the caller's injected clock). */
export async function signBadge(claims: BadgeClaims, key: KeyObject, now: Date, ttlSeconds: number): Promise<SignedBadge> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlSeconds;
  const payload: JWTPayload = { cno: claims.certificateNo, ...(claims.assignment ? { asg: claims.assignment } : {}) };
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: 'EdDSA', typ: BADGE_TYPE })
    .setSubject(claims.officerId)
    .setIssuer(BADGE_ISSUER)
    .setAudience(BADGE_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key);
  return { token, expiresAt: new Date(exp * 1000) };
}

export type BadgeVerification =
  | { outcome: 'valid'; claims: BadgeClaims; expiresAt: Date }
  /** Signed by us but past its expiry: genuine, not current. */
  | { outcome: 'expired'; claims: BadgeClaims; expiresAt: Date }
  /** Not a token we signed, altered, or garbled: nothing in it can be trusted (or shown). */
  | { outcome: 'forged' };

/** Verifies signature, issuer, audience, type and expiry against `now` (the portal's injected clock). */
export async function verifyBadge(token: string | undefined, key: KeyObject, now: Date): Promise<BadgeVerification> {
  if (!token || token.length > BADGE_MAX_TOKEN_LENGTH) return { outcome: 'forged' };
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['EdDSA'], issuer: BADGE_ISSUER, audience: BADGE_AUDIENCE, typ: BADGE_TYPE, currentDate: now });
    const claims = claimsOf(payload);
    if (!claims || typeof payload.exp !== 'number' || typeof payload.iat !== 'number') return { outcome: 'forged' };
    // No code lives longer than inspection may make it (jose's maxTokenAge would also refuse an iat a
    // moment ahead of this clock: inspection's and the portal's are two machines' clocks).
    const expiresAt = new Date(payload.exp * 1000);
    return payload.exp - payload.iat > MAX_TOKEN_SECONDS ? { outcome: 'forged' } : { outcome: 'valid', claims, expiresAt };
  } catch (e) {
    // jose checks the expiry only after the signature: an expired token here is one we signed.
    if (e instanceof errors.JWTExpired && e.payload.iss === BADGE_ISSUER && audienceOk(e.payload.aud)) {
      const claims = claimsOf(e.payload);
      if (claims && typeof e.payload.exp === 'number') return { outcome: 'expired', claims, expiresAt: new Date(e.payload.exp * 1000) };
    }
    return { outcome: 'forged' };
  }
}

function audienceOk(aud: unknown): boolean {
  return aud === BADGE_AUDIENCE || (Array.isArray(aud) && aud.includes(BADGE_AUDIENCE));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TEXT = /^[^\u0000-\u001f\u007f]{1,200}$/;

const isText = (v: unknown): v is string => typeof v === 'string' && TEXT.test(v);

/** The claims of a verified payload, or undefined when their shape is not what signBadge writes. */
export function claimsOf(payload: JWTPayload): BadgeClaims | undefined {
  if (!isText(payload.sub) || !isText(payload.cno) || typeof payload.exp !== 'number') return undefined;
  const claims: BadgeClaims = { officerId: payload.sub, certificateNo: payload.cno };
  if (payload.asg === undefined) return claims;
  const a = payload.asg as Record<string, unknown> | null;
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return undefined;
  const items = a.items;
  if (!isText(a.id) || !isText(a.task) || !isText(a.target) || typeof a.from !== 'string' || !DATE.test(a.from) || typeof a.to !== 'string' || !DATE.test(a.to)) return undefined;
  if (!Array.isArray(items) || items.length > MAX_ITEMS || !items.every(isText)) return undefined;
  return { ...claims, assignment: { id: a.id, task: a.task, items: items as string[], target: a.target, from: a.from, to: a.to } };
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 1)}…` : t;
}
