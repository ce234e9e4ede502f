import { maskPersonName, surnameLength } from './person-name.js';

describe('maskPersonName', () => {
  it('keeps a one-character surname', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('王小明')).toBe('王**');
  });

  it('keeps a compound surname when a given name follows it', () => {
    expect(maskPersonName('欧阳娜娜')).toBe('欧阳**');
    expect(maskPersonName('司马光')).toBe('司马*');
    expect(maskPersonName('諸葛亮')).toBe('諸葛*');
    // Two characters cannot be compound surname + given name.
    expect(maskPersonName('欧阳')).toBe('欧*');
    expect(surnameLength('欧阳娜娜')).toBe(2);
    expect(surnameLength('欧娜娜')).toBe(1);
  });

  it('keeps separators of transliterated names visible', () => {
    expect(maskPersonName('阿卜杜拉·买买提')).toBe('阿***·***');
    expect(maskPersonName('John Smith')).toBe('J*** *****');
  });

  it('handles edge cases', () => {
    expect(maskPersonName(' 张三 ')).toBe('张*');
    expect(maskPersonName('张')).toBe('*');
    expect(maskPersonName('')).toBe('');
    expect(maskPersonName('𠮷野家')).toBe('𠮷**'); // a surname outside the BMP stays whole
  });
});
