import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '#contracts';

export const ON_EVENT = Symbol('spotcheck:on-event');

/**
 * Declares a provider method as the handler of one event type. The method receives the payload,
 * already validated against the contract class, and an {@link EventContext} whose `manager` is
 * the transaction the inbox row is written in: write through it and the handling is exactly-once.
 */
export const OnEvent = (definition: EventDefinition<object>): MethodDecorator => SetMetadata(ON_EVENT, definition);
