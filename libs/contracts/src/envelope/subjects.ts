/**
 * Subject and stream names. Everything is under a deployment prefix so that two deployments (or two
 * parallel test runs) on one NATS server never share a stream or a consumer.
 */
export function eventSubject(prefix: string, type: string): string {
  return `${prefix}.events.${type}`;
}

export function deadLetterSubject(prefix: string, consumer: string, type: string): string {
  return `${prefix}.dlq.${consumer}.${type}`;
}

export function eventStreamName(prefix: string): string {
  return `${streamSafe(prefix)}_EVENTS`;
}

export function deadLetterStreamName(prefix: string): string {
  return `${streamSafe(prefix)}_DLQ`;
}

/** Durable consumer names may not contain dots. */
export function durableName(consumer: string, type: string): string {
  return `${consumer}__${type}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

function streamSafe(prefix: string): string {
  return prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase();
}
