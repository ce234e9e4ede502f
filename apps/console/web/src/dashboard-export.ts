/** The dashboard's figures as worksheets (pure: the page downloads them with xlsx.ts). */
import { NOTICE_KIND_LABELS, type RateRow } from './api/publication';
import type { BurdenSummary } from './api/planning';
import type { Statistics } from './api/portal';
import type { Sheet } from './xlsx';

/** A rate as a percentage with one decimal, or empty where there is nothing to divide by. */
export const percent = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 10);
export const BURDEN_LABELS = ['0次', '1次', '2次', '3次及以上'] as const;

export function dashboardSheets(stats: Statistics | null, rates: RateRow[], burden: BurdenSummary | null): Sheet[] {
  const sheets: Sheet[] = [];
  if (stats) {
    const scope = stats.department ?? '全部部门';
    sheets.push({
      name: '年度指标',
      rows: [
        ['指标', '数值', '年度', '部门'],
        ['行政许可决定（件）', stats.licenceDecisions, stats.year, scope],
        ['行政处罚决定（件）', stats.penaltyDecisions, stats.year, scope],
        ['抽查检查（户次）', stats.spotChecks.total, stats.year, scope],
        ['其中：双随机抽查', stats.spotChecks.random, stats.year, scope],
        ['其中：即时检查', stats.spotChecks.immediate, stats.year, scope],
        ['掌上执法（户次）', stats.spotChecks.mobile, stats.year, scope],
        ['执行的抽查任务（个）', stats.tasks.executed, stats.year, scope],
        ['完成的抽查任务（个）', stats.tasks.completed, stats.year, scope],
        ['任务完成率（%）', percent(stats.rates.taskCompletion), stats.year, scope],
        ['结果公示率（%）', percent(stats.rates.resultPublication), stats.year, scope],
        ['掌上执法率（%）', percent(stats.rates.mobileEnforcement), stats.year, scope],
        ['事项清单覆盖率（%）', percent(stats.rates.itemCoverage), stats.year, scope],
        ['清单事项（项）', stats.items.listed, stats.year, scope],
        ['已检查的清单事项（项）', stats.items.coveredListed, stats.year, scope],
      ],
    });
    sheets.push({
      name: '按月公示',
      rows: [['月份', '行政许可', '行政处罚', '抽查检查结果'], ...stats.monthly.licence.map((n, i) => [`${i + 1}月`, n, stats.monthly.penalty[i] ?? 0, stats.monthly.spot_check[i] ?? 0])],
    });
  }
  if (rates.length) {
    sheets.push({
      name: '按时公示率',
      rows: [
        ['年度', '部门', '类型', '按时公示', '逾期公示', '逾期未公示', '待公示', '按时率（%）'],
        ...rates.map((r) => [r.year, r.department, NOTICE_KIND_LABELS[r.kind] ?? r.kind, r.onTime, r.late, r.overdue, r.pending, percent(r.onTimeRate)]),
      ],
    });
  }
  if (burden) {
    sheets.push({
      name: '检查负担',
      rows: [
        ['近12个月被检查次数（跨部门）', '企业（户）', '统计区间', '部门'],
        ...burden.buckets.map((b) => [BURDEN_LABELS[b.inspections], b.firms, `${burden.window.from}至${burden.window.to}`, burden.department ?? '全部部门']),
      ],
    });
  }
  return sheets;
}
