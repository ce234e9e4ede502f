/**
 * Lockout with back-off after wrong passwords. The first FREE_ATTEMPTS wrong passwords in a row cost
 * nothing; the next one locks the account for FIRST_LOCK_MS, and every further wrong password (each
 * possible only once the lock has run out) doubles the lock, up to MAX_LOCK_MS. A right password
 * resets the count. So an online guesser gets 5 tries, then about 10 per hour at best, while a
 * colleague who mistypes is back in a minute. An admin's password reset also unlocks.
 */
export const LOCKOUT = {
  freeAttempts: 4,
  firstLockMs: 60_000,
  maxLockMs: 3_600_000,
} as const;

/** How long the account is locked after its `failedAttempts`-th wrong password in a row (0: not locked). */
export function lockDurationMs(failedAttempts: number): number {
  const over = failedAttempts - LOCKOUT.freeAttempts;
  if (over <= 0) return 0;
  // 2^(over-1) minutes, capped; the exponent is bounded before it can overflow.
  return Math.min(LOCKOUT.firstLockMs * 2 ** Math.min(over - 1, 20), LOCKOUT.maxLockMs);
}

/** Whole seconds until `lockedUntil` (at least 1 while locked), or 0 when not locked at `now`. */
export function secondsLocked(lockedUntil: Date | null, now: Date): number {
  if (!lockedUntil) return 0;
  const ms = lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}
