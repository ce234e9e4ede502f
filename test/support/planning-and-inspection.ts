import type { RunningApp } from '#platform';
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { createTestDatabase, type TestDatabase } from '#persistence';
import { InspectionAppModule } from '../../apps/inspection/src/app.module.js';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { NatsProbe } from './nats-probe.js';
import { startTestApp } from './start-test-app.js';
import { testPrefix } from './test-env.js';

/**
 * Planning and inspection, each with its own database, sharing one subject prefix on real
 * JetStream: the set-up of the tests that follow a draw from one app into the other.
 */
export class PlanningAndInspection {
  planning!: RunningApp;
  inspection?: RunningApp;
  probe!: NatsProbe;
  readonly prefix: string;
  private planningDb!: TestDatabase;
  private inspectionDb!: TestDatabase;

  private constructor(label: string) {
    this.prefix = testPrefix(label);
  }

  static async start(label: string, { inspection = true } = {}): Promise<PlanningAndInspection> {
    const s = new PlanningAndInspection(label);
    [s.planningDb, s.inspectionDb] = await Promise.all([createTestDatabase(`${label}plan`), createTestDatabase(`${label}insp`)]);
    s.probe = await NatsProbe.connect();
    s.planning = await startTestApp('planning', (c, b) => PlanningAppModule.forRoot(c, b, { outboxPollMs: 50 }), s.planningDb.url, s.prefix);
    if (inspection) await s.startInspection();
    return s;
  }

  async startInspection(): Promise<RunningApp> {
    this.inspection = await startTestApp(
      'inspection',
      (c, b) => InspectionAppModule.forRoot(c, b, { outboxPollMs: 50, overdueScanMs: 0 }),
      this.inspectionDb.url,
      this.prefix,
    );
    return this.inspection;
  }

  async stopInspection(): Promise<void> {
    await this.inspection?.close();
    this.inspection = undefined;
  }

  async close(): Promise<void> {
    await this.stopInspection();
    await this.planning?.close();
    await this.probe?.deleteStreams(eventStreamName(this.prefix), deadLetterStreamName(this.prefix));
    await this.probe?.close();
    await Promise.all([this.planningDb?.drop(), this.inspectionDb?.drop()]);
  }
}
