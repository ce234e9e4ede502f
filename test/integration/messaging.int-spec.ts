import { randomUUID } from 'node:crypto';
import 'reflect-metadata';
import { type DynamicModule, Injectable, Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { IsInt, IsString, MinLength } from 'class-validator';
import { Column, DataSource, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { deadLetterStreamName, defineEvent, eventStreamName, eventSubject } from '#contracts';
import { OnEvent, OutboxService, type EventBroker, type EventContext } from '#messaging';
import { createTestDatabase, type TestDatabase } from '#persistence';
import { loadConfig, PlatformModule, startApp, type RunningApp } from '#platform';
import { NatsProbe } from '../support/nats-probe.js';
import { eventually, testEnv, testPrefix } from '../support/test-env.js';

class PingPayload {
  @IsString()
  @MinLength(1)
  text!: string;

  @IsInt()
  n!: number;
}
const Ping = defineEvent('test.ping', 1, PingPayload);

@Entity({ name: 'note' })
class Note {
  @PrimaryGeneratedColumn('uuid')
  id!: string;
  @Column('text')
  text!: string;
}

@Entity({ name: 'seen' })
class Seen {
  @PrimaryColumn('text')
  text!: string;
  @Column('int')
  times!: number;
}

@Injectable()
class Producer {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly outbox: OutboxService) {}
  async create(text: string, n: number, rollback = false): Promise<void> {
    await this.ds
      .transaction(async (m) => {
        await m.insert(Note, { text });
        await this.outbox.enqueue(m, Ping, { text, n });
        if (rollback) throw new Error('rolled back on purpose');
      })
      .catch((e: Error) => { if (!rollback) throw e; });
  }
  async createMany(texts: string[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.outbox.enqueueMany(m, Ping, texts.map((text, n) => ({ text, n })));
    });
  }
}

@Injectable()
class Consumer {
  static invocations = 0;
  static order: string[] = [];
  @OnEvent(Ping)
  async onPing(p: PingPayload, ctx: EventContext): Promise<void> {
    Consumer.invocations++;
    Consumer.order.push(p.text);
    if (p.text === 'always-fails') throw new Error('this handler always fails');
    await ctx.manager.query(
      `INSERT INTO consumer.seen (text, times) VALUES ($1, 1) ON CONFLICT (text) DO UPDATE SET times = seen.times + 1`,
      [p.text],
    );
  }
}

function appModule(name: 'producer' | 'consumer'): (c: ReturnType<typeof loadConfig>, b: EventBroker) => DynamicModule {
  @Module({})
  class TestAppModule {}
  return (config, broker) => ({
    module: TestAppModule,
    imports: [
      PlatformModule.forRoot({
        serviceName: name,
        schema: name,
        config,
        broker,
        entities: name === 'producer' ? [Note] : [Seen],
        migrations: [],
        synchronize: true,
        outboxPollMs: 50,
        maxDeliver: 3,
      }),
      TypeOrmModule.forFeature(name === 'producer' ? [Note] : [Seen]),
    ],
    providers: [name === 'producer' ? Producer : Consumer],
  });
}

