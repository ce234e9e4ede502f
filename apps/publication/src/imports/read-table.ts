import { parse } from 'csv-parse/sync';

import { DomainError, invalid } from '#domain';

/** A spreadsheet as text: the header row and the data rows, each with its row number in the file. */
export interface Table {
  headers: string[];
  rows: { row: number; cells: (string | Date | undefined)[] }[];
}

export const MAX_IMPORT_ROWS = 5000;

/** Reads an XLSX workbook (first sheet) or a UTF-8 CSV file; refuses anything else with a 400. */
export async function readTable(data: Buffer, filename = ''): Promise<Table> {
  if (data.length === 0) throw invalid('the file is empty');
  if (data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw invalid('this is an old Excel (.xls) file: save it as .xlsx or as CSV (UTF-8)');
  }
  const table = data.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1')) ? await readXlsx(data) : readCsv(data, filename);
  if (table.rows.length === 0) throw invalid('the file has a header row but no data rows');
  if (table.rows.length > MAX_IMPORT_ROWS) throw new DomainError('too_large', `at most ${MAX_IMPORT_ROWS} rows per file; this one has ${table.rows.length}`);
  return table;
}

function readCsv(data: Buffer, filename: string): Table {
  if (/\.(xlsx|xls|ods)$/i.test(filename)) throw invalid(`${filename} is not a readable spreadsheet`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw invalid('the CSV file is not UTF-8 (Excel on Chinese Windows saves GBK): choose "CSV UTF-8" when saving, or upload the .xlsx');
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw invalid(`the CSV file cannot be read: ${(error as Error).message}`);
  }
  const [headers = [], ...rest] = records;
  return {
    headers,
    rows: rest
      .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (c === '' ? undefined : c)) }))
      .filter((r) => r.cells.some((c) => c !== undefined)),
  };
}

async function readXlsx(data: Buffer): Promise<Table> {
  // Loaded on the first XLSX file: a quarter of a second of start-up that a CSV import never needs.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw invalid(`the XLSX file cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('the workbook has no worksheet');
  let headers: string[] | undefined;
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = (row.values as unknown[]).slice(1).map(cellValue);
    if (!headers) headers = values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '')));
    else if (values.some((v) => v !== undefined)) rows.push({ row: rowNumber, cells: values });
  });
  return { headers: headers ?? [], rows };
}

/** A cell as text (or a Date for date cells): rich text joined, formulas by their result. */
function cellValue(value: unknown): string | Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return cellValue(v.richText.map((r) => r.text).join(''));
    if ('result' in v) return cellValue(v.result);
    if (v.text !== undefined) return cellValue(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}
