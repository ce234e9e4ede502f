import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { TEST_NATS_URL } from './test-env.js';

/**
 * A test's own view of JetStream: reads what landed on a subject (events or dead letters) with an
 * ephemeral consumer, and publishes raw bytes (to inject malformed or duplicated messages).
 */
export class NatsProbe {
  private constructor(private readonly nc: NatsConnection) {}

  static async connect(): Promise<NatsProbe> {
    return new NatsProbe(await connect({ servers: TEST_NATS_URL }));
  }

  async publish(subject: string, body: string | object, msgId?: string): Promise<void> {
    const data = typeof body === 'string' ? body : JSON.stringify(body);
    await jetstream(this.nc).publish(subject, data, msgId ? { msgID: msgId } : undefined);
  }

  /** Every message currently stored in `stream` on `subject`, decoded as text, with its headers. */
  async read(stream: string, subject: string): Promise<{ body: string; headers: Record<string, string> }[]> {
    const jsm = await jetstreamManager(this.nc);
    let info;
    try {
      info = await jsm.streams.info(stream);
    } catch {
      return [];
    }
    if (info.state.messages === 0) return [];
    const ci = await jsm.consumers.add(stream, { ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All, filter_subject: subject, inactive_threshold: 30_000_000_000 });
    const consumer = await jetstream(this.nc).consumers.get(stream, ci.name);
    const out: { body: string; headers: Record<string, string> }[] = [];
    const batch = await consumer.fetch({ max_messages: 1000, expires: 1000 });
    for await (const m of batch) {
      const headers: Record<string, string> = {};
      for (const [k, v] of m.headers ?? []) headers[k] = v.join(',');
      out.push({ body: m.string(), headers });
      if (m.info.pending === 0) break;
    }
    await jsm.consumers.delete(stream, ci.name).catch(() => undefined);
    return out;
  }

  /** Removes this test's streams (names are per-prefix, so nothing else is touched). */
  async deleteStreams(...names: string[]): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    for (const n of names) await jsm.streams.delete(n).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}
