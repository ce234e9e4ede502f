import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * A background job that runs a pass now and then: again at once while a pass fills its batch (there
 * is more to do), otherwise after `intervalMs`. A failed pass is logged and retried at the next
 * interval; shutdown waits for the pass under way. An interval of 0 or less never starts it: tests
 * call the pass themselves. Safe on any number of replicas only if the pass is (claim rows with
 * FOR UPDATE SKIP LOCKED, make inserts idempotent).
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected abstract readonly logger: Logger;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  /** Milliseconds between passes (≤ 0: off). */
  protected abstract intervalMs(): number;

  /** How many rows a full pass handles: a pass that handled this many runs again at once. */
  protected abstract readonly batchSize: number;

  /** One pass; returns how many rows it handled. */
  protected abstract pass(): Promise<number>;

  /** For the log line of a failed pass, e.g. 'overdue scan'. */
  protected abstract readonly jobName: string;

  onApplicationBootstrap(): void {
    if (this.intervalMs() <= 0) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        while (this.running && (await this.pass()) >= this.batchSize);
      } catch (error) {
        if (this.running) this.logger.warn(`${this.jobName} failed, will retry: ${(error as Error).message}`);
      }
      if (this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.intervalMs());
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
