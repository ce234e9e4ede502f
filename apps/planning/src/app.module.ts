import { type DynamicModule, Module } from '@nestjs/common';
import type { EventBroker } from '#messaging';
import { PlatformModule, type AppEnv } from '#platform';
import { PLANNING_ENTITIES, PLANNING_MIGRATIONS } from './persistence.js';

export interface PlanningModuleOptions {
  synchronize?: boolean;
  outboxPollMs?: number;
}

@Module({})
export class PlanningAppModule {
  static forRoot(config: AppEnv, broker: EventBroker, options: PlanningModuleOptions = {}): DynamicModule {
    return {
      module: PlanningAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'planning',
          schema: 'planning',
          config,
          broker,
          entities: PLANNING_ENTITIES,
          migrations: PLANNING_MIGRATIONS,
          ...options,
        }),
      ],
    };
  }
}
