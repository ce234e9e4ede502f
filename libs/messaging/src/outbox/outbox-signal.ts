import { Injectable } from '@nestjs/common';

/** Wakes the relay as soon as a producer has written an event, instead of waiting for the next poll. */
@Injectable()
export class OutboxSignal {
  private waiter?: () => void;
  private pending = false;

  poke(): void {
    const wake = this.waiter;
    this.waiter = undefined;
    // Give the producer's transaction a moment to commit before the relay looks.
    if (wake) setTimeout(wake, 5);
    else this.pending = true;
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return new Promise((resolve) => setTimeout(resolve, 5));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.waiter = undefined; resolve(); }, ms);
      this.waiter = () => { clearTimeout(timer); resolve(); };
    });
  }
}
