/**
 * Bank card numbers (银行卡号): 16–19 digits (China UnionPay cards are mostly 16 or 19) whose last
 * digit is a Luhn (ISO/IEC 7812-1) check digit.
 */

import { invalid } from '../errors.js';

/** True when `digits` (digits only, at least 2) passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  if (typeof digits !== 'string' || !/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit to append to `payload` (digits only). */
export function luhnCheckDigit(payload: string): string {
  if (typeof payload !== 'string' || !/^\d+$/.test(payload)) throw invalid('payload must be digits');
  for (let d = 0; d <= 9; d++) if (isLuhnValid(payload + d)) return String(d);
  throw new Error('unreachable: one of ten digits always completes a Luhn number');
}

// 16–19 digits, either unbroken or in groups of four separated by one space or dash
// ("6222 0212 3456 7890 123"); the last group may be shorter.
const CARD_SHAPE = /^(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3}|[ -]\d{4})?)$/;

/**
 * True when `value` is written like a bank card number (16–19 digits, optionally in groups of
 * four separated by spaces or dashes) and passes the Luhn check.
 */
export function isBankCardNumber(value: string): boolean {
  if (typeof value !== 'string' || !CARD_SHAPE.test(value)) return false;
  const digits = value.replace(/[ -]/g, '');
  return digits.length >= 16 && digits.length <= 19 && isLuhnValid(digits);
}

/** A bank card number found in a text: [start, end) indexes and its digits. */
export interface BankCardMatch {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

/**
 * Finds Luhn-valid bank card numbers in `text`: 16–19 ASCII digits, unbroken or in groups of four
 * separated by one space or dash, not glued to other digits. Inside a longer run of groups
 * ("金额 5000 6222 0212 3456 7890") every window of groups is tried, so neighbouring numbers do not
 * hide a card. Windows may overlap; callers that mask simply mask their union.
 */
export function findBankCardNumbers(text: string): BankCardMatch[] {
  const matches: BankCardMatch[] = [];
  for (const chain of text.matchAll(/\d+(?:[ -]\d+)*/g)) {
    const groups: { start: number; end: number; digits: string }[] = [];
    for (const group of chain[0].matchAll(/\d+/g)) {
      const start = chain.index + group.index;
      groups.push({ start, end: start + group[0].length, digits: group[0] });
    }
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && digits.length < 19; j++) {
        digits += groups[j].digits;
        // Unbroken: one group. Grouped: every group but the last has four digits.
        const shaped = j === i || groups.slice(i, j).every((g) => g.digits.length === 4) && groups[j].digits.length <= 4;
        if (shaped && digits.length >= 16 && digits.length <= 19 && isLuhnValid(digits)) {
          matches.push({ start: groups[i].start, end: groups[j].end, digits });
        }
      }
    }
  }
  return matches;
}
