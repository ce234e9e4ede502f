/** Thrown when the gate's queue is full: the caller answers 503 with Retry-After instead of waiting. */
export class GateFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('busy');
    this.name = 'GateFullError';
  }
}

/**
 * Runs at most `concurrency` jobs at a time and keeps at most `maxQueued` waiting; one more is
 * refused at once (GateFullError), never left hanging. The console puts every scrypt derive behind
 * one gate: each takes 128 MiB and a thread of libuv's 4-thread pool for about 0.3 s, and a flood of
 * sign-ins must not starve the pool that token signing (WebCrypto), DNS and static files share.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueued: number,
    private readonly retryAfterSeconds = 2,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new GateFullError(this.retryAfterSeconds);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; `running` stays the same.
      if (next) next();
      else this.running--;
    }
  }
}
