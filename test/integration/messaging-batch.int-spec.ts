import 'reflect-metadata';
import { type DynamicModule, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsInt, IsString, MinLength } from 'class-validator';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { deadLetterStreamName, defineEvent, eventStreamName, eventSubject } from '#contracts';
import { OnEvent, OutboxService, type EventBroker, type EventContext } from '#messaging';
import { createTestDatabase, type TestDatabase } from '#persistence';
import { AuditRepository, loadConfig, PlatformModule, startApp, type RunningApp } from '#platform';
import { NatsProbe } from '../support/nats-probe.js';
import { eventually, testEnv, testPrefix } from '../support/test-env.js';

/**
 * A consumer handles the events it has already received in batches, one transaction per batch
 * (libs/messaging EventConsumerHost.handleBatch): still exactly once, still one audit record per
 * event, and one failing event costs the others nothing.
 */
class WorkPayload {
  @IsString()
  @MinLength(1)
  text!: string;

  @IsInt()
  n!: number;
}
const Work = defineEvent('test.work', 1, WorkPayload);

@Entity({ name: 'done' })
class Done {
  @PrimaryColumn('text')
  text!: string;
  @Column('int')
  times!: number;
  /** The transaction that handled it: events of one batch share it. */
  @Column('text')
  tx!: string;
}

@Injectable()
class Producer {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly outbox: OutboxService) {}
  async enqueue(texts: string[]): Promise<void> {
    await this.ds.transaction((m) => this.outbox.enqueueMany(m, Work, texts.map((text, n) => ({ text, n }))));
  }
}

@Injectable()
class Worker {
  @OnEvent(Work)
  async onWork(p: WorkPayload, ctx: EventContext): Promise<void> {
    if (p.text.startsWith('fails')) throw new Error('this one always fails');
    await ctx.manager.query(
      `INSERT INTO consumer.done (text, times, tx) VALUES ($1, 1, txid_current()::text) ON CONFLICT (text) DO UPDATE SET times = done.times + 1`,
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
      PlatformModule.forRoot({ serviceName: name, schema: name, config, broker, entities: name === 'consumer' ? [Done] : [], migrations: [], synchronize: true, outboxPollMs: 50, maxDeliver: 3 }),
    ],
    providers: [name === 'producer' ? Producer : Worker],
  });
}

describe('batched consumption (real PostgreSQL and JetStream)', () => {
  let db: TestDatabase;
  let prefix: string;
  let probe: NatsProbe;
  let producer: RunningApp;
  let consumer: RunningApp | undefined;

  const start = (name: 'producer' | 'consumer') =>
    startApp({ serviceName: name, title: name, description: name, config: loadConfig(testEnv(db.url, prefix)), module: appModule(name) });
  const sql = <T>(text: string, params: unknown[] = []) => producer.app.get(DataSource).query(text, params) as Promise<T[]>;
  const relayed = async (n: number) =>
    eventually(async () => (await sql<{ c: number }>(`SELECT count(*)::int AS c FROM producer.outbox_event WHERE published_at IS NOT NULL`))[0].c >= n, 15_000, 'relayed');

  beforeAll(async () => {
    db = await createTestDatabase('msgbatch');
    prefix = testPrefix('msgbatch');
    probe = await NatsProbe.connect();
    producer = await start('producer');
    consumer = await start('consumer'); // its schema and durable consumer, then it stops
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

  it('handles a backlog in batches, each event once, with one audit record per event and an intact chain', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => `work-${i}`);
    await producer.app.get(Producer).enqueue(texts);
    await relayed(300);
    // The same envelope once more under another msgID, as a relay after a long outage would send it.
    const [again] = await sql<{ body: string; id: string }>(`SELECT body, id FROM producer.outbox_event WHERE body LIKE '%"work-7"%'`);
    await probe.publish(eventSubject(prefix, Work.type), again.body, `again-${again.id}`);

    consumer = await start('consumer');
    await eventually(async () => (await sql<{ c: number }>(`SELECT count(*)::int AS c FROM consumer.done`))[0].c === 300, 20_000, 'backlog handled');
    await new Promise((r) => setTimeout(r, 500)); // the repeated envelope has had its chance

    const rows = await sql<{ text: string; times: number; tx: string }>(`SELECT text, times, tx FROM consumer.done`);
    expect(rows.every((r) => r.times === 1)).toBe(true);
    const transactions = new Set(rows.map((r) => r.tx)).size;
    expect(transactions).toBeLessThan(300 / 2); // batches, not one transaction per event

    const ids = (await sql<{ id: string }>(`SELECT id FROM producer.outbox_event WHERE body LIKE '%"work-%'`)).map((r) => r.id);
    const records = await sql<{ request_id: string; n: number }>(
      `SELECT request_id, count(*)::int AS n FROM consumer.audit_record WHERE request_id = ANY($1) GROUP BY request_id`,
      [ids.map((id) => `event:${id}`)],
    );
    expect(records.length).toBe(300);
    expect(records.every((r) => r.n === 1)).toBe(true);
    const [{ handled }] = await sql<{ handled: number }>(`SELECT count(*)::int AS handled FROM consumer.inbox_entry WHERE event_id = ANY($1::uuid[])`, [ids]);
    expect(handled).toBe(300);
    expect(await consumer.app.get(AuditRepository).verify()).toMatchObject({ ok: true });
  });

  it('handles the rest of a batch once when one of its events keeps failing, and dead-letters that one', async () => {
    await consumer!.close();
    consumer = undefined;
    const texts = Array.from({ length: 60 }, (_, i) => (i === 30 ? 'fails-30' : `mixed-${i}`));
    await producer.app.get(Producer).enqueue(texts);
    await relayed(360);
    consumer = await start('consumer');

    await eventually(async () => (await sql<{ c: number }>(`SELECT count(*)::int AS c FROM consumer.done WHERE text LIKE 'mixed-%'`))[0].c === 59, 20_000, 'the others handled');
    const dead = await eventually(async () => (await probe.read(deadLetterStreamName(prefix), `${prefix}.dlq.consumer.test.work`)).find((m) => m.body.includes('fails-30')), 20_000, 'dead letter');
    expect(dead.headers['Spotcheck-Dead-Letter-Reason']).toContain('handler failed 3 times');
    const rows = await sql<{ times: number }>(`SELECT times FROM consumer.done WHERE text LIKE 'mixed-%'`);
    expect(rows.every((r) => r.times === 1)).toBe(true);
    const [failing] = await sql<{ id: string }>(`SELECT id FROM producer.outbox_event WHERE body LIKE '%"fails-30"%'`);
    expect(await sql(`SELECT 1 FROM consumer.inbox_entry WHERE event_id = $1`, [failing.id])).toHaveLength(0);
    expect(await sql(`SELECT 1 FROM consumer.audit_record WHERE request_id = $1`, [`event:${failing.id}`])).toHaveLength(0);
    expect(await consumer.app.get(AuditRepository).verify()).toMatchObject({ ok: true });
  });
});
