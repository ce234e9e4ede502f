import { deadLetterStreamName, eventStreamName } from '#contracts';
import type { EventBroker } from './broker/event-broker.js';
import { InProcessBroker } from './broker/in-process.broker.js';
import { JetStreamBroker } from './broker/jetstream.broker.js';

/** JetStream when a NATS URL is configured; otherwise the process-wide in-process broker. */
export async function createBroker(natsUrl: string | undefined, prefix: string, name: string, options: { streamReplicas?: number } = {}): Promise<EventBroker> {
  const broker: EventBroker = natsUrl
    ? new JetStreamBroker({
        servers: natsUrl,
        name,
        eventStream: eventStreamName(prefix),
        eventSubjects: `${prefix}.events.>`,
        deadLetterStream: deadLetterStreamName(prefix),
        deadLetterSubjects: `${prefix}.dlq.>`,
        streamReplicas: options.streamReplicas,
      })
    : InProcessBroker.shared();
  await broker.connect();
  return broker;
}
