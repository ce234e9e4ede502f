import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '#contracts';

export const ON_EVENT = Symbol('spotcheck:on-event');

/**
 * Declares a provider method as the handler of one event type. The method receives the payload,
 * already validated against the contract class, and an {@link EventContext} whose `manager` is
 * the transaction the inbox row is written in: write through it and the handling is exactly-once.
 */
export const OnEvent = (definition: EventDefinition<object>, options: OnEventOptions = {}): MethodDecorator =>
  applyDecorators(SetMetadata(ON_EVENT, definition), SetMetadata(ON_EVENT_OPTIONS, options));

export const ON_EVENT_OPTIONS = Symbol('spotcheck:on-event-options');

export interface OnEventOptions {
  /**
   * Batches of this consumer handled at once in this process (default 1: one after another, in
   * order). More only for a handler whose writes commute, i.e. whose outcome does not depend on the
   * order events are handled in (e.g. upserts guarded by a version): the same holds for several
   * replicas sharing the consumer, which handle its events at once anyway.
   */
  concurrency?: number;
}
