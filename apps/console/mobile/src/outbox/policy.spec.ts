import { FIRST_RETRY_MS, MAX_RETRY_MS, hasUnsent, retryDelayMs, verdictOf } from './policy';

describe('outbox policy', () => {
  it('tells delivered, retryable, fatal and sign-in answers apart', () => {
    expect([200, 201, 204].map(verdictOf)).toEqual(['delivered', 'delivered', 'delivered']);
    expect([0, 500, 502, 503, 504, 408, 429].map(verdictOf)).toEqual(Array(7).fill('retry'));
    expect([400, 403, 404, 409, 413, 415, 422].map(verdictOf)).toEqual(Array(7).fill('fatal'));
    expect(verdictOf(401)).toBe('signIn');
  });

  it('backs off exponentially from 5 s to at most 10 minutes, spread ±20 %', () => {
    expect(retryDelayMs(1, 0.5)).toBe(FIRST_RETRY_MS);
    expect(retryDelayMs(2, 0.5)).toBe(2 * FIRST_RETRY_MS);
    expect(retryDelayMs(4, 0.5)).toBe(8 * FIRST_RETRY_MS);
    expect(retryDelayMs(1, 0)).toBe(0.8 * FIRST_RETRY_MS);
    expect(retryDelayMs(1, 0.999_999)).toBeCloseTo(1.2 * FIRST_RETRY_MS, -1);
    expect(retryDelayMs(30, 0.999)).toBe(MAX_RETRY_MS);
  });

  it('waits at least as long as the server’s Retry-After', () => {
    expect(retryDelayMs(1, 0.5, 60)).toBe(60_000);
    expect(retryDelayMs(1, 0.5, 1)).toBe(FIRST_RETRY_MS);
  });

  it('counts drafts, queued, sending and failed items as unsent, delivered ones not', () => {
    expect(hasUnsent([{ state: 'delivered' }], 0)).toBe(false);
    expect(hasUnsent([{ state: 'delivered' }], 1)).toBe(true);
    for (const state of ['queued', 'sending', 'failed'] as const) expect(hasUnsent([{ state: 'delivered' }, { state }], 0)).toBe(true);
  });
});
