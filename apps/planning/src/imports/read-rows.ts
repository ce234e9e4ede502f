import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { DomainError, invalid } from '#domain';

/** One data row: its number as the file shows it (the header is row 1) and its cells by column. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export type FileFormat = 'csv' | 'xlsx';

/** XLSX files are ZIP archives; anything else is read as UTF-8 CSV (a BOM is allowed). */
export function detectFormat(data: Buffer): FileFormat {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04 ? 'xlsx' : 'csv';
}

/**
 * Reads the first sheet (XLSX) or the CSV, streaming, as rows of cells keyed by canonical column
 * name. `columnOf` maps a header (English or Chinese) to a canonical name, or undefined for an
 * unknown column, which is an error of the file: a misspelt header would otherwise drop data silently.
 */
export async function* readRows(
  data: Buffer,
  format: FileFormat,
  columnOf: (header: string) => string | undefined,
  required: readonly string[],
): AsyncGenerator<SheetRow> {
  let columns: (string | undefined)[] | undefined;
  const header = (raw: string[]) => {
    const mapped = raw.map((h) => columnOf(h.replace(/^\uFEFF/, '').trim()));
    const unknown = raw.filter((h, i) => h.trim() && !mapped[i]);
    if (unknown.length) {
      throw invalid(`unknown column(s) in the header row: ${unknown.join(', ')}`, unknown.map((column) => ({ row: 1, column, message: 'unknown column' })));
    }
    const missing = required.filter((c) => !mapped.includes(c));
    if (missing.length) {
      throw invalid(`missing column(s) in the header row: ${missing.join(', ')}`, missing.map((column) => ({ row: 1, column, message: 'required column missing' })));
    }
    return mapped;
  };
  const toCells = (values: string[]): Record<string, string> => {
    const cells: Record<string, string> = {};
    columns!.forEach((c, i) => {
      if (c && values[i] !== undefined && values[i] !== '') cells[c] = values[i];
    });
    return cells;
  };

  if (format === 'csv') {
    if (data.subarray(0, 4096).includes(0)) throw invalid('the file is neither UTF-8 CSV nor XLSX');
    assertUtf8(data);
    const parser = Readable.from(slices(data)).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }));
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (!columns) {
          columns = header(record);
          continue;
        }
        yield { row: info.lines, cells: toCells(record) };
      }
    } catch (error) {
      // csv-parse's own errors (an unclosed quote, say) are the file's: say where, as a 400.
      const e = error as { code?: string; lines?: number; message?: string };
      if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
        throw invalid(`the CSV cannot be read at line ${e.lines ?? '?'}: ${e.message}`, [{ row: e.lines ?? 0, column: '', message: e.message ?? e.code }]);
      }
      throw error;
    }
    return;
  }

  // Loaded on the first XLSX file: a quarter of a second of start-up that a CSV import never needs.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from(slices(data)), { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  yield* xlsxRows(reader, (values) => {
    if (!columns) {
      columns = header(values);
      return undefined;
    }
    return toCells(values);
  });
}

/** The first sheet's rows; a file ExcelJS cannot read is the file's problem (400), not ours. */
async function* xlsxRows(reader: AsyncIterable<unknown>, cellsOf: (values: string[]) => Record<string, string> | undefined): AsyncGenerator<SheetRow> {
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (values.every((v) => v === '')) continue;
        const cells = cellsOf(values);
        if (cells) yield { row: row.number, cells };
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid(`the XLSX file cannot be read: ${(error as Error).message}`);
  }
}

/**
 * A CSV must be UTF-8: a file saved as GBK (Excel's default on Chinese Windows) would otherwise turn
 * every name into U+FFFD silently. Names the first line that is not, so the officer can re-save it.
 */
function assertUtf8(data: Buffer): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  while (start < data.length) {
    const end = data.indexOf(0x0a, start);
    const stop = end === -1 ? data.length : end;
    try {
      decoder.decode(data.subarray(start, stop));
    } catch {
      throw invalid(`line ${line} is not UTF-8 text: save the file as "CSV UTF-8" (in Excel: 另存为 → CSV UTF-8), or upload it as XLSX`, [{ row: line, column: '', message: 'not UTF-8' }]);
    }
    line++;
    start = stop + 1;
  }
}

/**
 * The file in 64 KiB pieces: a parser handed a whole 10 MB buffer parses it in one synchronous
 * go, and the app answers nobody else until it is done.
 */
function* slices(data: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

/** A cell as text: dates as YYYY-MM-DD (Excel stores them as numbers with a date format). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; richText?: { text: string }[]; result?: unknown; hyperlink?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    return '';
  }
  return String(value).trim();
}

/** Splits a list cell: entries separated by ; ； 、 or a line break. */
export function splitList(cell: string | undefined): string[] {
  return (cell ?? '').split(/[;；、\n]/).map((s) => s.trim()).filter(Boolean);
}
