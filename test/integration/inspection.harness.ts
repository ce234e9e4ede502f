// Shared set-up of the inspection integration specs: a real app on a test database and prefix,
// draw.completed events as planning would publish them, and HTTP calls with tokens.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '#auth';
import {
  deadLetterStreamName, DrawCompleted, eventStreamName, eventSubject, InspectorsChanged, ItemsPublished, type DrawCompletedPayload, type EventEnvelope,
} from '#contracts';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { InspectionAppModule, type InspectionModuleOptions } from '../../apps/inspection/src/app.module.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { eventually, testPrefix, tokenFor } from '../support/test-env.js';
import { DAY_MS, HOUR_MS, TEST_NOW, fromTestNow } from '../support/test-clock.js';

export const DEPT = 'shuizheng';
export const ITEMS = [
  { code: 'SL-ZD-02', name: '对河道采砂的行政检查', version: 1 },
  { code: 'SL-YB-05', name: '对取水许可的行政检查', version: 2 },
];

export interface InspectionHarness {
  app: RunningApp;
  db: TestDatabase;
  prefix: string;
  probe: NatsProbe;
  evidenceDir: string;
  ds: DataSource;
  close(): Promise<void>;
}

export async function startInspection(label: string, options: InspectionModuleOptions = {}): Promise<InspectionHarness> {
  const db = await createTestDatabase(label);
  const prefix = testPrefix(label);
  const probe = await NatsProbe.connect();
  const evidenceDir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-evidence-'));
  const app = await startTestApp('inspection', (c, b) => InspectionAppModule.forRoot(c, b, { outboxPollMs: 50, overdueScanMs: 0, evidenceDir, ...options }), db.url, prefix);
  return {
    app,
    db,
    prefix,
    probe,
    evidenceDir,
    ds: app.app.get(DataSource),
    async close() {
      await app?.close();
      await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
      await probe?.close();
      await db?.drop();
      rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}

export const inspector = (sub: string, name = sub) => ({ inspectorId: sub, name, department: DEPT, certificateNo: `ZF-${sub}` });

/** A draw.completed envelope as planning publishes it. */
export function drawCompleted(payload: Partial<DrawCompletedPayload> & Pick<DrawCompletedPayload, 'assignments'>): EventEnvelope<DrawCompletedPayload> {
  const drawId = payload.drawId ?? randomUUID();
  return {
    id: randomUUID(),
    type: DrawCompleted.type,
    version: DrawCompleted.version,
    occurredAt: TEST_NOW,
    source: 'planning',
    payload: {
      drawId,
      taskId: `task-${drawId.slice(0, 8)}`,
      taskName: '2026年第四批河道采砂双随机抽查',
      taskNumber: '水政〔2026〕12号',
      department: DEPT,
      departments: [DEPT],
      items: ITEMS,
      dueDate: '2099-12-31',
      executedAt: fromTestNow(-DAY_MS).toISOString(),
      batchIndex: 0,
      batchCount: 1,
      totalAssignments: payload.assignments.length,
      ...payload,
    },
  };
}

export const target = (n: number, inspectors: ReturnType<typeof inspector>[]) => ({
  targetId: `target-${n}`,
  targetName: `某某砂石有限公司${n}`,
  targetCode: '91330100MA2XXXXX0X',
  targetKind: 'organisation',
  region: '某某镇',
  stratum: 'B',
  inspectors,
});

/**
 * Planning's inspector directory (these inspectors, active, certificates as `inspector()` gives them)
 * and its published item list (ITEMS), as planning's events bring them; resolves once handled.
 */
export async function publishDirectory(h: InspectionHarness, subs: string[]): Promise<void> {
  const inspectors = subs.map((sub) => ({ id: sub, certificateNo: `ZF-${sub}`, name: sub, department: DEPT, certifiedCategories: ['水资源'], status: 'active' as const }));
  const events = [
    { id: randomUUID(), type: InspectorsChanged.type, version: 1, occurredAt: TEST_NOW, source: 'planning', payload: { changedAt: TEST_NOW, inspectors } },
    {
      id: randomUUID(), type: ItemsPublished.type, version: 1, occurredAt: TEST_NOW, source: 'planning',
      payload: {
        department: DEPT, publishedAt: TEST_NOW,
        items: ITEMS.map((i) => ({ ...i, category: '一般', legalBasis: '《中华人民共和国水法》', department: DEPT, method: '现场检查', checkPoints: ['是否持证作业'], targetScope: '取水单位' })),
      },
    },
  ];
  for (const e of events) await h.probe.publish(eventSubject(h.prefix, e.type), e, e.id);
  for (const e of events) await handled(h, e.id);
}

export async function publishDraw(h: InspectionHarness, envelope: EventEnvelope<DrawCompletedPayload>, msgId = randomUUID()): Promise<void> {
  await h.probe.publish(eventSubject(h.prefix, DrawCompleted.type), envelope, msgId);
}

/** Waits until the consumer has handled event `id` (its inbox row exists). */
export async function handled(h: InspectionHarness, eventId: string): Promise<void> {
  await eventually(async () => (await count(h, `SELECT count(*)::int AS c FROM inspection.inbox_entry WHERE event_id = $1`, [eventId])) === 1, 10_000, `event ${eventId}`);
}

export async function count(h: InspectionHarness, sql: string, params: unknown[] = []): Promise<number> {
  const rows = (await h.ds.query(sql, params)) as { c: number }[];
  return rows[0].c;
}

export async function assignmentIdOf(h: InspectionHarness, drawId: string, targetId: string): Promise<string> {
  const rows = (await h.ds.query(`SELECT id FROM inspection.assignment WHERE draw_id = $1 AND target_id = $2`, [drawId, targetId])) as { id: string }[];
  return rows[0].id;
}

/** An HTTP client acting as one user. */
export async function as(h: InspectionHarness, roles: Role[], sub: string, department: string | undefined = DEPT) {
  const auth = `Bearer ${await tokenFor(roles, department, sub)}`;
  return {
    get: (url: string) => request(h.app.url).get(url).set('Authorization', auth),
    post: (url: string, body?: object, key?: string) => {
      const r = request(h.app.url).post(url).set('Authorization', auth);
      if (key) r.set('Idempotency-Key', key);
      return body ? r.send(body) : r;
    },
    upload: (url: string, data: Buffer, filename: string) => request(h.app.url).post(url).set('Authorization', auth).attach('file', data, filename),
  };
}

/** A clean result covering both ITEMS. */
export function cleanResult(overrides: Record<string, unknown> = {}) {
  return {
    outcome: '未发现问题',
    findings: ITEMS.map((i) => ({ itemCode: i.code, checkPoints: [{ index: 0, label: '是否持证作业', compliant: true }] })),
    inspectedAt: fromTestNow(-HOUR_MS).toISOString(),
    place: '某某河段采砂作业区',
    location: { latitude: 30.27, longitude: 120.15, accuracyMeters: 12 },
    channel: 'mobile',
    ...overrides,
  };
}

/** Every event of `type` currently in the test's stream, parsed. */
export async function eventsOf<P>(h: InspectionHarness, type: string): Promise<EventEnvelope<P>[]> {
  return (await h.probe.read(eventStreamName(h.prefix), eventSubject(h.prefix, type))).map((m) => JSON.parse(m.body) as EventEnvelope<P>);
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}
