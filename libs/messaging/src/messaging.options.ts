export interface MessagingOptions {
  /** The app's name: the envelope's `source` and the prefix of its durable consumers. */
  serviceName: string;
  /** Deployment prefix of subjects and streams (tests use a random one per file). */
  prefix: string;
  /** How often the relay looks for unpublished outbox rows when nothing pokes it. */
  outboxPollMs: number;
  maxDeliver: number;
  ackWaitMs: number;
  /**
   * Most events of one consumer handled in one transaction (those already received; 1: one
   * transaction per event). Fewer commits and one audit append for many events.
   */
  consumeBatch: number;
  /** Business time for events' occurredAt (the app's clock). */
  clock: { now(): Date };
  /** Published outbox rows older than this are deleted (ms). */
  outboxRetentionMs: number;
  /** Handled inbox rows older than this are deleted (ms). */
  inboxRetentionMs: number;
  /** How often the retention job runs (ms; 0: never, tests call it). */
  retentionIntervalMs: number;
  /** Set false for a process that only publishes (e.g. a CLI), to skip starting consumers. */
  consume?: boolean;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

const DAY_MS = 86_400_000;

export const MESSAGING_DEFAULTS = { outboxPollMs: 500, maxDeliver: 5, ackWaitMs: 30_000, consumeBatch: 100, outboxRetentionMs: 7 * DAY_MS, inboxRetentionMs: 30 * DAY_MS, retentionIntervalMs: 10 * 60_000 } as const;
