export * from './broker/event-broker.js';
export * from './broker/jetstream.broker.js';
export * from './broker/in-process.broker.js';
export * from './create-broker.js';
export * from './outbox/outbox-event.entity.js';
export * from './outbox/outbox.service.js';
export * from './outbox/outbox-relay.service.js';
export * from './inbox/inbox-entry.entity.js';
export * from './consumer/on-event.decorator.js';
export * from './consumer/event-context.js';
export * from './consumer/validate-payload.js';
export * from './messaging.options.js';
export * from './messaging.module.js';
export * from './retention/retention.job.js';

import { InboxEntry } from './inbox/inbox-entry.entity.js';
import { OutboxEvent } from './outbox/outbox-event.entity.js';
/** Entities every app adds to its DataSource (they live in the app's own schema). */
export const MESSAGING_ENTITIES = [OutboxEvent, InboxEntry];
