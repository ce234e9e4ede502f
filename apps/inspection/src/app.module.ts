import { type DynamicModule, Module } from '@nestjs/common';
import type { EventBroker } from '#messaging';
import { PlatformModule, type AppEnv } from '#platform';
import { INSPECTION_ENTITIES, INSPECTION_MIGRATIONS } from './persistence.js';

export interface InspectionModuleOptions {
  synchronize?: boolean;
  outboxPollMs?: number;
}

@Module({})
export class InspectionAppModule {
  static forRoot(config: AppEnv, broker: EventBroker, options: InspectionModuleOptions = {}): DynamicModule {
    return {
      module: InspectionAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'inspection',
          schema: 'inspection',
          config,
          broker,
          entities: INSPECTION_ENTITIES,
          migrations: INSPECTION_MIGRATIONS,
          ...options,
        }),
      ],
    };
  }
}
