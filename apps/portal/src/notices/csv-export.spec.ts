import { csvCell, csvLine } from './csv-export.js';

describe('csv', () => {
  it('quotes separators and quotes, and defuses formulas', () => {
    expect(csvCell('普通文本')).toBe('普通文本');
    expect(csvCell('含,逗号')).toBe('"含,逗号"');
    expect(csvCell('他说"是"\n换行')).toBe('"他说""是""\n换行"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
  });
});
