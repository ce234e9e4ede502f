import { findBankCardNumbers, isBankCardNumber, isLuhnValid, luhnCheckDigit } from './bank-card.js';

describe('bank card numbers (Luhn)', () => {
  it('validates the Luhn check digit', () => {
    expect(isLuhnValid('79927398713')).toBe(true); // the classic worked example
    expect(isLuhnValid('79927398710')).toBe(false);
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(false); // digits only
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });

  it('accepts 16–19 digits, unbroken or in groups of four', () => {
    const card19 = '622202123456789012' + luhnCheckDigit('622202123456789012');
    expect(isBankCardNumber(card19)).toBe(true);
    expect(isBankCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(isBankCardNumber('4111-1111-1111-1111')).toBe(true);
    expect(isBankCardNumber(`${card19.slice(0, 4)} ${card19.slice(4, 8)} ${card19.slice(8, 12)} ${card19.slice(12, 16)} ${card19.slice(16)}`)).toBe(true);
  });

  it('rejects wrong lengths, bad grouping and bad check digits', () => {
    expect(isBankCardNumber('79927398713')).toBe(false); // Luhn-valid but 11 digits
    expect(isBankCardNumber('4111111111111112')).toBe(false);
    expect(isBankCardNumber('41111 111111 11111')).toBe(false);
    expect(isBankCardNumber('41111111111111111111111')).toBe(false);
  });

  it('finds cards in text, next to other numbers', () => {
    const text = '罚款5000元，退款至卡号4111 1111 1111 1111，另 2026 4111111111111111 号';
    const found = findBankCardNumbers(text).map((m) => text.slice(m.start, m.end));
    expect(found).toEqual(expect.arrayContaining(['4111 1111 1111 1111', '4111111111111111']));
    expect(findBankCardNumbers('4111111111111112 and 123')).toEqual([]);
    // Glued to another digit it is a different (longer) number.
    expect(findBankCardNumbers('94111111111111111')).toEqual([]);
  });
});
