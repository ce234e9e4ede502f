/**
 * Events for the portal's tests, published the way the other apps will publish them (an envelope
 * on `eventSubject(prefix, type)`), and a real draw bundle made with libs/domain's draw code.
 */
import { randomUUID } from 'node:crypto';
import { eventSubject, type EventDefinition, type NoticePublishedPayload } from '#contracts';
import { commitmentOf } from '../../libs/domain/src/draw/seed.js';
import { createDrawBundle } from '../../libs/domain/src/draw/draw-bundle.js';
import { executeDraw } from '../../libs/domain/src/draw/execute-draw.js';
import { uscc } from '../support/codes.js';
import type { NatsProbe } from '../support/nats-probe.js';
import { TEST_NOW } from '../support/test-clock.js';

export interface Envelope<P> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  source: string;
  payload: P;
}

export function envelope<P extends object>(def: EventDefinition<P>, payload: P, source = 'publication'): Envelope<P> {
  return { id: randomUUID(), type: def.type, version: def.version, occurredAt: TEST_NOW, source, payload };
}

export async function publish<P extends object>(probe: NatsProbe, prefix: string, def: EventDefinition<P>, payload: P): Promise<Envelope<P>> {
  const env = envelope(def, payload, def.type.split('.')[0]);
  await probe.publish(eventSubject(prefix, def.type), env, env.id);
  return env;
}

/** A valid 统一社会信用代码 from a 9-character organisation code (letters keep it from looking like an ID number). */
export function creditCode(n: number): string {
  return uscc(`91330100MA${String(n).padStart(6, '0')}X`.slice(0, 17));
}

export function notice(over: Partial<NoticePublishedPayload> & { noticeId: string }): NoticePublishedPayload {
  return {
    version: 1,
    kind: 'penalty',
    department: '区水利水电局',
    region: '城关镇',
    title: '行政处罚决定书',
    partyName: '某某砂石有限公司',
    creditCode: creditCode(1),
    documentNumber: '区水罚〔2024〕1号',
    decisionDate: '2024-05-06',
    publishedAt: '2024-05-08T02:00:00.000Z',
    penaltyTypes: ['罚款'],
    onTime: true,
    fields: { 违法行为类型: '违法采砂', 处罚依据: '《中华人民共和国水法》第六十五条' },
    body: '当事人未经许可在河道管理范围内采砂，责令停止违法行为，罚款人民币二万元。',
    ...over,
  } as NoticePublishedPayload;
}

/**
 * A small executed draw and its bundle (10 targets, 5 inspectors, one of whom declared a conflict
 * and one is on leave), for the verifier: a version-2 bundle, or a version-1 one (as published before
 * bundles were versioned).
 */
export function sampleDraw(drawId: string, version: 1 | 2 = 2, creditClass: 'published' | 'withheld' = 'withheld') {
  const secret = 'ab'.repeat(32);
  const rules = {
    algorithm: 'spotcheck-sha256-v1' as const,
    strata: { A: { count: 1 }, B: { count: 1 }, C: { count: 1 }, D: { count: 1 } },
    inspectorsPerTarget: 2,
    departments: ['区水利水电局'],
    itemCategories: ['水资源'],
    inspectionWindow: { from: '2024-06-01', to: '2024-06-30' },
    maxAssignmentsPerInspector: null,
  };
  const targets = Array.from({ length: 10 }, (_, i) => ({ id: `T${String(i + 1).padStart(2, '0')}`, stratum: (['A', 'B', 'C', 'D'] as const)[i % 4], creditCode: creditCode(100 + i) }));
  const inspectors = Array.from({ length: 5 }, (_, i) => ({
    id: `I${i + 1}`,
    department: '区水利水电局',
    certifiedCategories: ['水资源'],
    leave: i === 4 ? [{ from: '2024-06-10', to: '2024-06-12' }] : [],
    conflicts: i === 0 ? [{ creditCode: targets[0].creditCode, relation: '近亲属任职' }] : [],
    currentLoad: 0,
  }));
  const input = { drawId, rules, targets, inspectors, secret, publicRandomness: { source: '福彩3D 2024-06-01 开奖号码', value: '372' } };
  const bundle = version === 2 ? createDrawBundle(executeDraw({ ...input, disclosure: { key: 'cd'.repeat(64), creditClass } })) : createDrawBundle(executeDraw(input));
  return { bundle, commitment: commitmentOf(secret), rules, targets, inspectors };
}
