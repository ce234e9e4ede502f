/**
 * What went wrong, in terms a caller can act on. The HTTP layer maps each kind to a 4xx status;
 * domain code never knows about HTTP.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'gone' | 'too_large' | 'unprocessable';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Machine-readable details, e.g. row-level import errors. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const invalid = (message: string, details?: unknown) => new DomainError('invalid', message, details);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string, details?: unknown) => new DomainError('conflict', message, details);
export const forbidden = (message: string) => new DomainError('forbidden', message);
