import { DomainError } from '../errors.js';
import {
  idNumberBirthDate,
  idNumberCheckDigit,
  isLegacyIdNumber,
  isValidIdNumber,
  looksLikeIdNumber,
} from './id-number.js';

describe('身份证号 (GB 11643-1999)', () => {
  it('computes the check digit of the standard example', () => {
    // The example number printed in GB 11643-1999 itself.
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it('computes a digit check character by hand', () => {
    // Σ(d·w) for 44030519900101124 = 202; 202 mod 11 = 4 → "10X98765432"[4] = '8'.
    expect(idNumberCheckDigit('44030519900101124')).toBe('8');
    expect(isValidIdNumber('440305199001011248')).toBe(true);
    expect(isValidIdNumber('440305199001011249')).toBe(false);
    // Σ = 200 for …123: 200 mod 11 = 2 → 'X'.
    expect(idNumberCheckDigit('44030519900101123')).toBe('X');
  });

  it('accepts a lower-case x and rejects other shapes', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('11010519491231002Y')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
    expect(isValidIdNumber(' 11010519491231002X')).toBe(false);
    expect(() => idNumberCheckDigit('1101051949123100A')).toThrow(DomainError);
  });

  it('requires a plausible birth date even when the check digit is right', () => {
    // 1949-02-30 does not exist; the check digit is computed so that only the date is wrong.
    const first17 = '11010519490230002';
    expect(isValidIdNumber(first17 + idNumberCheckDigit(first17))).toBe(false);
    const ancient = '11010518991231002';
    expect(isValidIdNumber(ancient + idNumberCheckDigit(ancient))).toBe(false);
  });

  it('reads the birth date of 18- and 15-digit numbers', () => {
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idNumberBirthDate('110105491231002')).toBe('1949-12-31');
    expect(idNumberBirthDate('110105491331002')).toBeUndefined();
    expect(isLegacyIdNumber('110105491231002')).toBe(true);
    expect(isLegacyIdNumber('1101054912310021')).toBe(false);
  });

  it('recognises a mistyped ID number by its shape and birth date', () => {
    expect(looksLikeIdNumber('110105194912310021')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(looksLikeIdNumber('110105194913310021')).toBe(false);
  });
});
