/**
 * 公民身份号码 (citizen identity number), GB 11643-1999.
 *
 * 18 characters: 6-digit address code, 8-digit birth date (YYYYMMDD), 3-digit sequence code and a
 * check character computed ISO 7064 MOD 11-2 style from the first 17 digits ("X" stands for 10).
 * Numbers issued before 1999 had 15 digits: a 6-digit birth date (YYMMDD, 19YY) and no check digit.
 */

import { invalid } from '../errors.js';

/** Weights of the first 17 digits. */
export const ID_NUMBER_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character by (weighted sum mod 11). */
const CHECK_CHARACTERS = '10X98765432';

const FIRST_17 = /^\d{17}$/;
const ID_18 = /^\d{17}[\dXx]$/;
const ID_15 = /^\d{15}$/;

/** Oldest birth year accepted as plausible; nobody alive holds an ID with an earlier one. */
const EARLIEST_BIRTH_YEAR = 1900;
/** Latest birth year accepted; a pure function cannot ask for "today", so the bound is generous. */
const LATEST_BIRTH_YEAR = 2099;

/** The check character ('0'–'9' or 'X') for the first 17 digits of an ID number. */
export function idNumberCheckDigit(first17: string): string {
  if (typeof first17 !== 'string' || !FIRST_17.test(first17)) {
    throw invalid('the first 17 characters of an ID number must be digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_NUMBER_WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

function plausibleDate(year: number, month: number, day: number): boolean {
  if (year < EARLIEST_BIRTH_YEAR || year > LATEST_BIRTH_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The birth date ('YYYY-MM-DD') encoded in an 18- or 15-digit ID number, or undefined when the
 * string has neither shape or the date is not a real date between 1900 and 2099. Does not check
 * the check digit.
 */
export function idNumberBirthDate(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  let year: number, month: number, day: number;
  if (ID_18.test(value)) {
    [year, month, day] = [Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14))];
  } else if (ID_15.test(value)) {
    [year, month, day] = [1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12))];
  } else {
    return undefined;
  }
  if (!plausibleDate(year, month, day)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * True for an 18-character ID number with a right check character and a plausible birth date.
 * A lower-case 'x' is accepted: people type it, and redaction must catch it.
 */
export function isValidIdNumber(value: string): boolean {
  if (typeof value !== 'string' || !ID_18.test(value)) return false;
  if (idNumberBirthDate(value) === undefined) return false;
  return idNumberCheckDigit(value.slice(0, 17)) === value[17].toUpperCase();
}

/**
 * True for an 18-character string shaped like an ID number (17 digits + digit/X) with a plausible
 * birth date, whatever its check character: a mistyped ID number still identifies a person.
 */
export function looksLikeIdNumber(value: string): boolean {
  return typeof value === 'string' && ID_18.test(value) && idNumberBirthDate(value) !== undefined;
}

/** True for a 15-digit first-generation ID number with a plausible 19YYMMDD birth date. */
export function isLegacyIdNumber(value: string): boolean {
  return typeof value === 'string' && ID_15.test(value) && idNumberBirthDate(value) !== undefined;
}
