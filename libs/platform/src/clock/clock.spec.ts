import { clockStartingAt, TestClock, type Clock } from './clock.js';

describe('clocks', () => {
  it('a test clock stands still until moved', () => {
    const clock = new TestClock('2026-11-20T09:00:00+08:00');
    expect(clock.now().toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-20T01:00:00.000Z');
    clock.advanceDays(3);
    expect(clock.now().toISOString()).toBe('2026-11-23T01:00:00.000Z');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('refuses a test clock at no instant', () => {
    expect(() => new TestClock('not a date')).toThrow(/not an instant/);
  });

  it('a clock started at an instant runs on with the real one', () => {
    const real = new TestClock('2030-05-05T00:00:00Z');
    const clock: Clock = clockStartingAt(new Date('2020-01-01T00:00:00Z'), real);
    expect(clock.now().toISOString()).toBe('2020-01-01T00:00:00.000Z');
    real.advance(90_000);
    expect(clock.now().toISOString()).toBe('2020-01-01T00:01:30.000Z');
  });
});
