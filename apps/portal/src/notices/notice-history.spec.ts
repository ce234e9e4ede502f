import { publicChangeReason, toHistory } from './notice.view.js';

describe('a notice’s version history', () => {
  it('names the first publication and says what each later version changed', () => {
    expect(
      toHistory([
        { version: 1, date: '2026-11-20', reason: null },
        { version: 2, date: '2026-12-20', reason: '整改复查：整改到位' },
        { version: 3, date: '2026-12-21', reason: null },
      ]),
    ).toEqual([
      { version: 1, date: '2026-11-20', change: '首次公示' },
      { version: 2, date: '2026-12-20', change: '整改复查：整改到位' },
      { version: 3, date: '2026-12-21', change: '更正' },
    ]);
  });

  it('publishes the kind of a change, never the officer’s words, which may name a person', () => {
    expect(publicChangeReason('整改复查：整改到位')).toBe('整改复查：整改到位');
    expect(publicChangeReason('整改复查：逾期未整改（复查结果更正：经营者王某某补交材料）')).toBe('整改复查：逾期未整改（复查结果更正）');
    expect(publicChangeReason('经营者张三的姓名录入有误')).toBe('更正');
    expect(publicChangeReason('检查结果更正（第2版）')).toBe('更正');
  });
});
