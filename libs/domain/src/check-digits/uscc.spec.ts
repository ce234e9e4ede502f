import { isValidUscc, usccCheckCharacter } from './uscc.js';

describe('統一社会信用代码 check character', () => {
  it('accepts published valid codes', () => {
    // Codes of well-known public companies, printed on their business licences.
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91110000100003495A')).toBe(false);
  });

  it('computes the check character from the first 17 characters', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('rejects a code with a wrong check character or forbidden letters', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100I000100Y43')).toBe(false);
    expect(isValidUscc('9135010')).toBe(false);
  });
});
