import { dashboardSheets, percent } from './dashboard-export';
import type { Statistics } from './api/portal';

const stats: Statistics = {
  year: 2026,
  department: '区水利局',
  licenceDecisions: 12,
  penaltyDecisions: 3,
  spotChecks: { total: 20, random: 15, immediate: 5, mobile: 18, publishedOnTime: 19 },
  items: { covered: 4, categories: [], listed: 8, coveredListed: 4 },
  tasks: { executed: 4, completed: 3, assignments: 20, inspectorsDrawn: 9 },
  rates: { taskCompletion: 0.75, resultPublication: 0.95, mobileEnforcement: 0.9, itemCoverage: 0.5 },
  monthly: { licence: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11], penalty: Array(12).fill(0), spot_check: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0] },
  years: [2026],
  departments: ['区水利局'],
};

describe('dashboard export', () => {
  it('writes rates as percentages with one decimal, and nothing where there is no base', () => {
    expect(percent(0.12345)).toBe(12.3);
    expect(percent(null)).toBeNull();
  });

  it('builds one sheet per figure group, headers first, the scope on every indicator row', () => {
    const sheets = dashboardSheets(stats, [], {
      department: '区水利局',
      window: { from: '2025-12-03', to: '2026-12-02' },
      firms: 10,
      buckets: [
        { inspections: 0, firms: 6 },
        { inspections: 1, firms: 3 },
        { inspections: 2, firms: 1 },
        { inspections: 3, firms: 0 },
      ],
    });
    expect(sheets.map((s) => s.name)).toEqual(['年度指标', '按月公示', '检查负担']);
    const figures = sheets[0].rows;
    expect(figures[0]).toEqual(['指标', '数值', '年度', '部门']);
    expect(figures).toContainEqual(['任务完成率（%）', 75, 2026, '区水利局']);
    expect(figures).toContainEqual(['事项清单覆盖率（%）', 50, 2026, '区水利局']);
    expect(sheets[1].rows).toHaveLength(13);
    expect(sheets[1].rows[12]).toEqual(['12月', 11, 0, 0]);
    expect(sheets[2].rows[4]).toEqual(['3次及以上', 0, '2025-12-03至2026-12-02', '区水利局']);
  });

  it('leaves out what did not load', () => {
    expect(dashboardSheets(null, [], null)).toEqual([]);
  });
});
