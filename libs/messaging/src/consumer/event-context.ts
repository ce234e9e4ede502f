import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '#contracts';

export interface EventContext {
  /** The transaction shared with the inbox row: the handler's writes commit with it or not at all. */
  manager: EntityManager;
  envelope: EventEnvelope;
  deliveryCount: number;
}
