import { sampleSize, validateDrawRules, assertValidDrawRules } from './draw-rules.js';
import { DrawRuleError } from './draw-error.js';
import { fixtureRules } from './testing/draw-fixtures.js';

describe('draw rules', () => {
  it('accepts the fixture rules', () => {
    expect(validateDrawRules(fixtureRules())).toEqual([]);
  });

  it('lists every problem with the field it concerns', () => {
    const problems = validateDrawRules({
      ...fixtureRules(),
      strata: { A: { ratio: 0 }, B: { ratio: 1.5 }, C: { count: 0 } },
      inspectorsPerTarget: 1,
      itemCategories: [],
      inspectionWindow: { from: '2026-12-20', to: '2026-12-01' },
      maxAssignmentsPerInspector: 0,
      algorithm: 'shuffle',
      extra: true,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "unknown rule 'extra'",
        'algorithm must be one of spotcheck-sha256-v1, rfc3797',
        'strata.A.ratio must be in (0, 1], got 0',
        'strata.B.ratio must be in (0, 1], got 1.5',
        'strata.C.count must be a positive integer',
        'strata.D is missing: every stratum keeps a non-zero sample (no target is exempt)',
        'inspectorsPerTarget must be an integer from 2 to 20 (at least two inspectors per target)',
        'itemCategories must be a non-empty list',
        'inspectionWindow.from must not be after inspectionWindow.to',
        'maxAssignmentsPerInspector must be a positive integer or null',
      ]),
    );
  });

  it('accepts the 无事不扰 exclusion as announced and names each problem with it', () => {
    const burden = { excludeInspectedAtLeast: 2, window: { from: '2025-12-01', to: '2026-11-30' }, excludedTargets: 3 };
    expect(validateDrawRules(fixtureRules({ inspectionBurden: burden }))).toEqual([]);
    expect(validateDrawRules(fixtureRules({ inspectionBurden: null }))).toEqual([]);
    expect(validateDrawRules({ ...fixtureRules(), inspectionBurden: { excludeInspectedAtLeast: 0, window: { from: '2026-11-30', to: '2025-12-01' }, excludedTargets: -1, why: 'x' } })).toEqual([
      "inspectionBurden: unknown field 'why'",
      'inspectionBurden.excludeInspectedAtLeast must be a positive integer',
      'inspectionBurden.excludedTargets must be a non-negative integer',
      'inspectionBurden.window.from must not be after inspectionBurden.window.to',
    ]);
    expect(validateDrawRules({ ...fixtureRules(), inspectionBurden: 2 })).toEqual([
      'inspectionBurden must be null or { excludeInspectedAtLeast, window: { from, to }, excludedTargets }',
    ]);
  });

  it('needs a place for every department of a joint task and exact ratios', () => {
    expect(validateDrawRules(fixtureRules({ departments: ['a', 'b', 'c'] }))).toEqual([
      'inspectorsPerTarget (2) must be at least the number of departments (3)',
    ]);
    expect(validateDrawRules(fixtureRules({ strata: { A: { ratio: 0.0000001 }, B: { count: 1 }, C: { count: 1 }, D: { count: 1 } } }))).toEqual([
      'strata.A.ratio must have at most 6 decimal places, got 1e-7',
    ]);
    expect(() => assertValidDrawRules({})).toThrow(DrawRuleError);
  });

  it('rounds ratios up exactly and never to zero for a non-empty stratum', () => {
    expect(sampleSize('A', { ratio: 0.03 }, 1_000_000)).toBe(30_000);
    expect(sampleSize('A', { ratio: 0.07 }, 100)).toBe(7); // 0.07 × 100 is 7.000000000000001 in floating point
    expect(sampleSize('A', { ratio: 0.14 }, 100)).toBe(14);
    expect(sampleSize('A', { ratio: 0.03 }, 1_000_001)).toBe(30_001);
    expect(sampleSize('B', { ratio: 0.02 }, 1)).toBe(1);
    expect(sampleSize('C', { ratio: 1 }, 37)).toBe(37);
    expect(sampleSize('D', { ratio: 0.5 }, 0)).toBe(0);
    expect(sampleSize('A', { count: 5 }, 5)).toBe(5);
  });

  it('refuses an explicit count larger than the stratum', () => {
    expect(() => sampleSize('B', { count: 6 }, 5)).toThrow('stratum B has 5 targets but the rules ask for 6');
    try {
      sampleSize('B', { count: 6 }, 5);
    } catch (error) {
      expect((error as DrawRuleError).code).toBe('stratum-too-small');
      expect((error as DrawRuleError).kind).toBe('unprocessable');
    }
  });
});

describe('text checks', () => {
  it('accepts Chinese text and emoji but refuses control characters and lone surrogates', async () => {
    const { isPlainText, isDrawId, isIsoDate } = await import('./text-checks.js');
    expect(isPlainText('水政监察大队 😀', 20)).toBe(true);
    expect(isPlainText('a\nb', 20)).toBe(false);
    expect(isPlainText('a\u007f', 20)).toBe(false);
    expect(isPlainText('\ud800x', 20)).toBe(false);
    expect(isPlainText('x\udc00', 20)).toBe(false);
    expect(isPlainText('', 20)).toBe(false);
    expect(isDrawId('91350100M000100Y43')).toBe(true);
    expect(isDrawId('a b')).toBe(false);
    expect(isDrawId('水利')).toBe(false);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});
