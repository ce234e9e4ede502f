import { Injectable } from '@nestjs/common';

/** Wakes the relay as soon as a producer's events are committed (OutboxCommitWatcher), instead of waiting for the next poll. */
@Injectable()
export class OutboxSignal {
  private waiter?: () => void;
  private pending = false;

  poke(): void {
    const wake = this.waiter;
    this.waiter = undefined;
    if (wake) wake();
    else this.pending = true;
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.waiter = undefined; resolve(); }, ms);
      this.waiter = () => { clearTimeout(timer); resolve(); };
    });
  }
}
