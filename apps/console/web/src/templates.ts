/**
 * Import templates, generated in the browser from the column headers planning's importers accept
 * (apps/planning/src/imports/target-import.ts and inspector-import.ts; templates.spec.ts checks that
 * every header here is one they know). UTF-8 with a BOM so that Excel opens the Chinese headers.
 */
export interface ImportTemplate {
  filename: string;
  headers: string[];
  example: string[];
}

export const TARGET_TEMPLATE: ImportTemplate = {
  filename: '检查对象导入模板.csv',
  headers: ['名称', '对象类型', '对象类别', '统一社会信用代码', '行政区划代码', '行业', '信用风险等级', '状态', '检查部门', '最近检查日期', '地址', '经度', '纬度'],
  example: ['东江水务有限公司', '法人及非法人组织', '取水单位', '91330106MA2CFEXY0L', '330106', '水的生产和供应业', 'B', '正常', '', '', '杭州市西湖区某某路1号', '120.1551', '30.2741'],
};

export const INSPECTOR_TEMPLATE: ImportTemplate = {
  filename: '执法检查人员导入模板.csv',
  headers: ['执法证号', '姓名', '所属单位', '行政区划代码', '执法类别', '请休假', '回避声明', '状态', '执法证有效期起', '执法证有效期至'],
  example: ['SL-33010600123', '张三', '', '330106', '水资源;河道采砂', '', '', '在岗', '2024-01-01', '2028-12-31'],
};

/** One CSV cell: quoted when it holds a comma, quote or line break; a formula-like start is neutralised. */
export function csvCell(value: string): string {
  const v = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text for Excel: BOM, quoted cells, CRLF line ends. */
export function csvText(rows: readonly (readonly (string | number)[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map((c) => csvCell(String(c))).join(',')).join('\r\n') + '\r\n';
}

/** A data: URL of a CSV text, for a download link. */
export function csvHref(text: string): string {
  return 'data:text/csv;charset=utf-8,' + encodeURIComponent(text);
}

/** The CSV text of a template (BOM, header row, one example row, CRLF line ends). */
export function templateCsv(t: ImportTemplate, withExample = true): string {
  return csvText([t.headers, ...(withExample ? [t.example] : [])]);
}

/** A data: URL for a download link of the template. */
export function templateHref(t: ImportTemplate): string {
  return csvHref(templateCsv(t));
}
