import { InspectorPool } from './skip-rules.js';
import { canonicalInspectors, type InspectorEntry } from './population.js';
import { fixtureRules } from './testing/draw-fixtures.js';

const rules = fixtureRules();
const base: InspectorEntry = {
  id: 'I01',
  department: rules.departments[0],
  certifiedCategories: ['水资源'],
  leave: [],
  conflicts: [],
  currentLoad: 0,
};

function poolOf(...entries: Partial<InspectorEntry>[]): InspectorPool {
  return new InspectorPool(
    canonicalInspectors(entries.map((e, i) => ({ ...base, id: `I${i}`, ...e })), rules.departments),
    rules,
  );
}

describe('skip rules', () => {
  it('checks certification before leave, and leave by overlap with the inspection window', () => {
    const pool = poolOf(
      { certifiedCategories: ['水土保持'], leave: [{ from: '2026-12-01', to: '2026-12-02' }] },
      { leave: [{ from: '2026-12-20', to: '2026-12-24' }] },
      { leave: [{ from: '2026-11-01', to: '2026-11-30' }, { from: '2026-12-21', to: '2026-12-22' }] },
      { certifiedCategories: ['水土保持', '水资源'] },
    );
    expect(pool.staticSkip(0)?.rule).toBe('uncertified');
    expect(pool.staticSkip(1)).toEqual({
      rule: 'on-leave',
      reason: 'on leave 2026-12-20..2026-12-24, overlapping the inspection window 2026-12-01..2026-12-20',
    });
    expect(pool.staticSkip(2)).toBeUndefined();
    expect(pool.staticSkip(3)).toBeUndefined();
  });

  it('matches conflicts by target id or credit code and reports the first declaration in canonical order', () => {
    const pool = poolOf(
      {
        conflicts: [
          { targetId: 'T0001', relation: '配偶任职' },
          { creditCode: 'CC1', relation: '曾任职' },
        ],
      },
      { conflicts: [{ targetId: 'T0002', relation: '近亲属' }] },
    );
    // Canonical order sorts declarations by targetId ('' first), so the credit-code one comes first.
    expect(pool.conflictsOf('T0001', 'CC1').reasonFor(0)).toBe('declared conflict with credit code CC1 (曾任职)');
    expect(pool.conflictsOf('T0001', undefined).reasonFor(0)).toBe('declared conflict with target T0001 (配偶任职)');
    expect(pool.conflictsOf('T0009', 'CC1').reasonFor(0)).toBe('declared conflict with credit code CC1 (曾任职)');
    expect(pool.conflictsOf('T0001', 'CC1').reasonFor(1)).toBeUndefined();
    expect(pool.conflictsOf('T0002', 'CC2').reasonFor(1)).toBe('declared conflict with target T0002 (近亲属)');
  });
});
