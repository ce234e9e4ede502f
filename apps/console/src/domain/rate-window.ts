/**
 * A fixed-window counter per key (a client IP), the idea of apps/portal/src/rate-limit.ts, for one
 * route: POST /auth/login. In memory, per replica. The caller passes monotonic time
 * (performance.now()), never the business clock: a rate window is about real seconds.
 */
export class RateWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = -Infinity;

  /** Counts one request of `key`; returns 0 when allowed, else the whole seconds until its window ends (≥ 1). */
  take(key: string, limit: number, windowMs: number, now: number): number {
    this.sweep(now, windowMs);
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count <= limit ? 0 : Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
  }

  get size(): number {
    return this.windows.size;
  }

  /** Forgets finished windows now and then, so memory follows the number of active clients. */
  private sweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(key);
  }
}
