import { redactText } from './redact-text.js';

describe('redactText', () => {
  it('replaces every character of a number by *, keeping the text around it', () => {
    expect(redactText('身份证号11010519491231002X，电话139-1234-5678。')).toBe('身份证号******************，电话*************。');
  });

  it('keeps the surname of listed names', () => {
    expect(redactText('证人欧阳娜娜、李四在场', { personNames: ['欧阳娜娜', '李四'] })).toBe('证人欧阳**、李*在场');
  });

  it('masks a name with a character outside the BMP by whole characters', () => {
    expect(redactText('证人𠮷野家明', { personNames: ['𠮷野家明'] })).toBe('证人𠮷***');
  });

  it('returns the text unchanged when nothing is found', () => {
    const text = '某公司（统一社会信用代码91350100M000100Y43）罚款5000元。';
    expect(redactText(text)).toBe(text);
  });

  it('can be limited to some kinds', () => {
    expect(redactText('13912345678 11010519491231002X', { kinds: ['id-number'] })).toBe('13912345678 ******************');
  });
});
