import type { Response } from 'express';
import { stripUncarriable } from '../web/characters.js';
import { KIND_LABELS, noticeUrl, type NoticeRow } from './notice.view.js';

const BOM = '\uFEFF';

export const CSV_COLUMNS: [string, (r: NoticeRow, base: string) => string | null | undefined][] = [
  ['公示类型', (r) => KIND_LABELS[r.kind] ?? r.kind],
  ['标题', (r) => r.title],
  ['行政相对人名称', (r) => r.party_name],
  ['统一社会信用代码', (r) => r.credit_code],
  ['决定书文号', (r) => r.document_number],
  ['决定日期', (r) => r.decision_date],
  ['公示日期', (r) => new Date(r.published_at).toISOString()],
  ['公示截止期', (r) => r.display_until],
  ['部门', (r) => r.department],
  ['地区', (r) => r.region],
  ['处罚类别', (r) => (r.penalty_types ?? []).join('；')],
  ['检查结果', (r) => r.outcome],
  ['内容', (r) => r.body],
  ['详情链接', (r, base) => base + noticeUrl(r.id)],
];

/** What makes Excel, LibreOffice or Google Sheets evaluate a cell (OWASP's list). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180 quoting), safe to open in a spreadsheet (OWASP "CSV Injection"):
 * - control characters and the other characters no output carries (web/characters.ts: NUL, C0 and
 *   C1 controls but tab/LF/CR, U+FFFE/U+FFFF, unpaired surrogates) are removed first, so none can
 *   hide a formula character from the check below or break a reader;
 * - a cell a spreadsheet would read as a formula (starting with =, +, -, @, tab or CR) gets a
 *   leading apostrophe: a notice's text must never run as a formula;
 * - a cell with a comma, quote, CR or LF is quoted, its quotes doubled.
 */
export function csvCell(value: string | null | undefined): string {
  let s = stripUncarriable(value ?? '');
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: (string | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** Writes rows as they come, waiting for the socket to drain: memory stays flat however large the export. */
export async function streamCsv(res: Response, batches: AsyncIterable<NoticeRow[]>, base: string): Promise<void> {
  const write = (chunk: string) => (res.write(chunk) ? Promise.resolve() : new Promise<void>((r) => res.once('drain', () => r())));
  await write(BOM + csvLine(CSV_COLUMNS.map(([h]) => h)));
  for await (const rows of batches) {
    if (res.destroyed) return; // the client went away: stop querying
    await write(rows.map((r) => csvLine(CSV_COLUMNS.map(([, get]) => get(r, base)))).join(''));
  }
  res.end();
}
