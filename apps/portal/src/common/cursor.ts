import { DomainError } from '#domain';

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

export function decodeCursor(text: string): NoticeCursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as NoticeCursor;
    if (typeof c.t !== 'string' || Number.isNaN(Date.parse(c.t)) || typeof c.id !== 'string' || (c.s !== undefined && typeof c.s !== 'number')) {
      throw new Error('shape');
    }
    return c;
  } catch {
    throw new DomainError('invalid', 'after: not a cursor this API returned (use the `next` link of the previous page)');
  }
}
