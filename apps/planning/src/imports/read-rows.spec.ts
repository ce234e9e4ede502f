import { readRows, type SheetRow } from './read-rows.js';

const columnOf = (h: string) => (['name', 'kind'].includes(h) ? h : undefined);

async function rows(data: Buffer): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of readRows(data, 'csv', columnOf, ['name'])) out.push(r);
  return out;
}

describe('readRows (CSV)', () => {
  it('reads UTF-8 rows by column, with the row number a spreadsheet shows', async () => {
    expect(await rows(Buffer.from('\uFEFFname,kind\n甲公司,organisation\n\n乙公司,site\n'))).toEqual([
      { row: 2, cells: { name: '甲公司', kind: 'organisation' } },
      { row: 4, cells: { name: '乙公司', kind: 'site' } },
    ]);
  });

  it('refuses a file that is not UTF-8 (GBK from Excel), naming the first line, instead of reading U+FFFD', async () => {
    const gbk = Buffer.concat([Buffer.from('name,kind\nok,site\n'), Buffer.from([0xbc, 0xd7, 0xb9, 0xab, 0xcb, 0xbe]), Buffer.from(',site\n')]); // 甲公司 in GBK
    await expect(rows(gbk)).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('line 3 is not UTF-8') });
  });

  it('turns a CSV syntax error into a 400 naming the line, not "failed unexpectedly"', async () => {
    await expect(rows(Buffer.from('name,kind\n"unclosed,site\n'))).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/the CSV cannot be read at line \d/) });
  });

  it('refuses an unknown column by name', async () => {
    await expect(rows(Buffer.from('name,colour\nx,red\n'))).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('colour') });
  });
});

describe('readRows (XLSX)', () => {
  it('refuses a ZIP that is no workbook as the file\'s problem (400)', async () => {
    const notAWorkbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const read = async () => {
      for await (const _ of readRows(notAWorkbook, 'xlsx', columnOf, ['name'])) void _;
    };
    await expect(read()).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('XLSX file cannot be read') });
  });
});
