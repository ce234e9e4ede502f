import { DRAW_STATUS_LABELS, hashLines, stratumSizes } from './draw-view';

describe('draw figures', () => {
  it('lists every announced hash, top level and per stratum', () => {
    const summary = { size: 3, idsHash: 'aa', creditCodesHash: 'bb', strata: { A: { size: 1, idsHash: 'cc' }, B: { size: 2, idsHash: 'dd' } } };
    expect(hashLines(summary)).toEqual([
      { label: 'idsHash', value: 'aa' },
      { label: 'creditCodesHash', value: 'bb' },
      { label: 'A 类 idsHash', value: 'cc' },
      { label: 'B 类 idsHash', value: 'dd' },
    ]);
    expect(stratumSizes(summary)).toEqual({ A: 1, B: 2 });
    expect(hashLines(null)).toEqual([]);
    expect(DRAW_STATUS_LABELS.revealed).toBe('已揭示');
  });
});