describe('durable messaging between two apps (real PostgreSQL and JetStream)', () => {
  let db: TestDatabase;
  let prefix: string;
  let probe: NatsProbe;
  let producer: RunningApp;
  let consumer: RunningApp | undefined;

  const start = (name: 'producer' | 'consumer') =>
    startApp({ serviceName: name, title: name, description: name, config: loadConfig(testEnv(db.url, prefix)), module: appModule(name) });
  const seen = async (text: string): Promise<number> => {
    const rows = (await producer.app.get(DataSource).query(`SELECT times FROM consumer.seen WHERE text = $1`, [text])) as { times: number }[];
    return rows[0]?.times ?? 0;
  };

  beforeAll(async () => {
    db = await createTestDatabase('messaging');
    prefix = testPrefix('msg');
    probe = await NatsProbe.connect();
    producer = await start('producer');
    // Create the consumer's schema (and durable consumers) once, then stop it.
    consumer = await start('consumer');
    await consumer.close();
    consumer = undefined;
  });

  afterAll(async () => {
    await consumer?.close();
    await producer?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await db?.drop();
  });

  it('handles an event published while the consumer was stopped exactly once after it starts', async () => {
    await producer.app.get(Producer).create('while-down', 1);
    await eventually(async () => (await producer.app.get(DataSource).query(`SELECT count(*)::int AS c FROM producer.outbox_event WHERE published_at IS NOT NULL`))[0].c >= 1, 5000, 'relay');
    expect(await seen('while-down')).toBe(0);

    consumer = await start('consumer');
    await eventually(async () => (await seen('while-down')) === 1, 10_000, 'consumer catch-up');
    await consumer.close();
    consumer = await start('consumer'); // a restart must not redeliver what was acknowledged
    await new Promise((r) => setTimeout(r, 700));
    expect(await seen('while-down')).toBe(1);
  });

  it('changes the consumer state once when the same event is delivered twice', async () => {
    await producer.app.get(Producer).create('twice', 2);
    await eventually(async () => (await seen('twice')) === 1, 10_000, 'first delivery');
    const [row] = (await producer.app.get(DataSource).query(`SELECT body FROM producer.outbox_event WHERE body LIKE '%"twice"%'`)) as { body: string }[];
    // Same envelope again under another msgID: JetStream stores it a second time, as after a long outage.
    await probe.publish(eventSubject(prefix, Ping.type), row.body, `redelivery-${randomUUID()}`);
    await producer.app.get(Producer).create('after-twice', 3);
    await eventually(async () => (await seen('after-twice')) === 1, 10_000, 'later event');
    expect(await seen('twice')).toBe(1);
  });

  it('sends malformed messages to the dead-letter subject and keeps consuming', async () => {
    const subject = eventSubject(prefix, Ping.type);
    await probe.publish(subject, 'this is not JSON');
    await probe.publish(subject, { id: '8b0f4c1e-0e0a-4c55-9f55-4f1d2b7c9a10', type: 'test.ping', version: 1, occurredAt: '2026-11-20T02:00:00.000Z', source: 'x', payload: { text: '', n: 'NaN', extra: true } });
    await producer.app.get(Producer).create('after-poison', 4);
    await eventually(async () => (await seen('after-poison')) === 1, 10_000, 'event after poison');

    const dead = await eventually(async () => {
      const msgs = await probe.read(deadLetterStreamName(prefix), `${prefix}.dlq.consumer.test.ping`);
      return msgs.length >= 2 ? msgs : undefined;
    }, 5000, 'dead letters');
    expect(dead[0].body).toBe('this is not JSON');
    expect(dead[0].headers['Spotcheck-Dead-Letter-Reason']).toContain('not JSON');
    expect(dead[1].headers['Spotcheck-Dead-Letter-Reason']).toMatch(/text|n|extra/);
  });

  it('dead-letters an event whose handler keeps failing, after the bounded number of deliveries', async () => {
    const before = Consumer.invocations;
    await producer.app.get(Producer).create('always-fails', 5);
    const dead = await eventually(async () => {
      const msgs = await probe.read(deadLetterStreamName(prefix), `${prefix}.dlq.consumer.test.ping`);
      return msgs.find((m) => m.body.includes('always-fails'));
    }, 15_000, 'dead letter after retries');
    expect(dead.headers['Spotcheck-Dead-Letter-Reason']).toContain('handler failed 3 times');
    expect(Consumer.invocations - before).toBe(3);
    await producer.app.get(Producer).create('after-failure', 6);
    await eventually(async () => (await seen('after-failure')) === 1, 10_000, 'event after failure');
  });

  it('relays a batch written with enqueueMany in write order', async () => {
    const texts = Array.from({ length: 120 }, (_, i) => `batch-${i}`);
    await producer.app.get(Producer).createMany(texts);
    await eventually(async () => (await seen('batch-119')) === 1, 10_000, 'last of the batch');
    expect(Consumer.order.filter((t) => t.startsWith('batch-'))).toEqual(texts);
  });

  it('writes no event when the state change rolls back', async () => {
    await producer.app.get(Producer).create('rolled-back', 7, true);
    const rows = (await producer.app.get(DataSource).query(`SELECT count(*)::int AS c FROM producer.outbox_event WHERE body LIKE '%rolled-back%'`)) as { c: number }[];
    expect(rows[0].c).toBe(0);
    const notes = (await producer.app.get(DataSource).query(`SELECT count(*)::int AS c FROM producer.note WHERE text = 'rolled-back'`)) as { c: number }[];
    expect(notes[0].c).toBe(0);
  });
});
