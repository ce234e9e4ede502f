import { type DynamicModule, Module, type BeforeApplicationShutdown, Inject, Global } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EVENT_BROKER, type EventBroker } from './broker/event-broker.js';
import { EventConsumerHost } from './consumer/event-consumer.host.js';
import { MESSAGING_DEFAULTS, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';
import { OutboxService } from './outbox/outbox.service.js';
import { OutboxCommitWatcher } from './outbox/outbox-commit-watcher.js';
import { OutboxSignal } from './outbox/outbox-signal.js';
import { MessagingRetention } from './retention/retention.job.js';

export interface MessagingModuleOptions extends Partial<Pick<MessagingOptions, 'outboxPollMs' | 'maxDeliver' | 'ackWaitMs' | 'consumeBatch' | 'consume' | 'outboxRetentionMs' | 'inboxRetentionMs' | 'retentionIntervalMs'>> {
  serviceName: string;
  prefix: string;
  /** Made by the app's bootstrap (JetStream or the in-process fallback) and connected before use. */
  broker: EventBroker;
  /** The app's clock (PlatformModule's): envelopes' occurredAt reads it. */
  clock: { now(): Date };
}

class BrokerLifecycle implements BeforeApplicationShutdown {
  constructor(@Inject(EVENT_BROKER) private readonly broker: EventBroker) {}
  /** Stop consuming (and let in-flight handlers finish) before the DataSource closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.broker.close();
  }
}

/** Outbox, relay, inbox and @OnEvent consumers over one broker. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const resolved: MessagingOptions = { ...MESSAGING_DEFAULTS, ...options };
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: resolved },
        { provide: EVENT_BROKER, useValue: options.broker },
        OutboxSignal,
        OutboxCommitWatcher,
        OutboxService,
        OutboxRelay,
        EventConsumerHost,
        BrokerLifecycle,
        MessagingRetention,
      ],
      exports: [OutboxService, EVENT_BROKER, MESSAGING_OPTIONS, MessagingRetention],
    };
  }
}
