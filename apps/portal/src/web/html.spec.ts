import { html, queryString, raw } from './html.js';

describe('html', () => {
  it('escapes interpolated text but not nested markup', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(html`<div>${html`<b>${'a&b'}</b>`}${raw('<i>ok</i>')}</div>`.value).toBe('<div><b>a&amp;b</b><i>ok</i></div>');
    expect(html`<ul>${['<1>', 2].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>&lt;1&gt;</li><li>2</li></ul>');
  });

  it('removes characters HTML cannot carry from interpolated text', () => {
    expect(html`<p title="${'a\u0001b'}">${'测试\u0001\u0000\uFFFF\uD800公司'}</p>`.value).toBe('<p title="ab">测试公司</p>');
  });

  it('builds query strings from the filled-in parameters only', () => {
    expect(queryString({ q: '水利 采砂', kind: '', after: undefined, page: 2 })).toBe('?q=%E6%B0%B4%E5%88%A9+%E9%87%87%E7%A0%82&page=2');
    expect(queryString({})).toBe('');
  });
});
