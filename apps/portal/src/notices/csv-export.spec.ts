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

  it('defuses every formula start OWASP lists, also behind a removed control character', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('\u0001=cmd|"/c calc"!A0')).toBe(`"'=cmd|""/c calc""!A0"`);
    expect(csvCell('\u0000\u0000+1')).toBe("'+1");
    expect(csvCell('a=1')).toBe('a=1');
    expect(csvCell('https://gongshi.example.gov.cn/notices/1')).toBe('https://gongshi.example.gov.cn/notices/1');
  });

  it('removes NUL and the other control characters a cell cannot carry, keeps line breaks and tabs inside', () => {
    expect(csvCell('测试\u0001有限\u0000公司\uFFFF')).toBe('测试有限公司');
    expect(csvCell('a\u007f\u0085b\uD800')).toBe('ab');
    expect(csvCell('第一行\n第二行\t完')).toBe('"第一行\n第二行\t完"');
  });
});
