import { DomainError } from '#domain';
import { assertFindingsConsistent, summarizeFindings, type ItemFinding } from './findings.js';

const items = [
  { code: 'SL-01', name: '取水许可' },
  { code: 'SL-02', name: '河道采砂' },
];
const ok = (code: string): ItemFinding => ({ itemCode: code, checkPoints: [{ index: 0, label: '计量设施', compliant: true }] });
const bad = (code: string, deadline?: string): ItemFinding => ({
  itemCode: code,
  checkPoints: [{ label: '超许可取水', compliant: false, legalProvision: '《取水许可和水资源费征收管理条例》第四十九条', description: '超量取水', rectificationDeadline: deadline }],
});
const problemsOf = (f: () => void): string[] => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return ((e as DomainError).details as { problems: string[] }).problems;
  }
  throw new Error('expected an invalid result');
};

describe('assertFindingsConsistent', () => {
  const date = '2026-11-20';

  it('accepts a clean result that covers every item', () => {
    expect(() => assertFindingsConsistent({ outcome: '未发现问题', items, findings: [ok('SL-01'), ok('SL-02')], inspectionDate: date })).not.toThrow();
  });

  it('refuses an item that is not in the inspection, naming it', () => {
    const problems = problemsOf(() => assertFindingsConsistent({ outcome: '未发现问题', items, findings: [ok('SL-01'), ok('SL-02'), ok('XX-99')], inspectionDate: date }));
    expect(problems.join()).toContain("'XX-99' is not an item of this inspection");
  });

  it('needs every item when the inspection took place, but not when the target could not be reached', () => {
    expect(problemsOf(() => assertFindingsConsistent({ outcome: '未发现问题', items, findings: [ok('SL-01')], inspectionDate: date })).join()).toContain('missing: SL-02');
    expect(() => assertFindingsConsistent({ outcome: '通过登记的住所（经营场所）无法联系', items, findings: [], inspectionDate: date })).not.toThrow();
  });

  it('keeps the outcome and the check points consistent', () => {
    expect(problemsOf(() => assertFindingsConsistent({ outcome: '未发现问题', items, findings: [ok('SL-01'), bad('SL-02', date)], inspectionDate: date })).join()).toContain('contradicts 1');
    expect(problemsOf(() => assertFindingsConsistent({ outcome: '发现问题待后续处理', items, findings: [ok('SL-01'), ok('SL-02')], inspectionDate: date })).join()).toContain('at least one non-compliant');
    expect(problemsOf(() => assertFindingsConsistent({ outcome: '发现问题已责令改正', items, findings: [ok('SL-01'), bad('SL-02')], inspectionDate: date })).join()).toContain('rectificationDeadline');
    expect(() => assertFindingsConsistent({ outcome: '发现问题已责令改正', items, findings: [ok('SL-01'), bad('SL-02', '2026-12-20')], inspectionDate: date })).not.toThrow();
  });

  it('refuses duplicates, a deadline before the inspection, and a violation without its provision', () => {
    const f = bad('SL-02', '2026-11-01');
    f.checkPoints.push({ ...f.checkPoints[0], legalProvision: undefined });
    const problems = problemsOf(() => assertFindingsConsistent({ outcome: '发现问题已责令改正', items, findings: [ok('SL-01'), ok('SL-01'), f], inspectionDate: date }));
    expect(problems.join('\n')).toMatch(/'SL-01' appears more than once/);
    expect(problems.join('\n')).toMatch(/label '超许可取水' appears more than once/);
    expect(problems.join('\n')).toMatch(/before the inspection date/);
    expect(problems.join('\n')).toMatch(/legal provision/);
  });

  it('refuses a rectification deadline that is no calendar date', () => {
    const problems = problemsOf(() => assertFindingsConsistent({ outcome: '发现问题已责令改正', items, findings: [ok('SL-01'), bad('SL-02', '2026-02-30')], inspectionDate: date }));
    expect(problems.join()).toContain('2026-02-30 is not a calendar date');
  });
});

describe('summarizeFindings', () => {
  it('names each item and what was wrong', () => {
    const text = summarizeFindings('发现问题已责令改正', items, [ok('SL-01'), bad('SL-02', '2026-12-20')]);
    expect(text).toBe('发现问题已责令改正。取水许可：1个检查点均符合要求。河道采砂：超许可取水不符合要求（超量取水，限2026-12-20前整改）。');
  });
});
