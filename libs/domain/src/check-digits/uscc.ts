/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
 * 18 characters from a 31-symbol alphabet (no I, O, S, V, Z); the last one is a check character
 * computed from the first 17 with fixed weights modulo 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters of a credit code. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`invalid character '${first17[i]}' at position ${i + 1}`);
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** True when `code` is an 18-character credit code whose check character is right. */
export function isValidUscc(code: string): boolean {
  if (typeof code !== 'string' || !SHAPE.test(code)) return false;
  return usccCheckCharacter(code.slice(0, 17)) === code[17];
}
