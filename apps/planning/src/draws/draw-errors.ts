import { DomainError, DrawRuleError, type DrawErrorCode, type DomainErrorKind } from '#domain';

const KIND: Record<DrawErrorCode, DomainErrorKind> = {
  'invalid-rules': 'invalid',
  'invalid-population': 'invalid',
  'invalid-secret': 'invalid',
  'invalid-public-randomness': 'invalid',
  'invalid-substitution': 'invalid',
  'stratum-too-small': 'unprocessable',
  'insufficient-inspectors': 'unprocessable',
  'announcement-mismatch': 'conflict',
};

/** Runs pure draw code and turns its DrawRuleError into the DomainError the HTTP layer maps to a 4xx. */
export function drawing<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DrawRuleError) throw new DomainError(KIND[error.code], error.message, { code: error.code, problems: error.problems });
    throw error;
  }
}
