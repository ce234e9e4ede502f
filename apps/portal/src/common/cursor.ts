import { DomainError } from '#domain';
import { isCalendarDate } from './calendar-date.js';

/**
 * Keyset pagination cursor: the sort key of the last row of a page, opaque to clients
 * (base64url JSON). A link with a cursor keeps pointing at "what comes after this row", so pages
 * never shift when new notices arrive.
 */
export interface NoticeCursor {
  /** Relevance score (relevance sort only). */
  s?: number;
  /** decision_date, YYYY-MM-DD. */
  t: string;
  id: string;
}

export function encodeCursor(c: NoticeCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

const KEYS = new Set(['s', 't', 'id']);

/** A notice id as the read model stores it: non-empty text, no control characters (PostgreSQL refuses NUL). */
const ID = /^[^\p{Cc}]+$/u;

/** Reads a cursor strictly (shape, a real date, a plausible id, a finite score): anything else is a 400, never a failed query. */
export function decodeCursor(text: string): NoticeCursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    c = undefined;
  }
  if (!isCursor(c)) throw new DomainError('invalid', 'after: not a cursor this API returned (use the `next` link of the previous page)');
  return c;
}

function isCursor(c: unknown): c is NoticeCursor {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
  const o = c as Record<string, unknown>;
  return (
    Object.keys(o).every((k) => KEYS.has(k)) &&
    isCalendarDate(o.t) &&
    typeof o.id === 'string' &&
    ID.test(o.id) &&
    (o.s === undefined || (typeof o.s === 'number' && Number.isFinite(o.s)))
  );
}
