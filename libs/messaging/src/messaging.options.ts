export interface MessagingOptions {
  /** The app's name: the envelope's `source` and the prefix of its durable consumers. */
  serviceName: string;
  /** Deployment prefix of subjects and streams (tests use a random one per file). */
  prefix: string;
  /** How often the relay looks for unpublished outbox rows when nothing pokes it. */
  outboxPollMs: number;
  maxDeliver: number;
  ackWaitMs: number;
  /** Business time for events' occurredAt (the app's clock). */
  clock: { now(): Date };
  /** Set false for a process that only publishes (e.g. a CLI), to skip starting consumers. */
  consume?: boolean;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export const MESSAGING_DEFAULTS = { outboxPollMs: 500, maxDeliver: 5, ackWaitMs: 30_000 } as const;
