import { sampleSize, stepProblems, taskBody, type WizardState } from './task-wizard';

const state = (over: Partial<WizardState> = {}): WizardState => ({
  name: '2026年第一批取水许可随机抽查', itemCodes: ['SL-01'], kinds: [], categories: '', regionCodes: '',
  ratios: { A: 2, B: 5, C: 100, D: 100 }, inspectorsPerTarget: 2, departments: '', excludeInspectedWithinDays: null,
  excludeInspectedAtLeast: null, maxAssignmentsPerInspector: null, inspectionFrom: '2026-12-01', dueDate: '2026-12-31', ...over,
});

describe('task wizard', () => {
  it('rounds a stratum’s sample up, as the draw rules do', () => {
    expect(sampleSize(5, 100)).toBe(5);
    expect(sampleSize(5, 101)).toBe(6);
    expect(sampleSize(2, 1)).toBe(1);
    expect(sampleSize(100, 7)).toBe(7);
    expect(sampleSize(5, 0)).toBe(0);
    expect(sampleSize(0.1, 3)).toBe(1);
  });

  it('checks each step before the next', () => {
    expect(stepProblems(0, state({ itemCodes: [] }))).toEqual(['请选择至少一个抽查事项']);
    expect(stepProblems(1, state({ ratios: { A: 0, B: 5, C: 100, D: 101 } }))).toHaveLength(2);
    expect(stepProblems(1, state({ regionCodes: '3301, 33x' }))).toEqual(['行政区划代码前缀为 2–6 位数字']);
    expect(stepProblems(2, state({ inspectorsPerTarget: 1 }))[0]).toContain('2–20');
    expect(stepProblems(3, state({ dueDate: '2026-11-30' }))).toEqual(['完成期限不能早于检查开始日期']);
    for (const step of [0, 1, 2, 3, 4]) expect(stepProblems(step, state())).toEqual([]);
  });

  it('writes the CreateTaskDto body, leaving out what was not set', () => {
    expect(taskBody(state({ kinds: ['site'], categories: '取水口、取水单位', departments: '水资源管理科', maxAssignmentsPerInspector: 5 }))).toEqual({
      name: '2026年第一批取水许可随机抽查', itemCodes: ['SL-01'], targetFilter: { kinds: ['site'], categories: ['取水口', '取水单位'] },
      sampling: { A: { ratio: 0.02 }, B: { ratio: 0.05 }, C: { ratio: 1 }, D: { ratio: 1 } }, inspectorsPerTarget: 2, departments: ['水资源管理科'],
      maxAssignmentsPerInspector: 5, inspectionFrom: '2026-12-01', dueDate: '2026-12-31',
    });
  });
});
