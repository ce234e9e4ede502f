import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INSPECTOR_TEMPLATE, TARGET_TEMPLATE, csvCell, csvText, templateCsv } from './templates';

// The web bundle does not import planning's code: the importers' header tables are read as text here.
const importer = (file: string) => readFileSync(path.resolve(import.meta.dirname, '../../../planning/src/imports', file), 'utf8');

describe('import templates', () => {
  it.each([
    ['target-import.ts', TARGET_TEMPLATE],
    ['inspector-import.ts', INSPECTOR_TEMPLATE],
  ])('uses only headers that %s accepts', (file, template) => {
    const source = importer(file);
    const table = source.slice(source.indexOf('const HEADERS'), source.indexOf('};', source.indexOf('const HEADERS')));
    for (const header of template.headers) expect(table).toMatch(new RegExp(`(^|[\\s,{])'?${header}'?:`));
    expect(template.example).toHaveLength(template.headers.length);
  });

  it('writes a CSV Excel opens: BOM, CRLF, quoted cells', () => {
    const csv = templateCsv(TARGET_TEMPLATE);
    expect(csv.startsWith('\uFEFF名称,对象类型')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvText([['部门', '按时率'], ['水政监察大队', 0.5]])).toBe('\uFEFF部门,按时率\r\n水政监察大队,0.5\r\n');
  });
});
