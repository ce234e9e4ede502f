/** A class with a no-argument constructor: what class-validator and class-transformer work on. */
export type PayloadClass<P extends object> = new () => P;

/**
 * One event type of one version: the name producers publish and consumers subscribe to, and the
 * payload class both validate against, so the compiler checks both sides against one definition.
 */
export interface EventDefinition<P extends object> {
  readonly type: string;
  readonly version: number;
  readonly payload: PayloadClass<P>;
}

export function defineEvent<P extends object>(type: string, version: number, payload: PayloadClass<P>): EventDefinition<P> {
  if (!/^[a-z]+(\.[a-z_]+)+$/.test(type)) throw new Error(`invalid event type '${type}'`);
  return Object.freeze({ type, version, payload });
}

/** The payload type of a definition. */
export type PayloadOf<D> = D extends EventDefinition<infer P> ? P : never;
