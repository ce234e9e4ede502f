import { DomainError } from '#domain';
import type { ItemFinding } from './findings.js';
import { assertRectificationConsistent, followUpDates, followUpDue, itemsWithProblems, rectificationDeadlineOf } from './rectification.js';

const date = '2026-11-20';
const ok = (code: string): ItemFinding => ({ itemCode: code, checkPoints: [{ label: '计量设施', compliant: true }] });
const bad = (code: string, ...deadlines: (string | undefined)[]): ItemFinding => ({
  itemCode: code,
  checkPoints: deadlines.map((d, i) => ({ label: `检查点${i}`, compliant: false, legalProvision: '《中华人民共和国水法》第三十九条', description: '超范围采砂', rectificationDeadline: d })),
});
const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).kind).toBe('invalid');
    return (e as DomainError).message;
  }
  throw new Error('expected an invalid input');
};

describe('rectificationDeadlineOf', () => {
  it('takes the latest check-point deadline of a 责令改正 order, so every ordered correction is due by the follow-up', () => {
    const findings = [bad('SL-01', '2026-12-10', '2026-12-31'), bad('SL-02', '2026-12-20'), ok('SL-03')];
    expect(rectificationDeadlineOf({ outcome: '发现问题已责令改正', findings, inspectionDate: date })).toBe('2026-12-31');
  });

  it('refuses followUpBy on 发现问题已责令改正 and on outcomes without an order', () => {
    expect(messageOf(() => rectificationDeadlineOf({ outcome: '发现问题已责令改正', findings: [bad('SL-01', '2026-12-10')], followUpBy: '2026-12-31', inspectionDate: date }))).toMatch(/only for 发现问题待后续处理/);
    expect(messageOf(() => rectificationDeadlineOf({ outcome: '未发现问题', findings: [ok('SL-01')], followUpBy: '2026-12-31', inspectionDate: date }))).toMatch(/not for 未发现问题/);
  });

  it('gives 待后续处理 its followUpBy, else the latest check-point deadline, and refuses it without either', () => {
    expect(rectificationDeadlineOf({ outcome: '发现问题待后续处理', findings: [bad('SL-01', '2026-12-10')], followUpBy: '2027-01-15', inspectionDate: date })).toBe('2027-01-15');
    expect(rectificationDeadlineOf({ outcome: '发现问题待后续处理', findings: [bad('SL-01', '2026-12-10', '2026-12-01')], inspectionDate: date })).toBe('2026-12-10');
    expect(messageOf(() => rectificationDeadlineOf({ outcome: '发现问题待后续处理', findings: [bad('SL-01', undefined)], inspectionDate: date }))).toMatch(/needs a follow-up date/);
  });

  it('refuses a followUpBy that is no date, before the inspection or more than a year ahead', () => {
    const findings = [bad('SL-01', undefined)];
    expect(messageOf(() => rectificationDeadlineOf({ outcome: '发现问题待后续处理', findings, followUpBy: '2026-02-30', inspectionDate: date }))).toMatch(/not a calendar date/);
    expect(messageOf(() => rectificationDeadlineOf({ outcome: '发现问题待后续处理', findings, followUpBy: '2026-11-19', inspectionDate: date }))).toMatch(/before the inspection date/);
    expect(messageOf(() => rectificationDeadlineOf({ outcome: '发现问题待后续处理', findings, followUpBy: '2027-11-22', inspectionDate: date }))).toMatch(/within 366 days/);
  });

  it('has no deadline for outcomes without an order', () => {
    expect(rectificationDeadlineOf({ outcome: '未发现问题', findings: [ok('SL-01')], inspectionDate: date })).toBeNull();
    expect(rectificationDeadlineOf({ outcome: '不配合检查情节严重', findings: [], inspectionDate: date })).toBeNull();
  });
});

describe('followUpDue', () => {
  const base = { kind: 'random', outcome: '发现问题已责令改正' as const, rectificationDeadline: '2026-12-31' };

  it('is due only once the deadline day is over (China dates)', () => {
    expect(followUpDue({ ...base, today: '2026-12-31' })).toBe(false);
    expect(followUpDue({ ...base, today: '2027-01-01' })).toBe(true);
  });

  it('is not due for an order that lapsed more than 180 days ago (historical results)', () => {
    expect(followUpDue({ ...base, today: '2027-06-29' })).toBe(true);
    expect(followUpDue({ ...base, today: '2027-06-30' })).toBe(false);
  });

  it('is never due for a follow-up itself, a result without an order, or one without a deadline', () => {
    expect(followUpDue({ ...base, kind: 'follow-up', today: '2027-01-01' })).toBe(false);
    expect(followUpDue({ ...base, outcome: '未发现问题', today: '2027-01-01' })).toBe(false);
    expect(followUpDue({ ...base, rectificationDeadline: null, today: '2027-01-01' })).toBe(false);
    expect(followUpDue({ ...base, kind: 'immediate', outcome: '发现问题待后续处理', today: '2027-01-01' })).toBe(true);
  });
});

describe('follow-up contents', () => {
  it('re-inspects the items with a non-compliant check point', () => {
    const items = [{ code: 'SL-01' }, { code: 'SL-02' }, { code: 'SL-03' }];
    expect(itemsWithProblems(items, [ok('SL-01'), bad('SL-02', '2026-12-01'), ok('SL-03')])).toEqual([{ code: 'SL-02' }]);
  });

  it('may take place from the day after the deadline and is due 15 days after it appears', () => {
    expect(followUpDates('2026-12-31', '2027-01-02')).toEqual({ notBefore: '2027-01-01', dueDate: '2027-01-17' });
  });
});

describe('assertRectificationConsistent', () => {
  it('requires rectification on a follow-up and matches it to the outcome', () => {
    expect(() => assertRectificationConsistent({ isFollowUp: true, outcome: '未发现问题', rectification: '整改到位' })).not.toThrow();
    expect(() => assertRectificationConsistent({ isFollowUp: true, outcome: '发现问题待后续处理', rectification: '逾期未整改' })).not.toThrow();
    expect(messageOf(() => assertRectificationConsistent({ isFollowUp: true, outcome: '未发现问题' }))).toMatch(/needs rectification/);
    expect(messageOf(() => assertRectificationConsistent({ isFollowUp: true, outcome: '发现问题已责令改正', rectification: '整改到位' }))).toMatch(/goes with outcome 未发现问题/);
    expect(messageOf(() => assertRectificationConsistent({ isFollowUp: true, outcome: '未发现问题', rectification: '整改到位', followUpBy: '2027-01-01' }))).toMatch(/followUpBy does not apply/);
  });

  it('refuses rectification on an assignment that is not a follow-up', () => {
    expect(messageOf(() => assertRectificationConsistent({ isFollowUp: false, outcome: '未发现问题', rectification: '整改到位' }))).toMatch(/only for a follow-up/);
    expect(() => assertRectificationConsistent({ isFollowUp: false, outcome: '未发现问题' })).not.toThrow();
  });
});
