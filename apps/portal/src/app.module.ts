import { type DynamicModule, Module } from '@nestjs/common';
import type { EventBroker } from '#messaging';
import { PlatformModule, type AppEnv } from '#platform';
import { PORTAL_ENTITIES, PORTAL_MIGRATIONS } from './persistence.js';

export interface PortalModuleOptions {
  synchronize?: boolean;
  outboxPollMs?: number;
}

@Module({})
export class PortalAppModule {
  static forRoot(config: AppEnv, broker: EventBroker, options: PortalModuleOptions = {}): DynamicModule {
    return {
      module: PortalAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'portal',
          schema: 'portal',
          config,
          broker,
          entities: PORTAL_ENTITIES,
          migrations: PORTAL_MIGRATIONS,
          ...options,
        }),
      ],
    };
  }
}
