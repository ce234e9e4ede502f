// Shared set-up of the publication integration specs: a real app on a test database and prefix, its
// clock standing at TEST_NOW (a TestClock the test may move), the scheduler off.
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp, TestClock } from '#platform';
import { PublicationAppModule, type PublicationModuleOptions } from '../../apps/publication/src/app.module.js';
import { uscc } from '../support/codes.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { testPrefix } from '../support/test-env.js';
import { testClock } from '../support/test-clock.js';

export const DEPT = 'water-enforcement';
export const BUREAU = uscc('11330100MB0000001');
export const COMPANY = uscc('91330100MA2H00001');

export interface PublicationHarness {
  app: RunningApp;
  db: TestDatabase;
  prefix: string;
  probe: NatsProbe;
  /** The service's clock, standing at TEST_NOW unless a test moves it. */
  clock: TestClock;
  close(): Promise<void>;
}

/** Starts the publication app; `options` are merged over the defaults (outbox polled every 50 ms, scheduler off). */
export async function startPublication(label: string, options: PublicationModuleOptions = {}): Promise<PublicationHarness> {
  const clock = testClock();
  const db = await createTestDatabase(label);
  const prefix = testPrefix(label);
  const probe = await NatsProbe.connect();
  const app = await startTestApp('publication', (c, b) => PublicationAppModule.forRoot(c, b, { outboxPollMs: 50, clock, rules: { schedulerIntervalMs: 0 }, ...options }), db.url, prefix);
  return {
    app,
    db,
    prefix,
    probe,
    clock,
    async close() {
      await app?.close();
      await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
      await probe?.close();
      await db?.drop();
    },
  };
}
