import { type DynamicModule, Module } from '@nestjs/common';
import type { EventBroker } from '#messaging';
import { PlatformModule, type AppEnv } from '#platform';
import { PUBLICATION_ENTITIES, PUBLICATION_MIGRATIONS } from './persistence.js';

export interface PublicationModuleOptions {
  synchronize?: boolean;
  outboxPollMs?: number;
}

@Module({})
export class PublicationAppModule {
  static forRoot(config: AppEnv, broker: EventBroker, options: PublicationModuleOptions = {}): DynamicModule {
    return {
      module: PublicationAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'publication',
          schema: 'publication',
          config,
          broker,
          entities: PUBLICATION_ENTITIES,
          migrations: PUBLICATION_MIGRATIONS,
          ...options,
        }),
      ],
    };
  }
}
