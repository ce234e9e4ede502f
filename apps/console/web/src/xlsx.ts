/**
 * Writes a workbook in the browser and hands it to the user as a download. ExcelJS (already the
 * services' reader of uploaded sheets) is loaded only when someone exports: its browser build is
 * about 250 kB gzip, which no page should pay for on open.
 */
export type Cell = string | number | null;

export interface Sheet {
  name: string;
  /** The first row is the header. */
  rows: Cell[][];
}

export async function downloadXlsx(fileName: string, sheets: Sheet[]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Spotcheck 执法监管工作台';
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row.map((c) => (c === null ? '' : c)));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.columns.forEach((col, i) => {
      const widest = Math.max(...sheet.rows.map((r) => String(r[i] ?? '').length));
      col.width = Math.min(40, Math.max(8, widest * 2 + 2));
    });
  }
  const buffer = await book.xlsx.writeBuffer();
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.setAttribute('data-external', '');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
