import { RateWindows } from './rate-window.js';

describe('rate windows per client', () => {
  it('allows `limit` requests per window and key, then tells the seconds until the window ends', () => {
    const w = new RateWindows();
    for (let i = 0; i < 10; i++) expect(w.take('203.0.113.7', 10, 60_000, 1_000 + i)).toBe(0);
    expect(w.take('203.0.113.7', 10, 60_000, 31_000)).toBe(30);
    expect(w.take('203.0.113.7', 10, 60_000, 60_999)).toBe(1);
    // Another client has its own window; the first gets a new one once its window is over.
    expect(w.take('198.51.100.1', 10, 60_000, 31_000)).toBe(0);
    expect(w.take('203.0.113.7', 10, 60_000, 61_000)).toBe(0);
  });

  it('forgets finished windows', () => {
    const w = new RateWindows();
    for (let i = 0; i < 100; i++) w.take(`client-${i}`, 10, 60_000, 0);
    w.take('late', 10, 60_000, 120_000);
    expect(w.size).toBe(1);
  });
});
