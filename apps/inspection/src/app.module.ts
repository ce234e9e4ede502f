import path from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import type { EventBroker } from '#messaging';
import { PlatformModule, type AppEnv } from '#platform';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import type { EvidenceStore } from './evidence/evidence-store.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { INSPECTION_DEFAULTS, INSPECTION_SETTINGS, type InspectionSettings } from './inspection.options.js';
import { INSPECTION_ENTITIES, INSPECTION_MIGRATIONS } from './persistence.js';
import { ResultsModule } from './results/results.module.js';

export interface InspectionModuleOptions extends Partial<InspectionSettings> {
  synchronize?: boolean;
  outboxPollMs?: number;
  /** Another evidence store (an object store); the default keeps files under DATA_DIR/evidence. */
  evidenceStore?: EvidenceStore;
}

@Module({})
export class InspectionAppModule {
  static forRoot(config: AppEnv, broker: EventBroker, options: InspectionModuleOptions = {}): DynamicModule {
    const { synchronize, outboxPollMs, evidenceStore, ...rest } = options;
    const settings: InspectionSettings = {
      evidenceDir: rest.evidenceDir ?? path.resolve(config.DATA_DIR, 'evidence'),
      evidenceMaxBytes: rest.evidenceMaxBytes ?? INSPECTION_DEFAULTS.evidenceMaxBytes,
      overdueScanMs: rest.overdueScanMs ?? INSPECTION_DEFAULTS.overdueScanMs,
    };
    return {
      module: InspectionAppModule,
      global: true,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'inspection',
          schema: 'inspection',
          config,
          broker,
          entities: INSPECTION_ENTITIES,
          migrations: INSPECTION_MIGRATIONS,
          ...(synchronize !== undefined ? { synchronize } : {}),
          ...(outboxPollMs !== undefined ? { outboxPollMs } : {}),
        }),
        IdempotencyModule,
        AssignmentsModule,
        DirectoryModule,
        ResultsModule,
        EvidenceModule.forRoot(settings, evidenceStore),
      ],
      providers: [{ provide: INSPECTION_SETTINGS, useValue: settings }],
      exports: [INSPECTION_SETTINGS],
    };
  }
}
