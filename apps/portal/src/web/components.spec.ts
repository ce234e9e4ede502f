import { highlight } from './components.js';

describe('highlight', () => {
  it('marks terms in the text, then escapes: never inside an entity', () => {
    expect(highlight('AT&T amp 公司', 'amp').value).toBe('AT&amp;T <mark>amp</mark> 公司');
    expect(highlight('a & b', 'amp').value).toBe('a &amp; b');
    expect(highlight('<b>&lt;', 'lt').value).toBe('&lt;b&gt;&amp;<mark>lt</mark>;');
    expect(highlight('x "quot" y', 'quot').value).toBe('x &quot;<mark>quot</mark>&quot; y');
  });

  it('escapes what a term matches and never lets a term inject markup', () => {
    expect(highlight('1 < 2 & 3', '<').value).toBe('1 <mark>&lt;</mark> 2 &amp; 3');
    expect(highlight('a<script>b', '<script>').value).toBe('a<mark>&lt;script&gt;</mark>b');
    expect(highlight('x.y', '.').value).toBe('x<mark>.</mark>y');
  });

  it('matches case-insensitively, several terms, the longer where they overlap', () => {
    expect(highlight('水利 采砂 ABC', 'abc 采砂').value).toBe('水利 <mark>采砂</mark> <mark>ABC</mark>');
    expect(highlight('水电站', '水电 水电站').value).toBe('<mark>水电站</mark>');
  });

  it('removes characters HTML cannot carry, in and around matches', () => {
    expect(highlight('测试\u0001有限\uFFFF公司', '有限').value).toBe('测试<mark>有限</mark>公司');
    expect(highlight('a\u0001b', '\u0001').value).toBe('ab');
    expect(highlight('plain', undefined).value).toBe('plain');
  });
});
