import { escapeMarkup, stripUncarriable } from './characters.js';

describe('characters no output can carry', () => {
  it('removes C0 controls but tab, LF and CR; DEL and C1; U+FFFE/U+FFFF; unpaired surrogates', () => {
    const c0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
    expect(stripUncarriable(`a${c0}b`)).toBe('a\t\n\rb');
    expect(stripUncarriable('测试\u0001有限公司')).toBe('测试有限公司');
    expect(stripUncarriable('x\u007f\u0080\u0085\u009fy')).toBe('xy');
    expect(stripUncarriable('x\uFFFE\uFFFFy')).toBe('xy');
    expect(stripUncarriable('x\uD800y\uDC00z\uDBFF')).toBe('xyz');
  });

  it('keeps everything else: CJK, emoji (surrogate pairs), U+FFFD, private use, NBSP', () => {
    const text = '行政处罚 😀 𠀀 \uFFFD \uE000 \u00A0 ＡＢ１ é';
    expect(stripUncarriable(text)).toBe(text);
  });

  it('escapes markup characters after removing what cannot be carried', () => {
    expect(escapeMarkup('<a href="x">&amp; \'q\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;amp; &#39;q&#39;&lt;/a&gt;');
    expect(escapeMarkup('x ]]> y')).toBe('x ]]&gt; y');
    expect(escapeMarkup('&\u0001lt;')).toBe('&amp;lt;');
  });
});
