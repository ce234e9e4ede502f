/**
 * The one source of business time: deadlines and on-time flags, display periods and expiry,
 * overdue scans, schedulers, draw dates, "today" in China. Everything that decides something by
 * the date reads it from the injected clock, never from `new Date()` or `Date.now()`, so tests can
 * pin it and a test that passes today still passes next month. (The lint rule in eslint.config.js
 * enforces this; this file is one of the few places it allows.)
 */
export interface Clock {
  now(): Date;
}

/** Nest injection token of the app's clock (provided globally by PlatformModule). */
export const CLOCK = Symbol('CLOCK');

/** The machine's clock: what production runs on. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and runs on in real time from there: `CLOCK_START` for a process
 * that a test (or a training installation) starts in another process, where no object can be handed over.
 */
export function clockStartingAt(start: Date, real: Clock = systemClock): Clock {
  const offset = start.getTime() - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + offset) };
}

/** The clock that CLOCK_START (unset: the machine's) describes; apps and the start script read it alike. */
export function clockFromStart(clockStart: string | undefined): Clock {
  return clockStart ? clockStartingAt(new Date(clockStart)) : systemClock;
}

/** A clock that stands still until a test moves it. */
export class TestClock implements Clock {
  private at: number;

  constructor(at: Date | string) {
    this.at = new Date(at).getTime();
    if (Number.isNaN(this.at)) throw new Error(`TestClock: not an instant: ${String(at)}`);
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: Date | string): void {
    this.at = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}
