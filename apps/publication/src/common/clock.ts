/** Where the service reads the time. Injected, so tests can move time forward (expiry, deadlines). */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('PUBLICATION_CLOCK');

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };
