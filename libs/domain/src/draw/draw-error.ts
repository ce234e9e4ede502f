import { DomainError, type DomainErrorKind } from '../errors.js';

/** What went wrong, so callers can map it to a 4xx without parsing the message. */
export type DrawErrorCode =
  | 'invalid-rules'
  | 'invalid-population'
  | 'invalid-secret'
  | 'invalid-public-randomness'
  | 'stratum-too-small'
  | 'insufficient-inspectors'
  | 'announcement-mismatch'
  | 'invalid-substitution';

const KIND_OF: Record<DrawErrorCode, DomainErrorKind> = {
  'invalid-rules': 'invalid',
  'invalid-population': 'invalid',
  'invalid-secret': 'invalid',
  'invalid-public-randomness': 'invalid',
  'invalid-substitution': 'invalid',
  // Valid input that cannot be drawn: the officer must change the task, not the request syntax.
  'stratum-too-small': 'unprocessable',
  'insufficient-inspectors': 'unprocessable',
  'announcement-mismatch': 'conflict',
};

/**
 * The one error type of the draw: the rules, the input or the situation do not allow a draw.
 * A DomainError, so the HTTP layer maps it to a 4xx like any other domain rule.
 * `problems` lists every problem found (validation reports all of them, not just the first).
 */
export class DrawRuleError extends DomainError {
  override name = 'DrawRuleError';

  constructor(
    readonly code: DrawErrorCode,
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super(KIND_OF[code], message, { code, problems });
  }
}

/** Throws a DrawRuleError listing `problems` (at most 20 in the message) when there are any. */
export function throwIfProblems(code: DrawErrorCode, what: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 20).join('; ');
  const more = problems.length > 20 ? ` (and ${problems.length - 20} more)` : '';
  throw new DrawRuleError(code, `${what}: ${shown}${more}`, problems);
}
