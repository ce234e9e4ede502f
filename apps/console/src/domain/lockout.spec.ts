import { LOCKOUT, lockDurationMs, secondsLocked } from './lockout.js';

describe('lockout with back-off', () => {
  it('lets 4 wrong passwords pass, locks 1 minute at the 5th, doubles per further failure, and stops at 1 hour', () => {
    expect([1, 2, 3, 4].map(lockDurationMs)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10].map((n) => lockDurationMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(lockDurationMs(11)).toBe(LOCKOUT.maxLockMs);
    expect(lockDurationMs(1_000_000)).toBe(LOCKOUT.maxLockMs);
    expect(lockDurationMs(0)).toBe(0);
  });

  it('counts the seconds left of a lock by the given instant', () => {
    const now = new Date('2026-11-20T02:00:00Z');
    expect(secondsLocked(null, now)).toBe(0);
    expect(secondsLocked(new Date(now.getTime() - 1), now)).toBe(0);
    expect(secondsLocked(now, now)).toBe(0);
    expect(secondsLocked(new Date(now.getTime() + 1), now)).toBe(1);
    expect(secondsLocked(new Date(now.getTime() + 60_000), now)).toBe(60);
  });
});
