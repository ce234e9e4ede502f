/** How far an import is, in words and percent, from GET /api/planning/imports/:id (pure). */
export interface ImportProgressView {
  percent: number;
  /** No total known yet (the validation pass is still counting). */
  indeterminate: boolean;
  text: string;
  done: boolean;
  status: 'success' | 'exception' | '';
}

interface JobLike {
  status: string;
  processedRows: number;
  totalRows: number | null;
  insertedRows: number;
  errorCount: number;
  message: string | null;
}

export function importProgress(job: JobLike): ImportProgressView {
  const total = job.totalRows ?? 0;
  const pct = (n: number) => (total > 0 ? Math.min(100, Math.round((n / total) * 100)) : 0);
  switch (job.status) {
    case 'validating':
      return { percent: pct(job.processedRows), indeterminate: !job.totalRows, text: `正在校验：已读取 ${job.processedRows} 行`, done: false, status: '' };
    case 'writing':
      return { percent: pct(job.insertedRows), indeterminate: false, text: `正在写入：${job.insertedRows} / ${total} 行`, done: false, status: '' };
    case 'succeeded':
      return { percent: 100, indeterminate: false, text: `导入完成：共导入 ${job.insertedRows} 行`, done: true, status: 'success' };
    default:
      return {
        percent: 100,
        indeterminate: false,
        text: job.errorCount > 0 ? `导入失败：发现 ${job.errorCount} 处错误，未写入任何记录` : `导入失败：${job.message ?? '未写入任何记录'}`,
        done: true,
        status: 'exception',
      };
  }
}

/** The importers' column keys in the template's words (row errors name the key). */
export const COLUMN_LABELS: Record<string, string> = {
  name: '名称/姓名',
  kind: '对象类型',
  category: '对象类别',
  credit_code: '统一社会信用代码',
  region_code: '行政区划代码',
  industry: '行业',
  credit_class: '信用风险等级',
  status: '状态',
  departments: '检查部门',
  last_inspected_on: '最近检查日期',
  certificate_no: '执法证号',
  department: '所属单位',
  certified_categories: '执法类别',
  leave_periods: '请休假',
  conflicts: '回避声明',
  certificate_valid_from: '执法证有效期起',
  certificate_valid_until: '执法证有效期至',
};

export function columnLabel(column: string): string {
  if (!column) return '—';
  return COLUMN_LABELS[column] ? `${COLUMN_LABELS[column]}（${column}）` : column;
}
