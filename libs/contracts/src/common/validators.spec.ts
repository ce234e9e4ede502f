import { validateSync } from 'class-validator';
import { IsMultilineText, IsPlainText, isMultilineText, isPlainText } from './validators.js';

class Sample {
  @IsPlainText() name!: unknown;
  @IsMultilineText() facts!: unknown;
  @IsPlainText({ each: true }) tags!: unknown;
}

describe('text validators', () => {
  it('refuses NUL, every other C0 control character, DEL and lone surrogates on one line', () => {
    for (let c = 0; c < 0x20; c++) expect([c, isPlainText(`a${String.fromCharCode(c)}b`)]).toEqual([c, false]);
    expect(isPlainText('a\u007fb')).toBe(false);
    expect(isPlainText('a\ud800b')).toBe(false);
    expect(isPlainText('a\udc00')).toBe(false);
    expect(isPlainText('某某水务有限公司 (Co.) 😀 ，；')).toBe(true);
    expect(isPlainText('')).toBe(true);
    expect(isPlainText(1)).toBe(false);
  });

  it('allows tab and line breaks in multi-line text only', () => {
    expect(isMultilineText('第一行\r\n\t第二行\n')).toBe(true);
    expect(isPlainText('第一行\n第二行')).toBe(false);
    for (const c of ['\u0000', '\u0001', '\u000b', '\u000c', '\u001b', '\u007f', '\ud800']) expect([c, isMultilineText(`a${c}`)]).toEqual([c, false]);
  });

  it('reports the property, and checks each element of a list', () => {
    const s = Object.assign(new Sample(), { name: 'a\u0000', facts: 'ok\nok', tags: ['x', 'y\u0001'] });
    const errors = validateSync(s);
    expect(errors.map((e) => e.property)).toEqual(['name', 'tags']);
    expect(Object.values(errors[0].constraints ?? {})[0]).toContain('name must be text without control characters');
  });
});
