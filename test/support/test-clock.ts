import { TestClock } from '#platform';

/**
 * The instant every test runs at, whatever the machine's date: a Friday morning in China, a working
 * day well inside 2026 (the calendar data covers it). Apps started by tests get it as CLOCK_START
 * (their clock starts here and runs on) unless a test hands them a TestClock; tests build their own
 * dates from it, never from the machine's clock.
 */
export const TEST_NOW = '2026-11-20T10:00:00+08:00';

/** TEST_NOW's calendar date in China. */
export const TEST_TODAY = '2026-11-20';

/** A standing clock at TEST_NOW, for a test that moves time itself. */
export function testClock(at: string = TEST_NOW): TestClock {
  return new TestClock(at);
}

/** An instant `ms` milliseconds from TEST_NOW (negative: before it). */
export function fromTestNow(ms: number): Date {
  return new Date(Date.parse(TEST_NOW) + ms);
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
