import { isLuhnValid } from '../check-digits/bank-card.js';
import { isLegacyIdNumber, isValidIdNumber, looksLikeIdNumber } from '../check-digits/id-number.js';
import { isValidUscc } from '../check-digits/uscc.js';
import { foldForScanning } from './normalize-text.js';

/** What a finding is. */
export type PersonalDataKind =
  /** 18-character 身份证号 with a right check character and a plausible birth date. */
  | 'id-number'
  /** 18 characters shaped like an ID number with a plausible birth date but a wrong check character. */
  | 'id-number-unverified'
  /** 15-digit first-generation ID number with a plausible birth date. */
  | 'id-number-legacy'
  /** Mainland mobile number 1[3-9]xxxxxxxxx, optionally with +86 / 0086 and separators. */
  | 'mobile'
  /** Landline with area code: 010-12345678, 0571 8888 6666, (0571)88886666. */
  | 'landline'
  /** 16–19-digit Luhn-valid card number. */
  | 'bank-card'
  /** Any long number right after 账号 / 账户 / 卡号 (accounts of organisations are not Luhn numbers). */
  | 'bank-account'
  | 'email'
  /** What follows 住址 / 家住 / 户籍地 … up to the next punctuation (only with `addresses: true`). */
  | 'address'
  /** A name from the notice's list of natural persons. */
  | 'person-name';

/** One piece of personal data: `text.slice(start, end)`. */
export interface Finding {
  readonly kind: PersonalDataKind;
  readonly start: number;
  readonly end: number;
}

/** Options for {@link findPersonalData}. */
export interface FindPersonalDataOptions {
  /** Names of natural persons to find wherever they occur (names shorter than 2 characters are ignored). */
  readonly personNames?: readonly string[];
  /**
   * Organisation codes known to be public (the notice's own 统一社会信用代码 fields). A string equal
   * to one of them is never reported, even if it also happens to be a valid ID number.
   */
  readonly publicCodes?: readonly string[];
  /**
   * Also find home addresses introduced by 住址, 住所, 家住, 户籍地 and the like. Off by default:
   * an organisation's 住所 is public registration data; natural persons' notices turn it on.
   */
  readonly addresses?: boolean;
  /** Report only these kinds (default: all). */
  readonly kinds?: readonly PersonalDataKind[];
}

/**
 * The kinds a public surface must never show, checked by {@link containsPersonalData}: these three
 * are recognised by a check digit or a tight pattern, so a hit is almost never a false alarm.
 */
export const STRICT_PERSONAL_DATA_KINDS: readonly PersonalDataKind[] = ['id-number', 'mobile', 'bank-card'];

interface DigitGroup {
  readonly start: number;
  readonly end: number;
  /** Digits, possibly ending in X (the ID check character). */
  readonly text: string;
}

const MOBILE = /^(?:0086|86)?1[3-9]\d{9}$/;
// Area codes: 010, 02x, 0[3-9]xx; local numbers have 7–8 digits and do not start with 0 or 1.
const LANDLINE = /^0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}$/;
const LANDLINE_IN_PARENS = /\(\s?0(?:10|2\d|[3-9]\d{2})\s?\)[ -]?[2-9]\d{6,7}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const ACCOUNT = /(?:账号|帐号|账户|帐户|卡号)\s?(?:为|是)?\s?[:]?\s?(\d[\d -]{6,38}\d)/g;
// The address runs to the next punctuation or line end, at most 60 characters.
const ADDRESS = /(?:家庭住址|现住址|居住地址|户籍地址|户籍所在地|住址|住所地|住所|居住地|户籍地|现住|家住|地址)\s?(?:为|是|在)?\s?:?\s?([^,.;:，。；：、\n\r)）]{2,60})/g;
// Groups of digits joined by single spaces, dashes or dots (139.1234.5678); an ID's X may end a group.
const DIGIT_CHAIN = /\d+[Xx]?(?:[ .-]\d+[Xx]?)*/g;
const CREDIT_CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Za-z])/g;
// Hashes and tokens (a draw's SHA-256 seed, UUIDs) are long hex strings whose digit runs could
// pass for a phone number by chance; they never carry personal data.
const HEX_TOKEN = /(?<![0-9A-Za-z])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{32,}(?![0-9A-Za-z])/g;
const UUID = /(?<![0-9A-Za-z])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z])/g;
/** Longest run of digits one number can need: 0086 + an 11-digit mobile = 15; a card = 19. */
const MAX_NUMBER_DIGITS = 19;

function digitChains(text: string): DigitGroup[][] {
  const chains: DigitGroup[][] = [];
  for (const chain of text.matchAll(DIGIT_CHAIN)) {
    const groups: DigitGroup[] = [];
    for (const group of chain[0].matchAll(/\d+[Xx]?/g)) {
      const start = chain.index + group.index;
      groups.push({ start, end: start + group[0].length, text: group[0] });
    }
    chains.push(groups);
  }
  return chains;
}

/** Classifies the digits of one candidate number. Order matters: an ID number is also Luhn-valid 1 time in 10. */
function classify(value: string, grouped4: boolean): PersonalDataKind | undefined {
  if (value.length === 18 && isValidIdNumber(value)) return 'id-number';
  // A valid credit code shaped like an ID number is a company's code (see publicCodes for the reverse).
  if (value.length === 18 && looksLikeIdNumber(value) && !isValidUscc(value.toUpperCase())) return 'id-number-unverified';
  if (!/^\d+$/.test(value)) return undefined;
  if (value.length === 15 && isLegacyIdNumber(value)) return 'id-number-legacy';
  if (MOBILE.test(value)) return 'mobile';
  if (LANDLINE.test(value)) return 'landline';
  if (value.length >= 16 && value.length <= 19 && grouped4 && isLuhnValid(value)) {
    // An all-digit credit code passes Luhn 1 time in 10; codes are common in notices, 18-digit
    // cards are rare (UnionPay cards have 16 or 19 digits), so the credit code wins.
    if (value.length === 18 && isValidUscc(value)) return undefined;
    return 'bank-card';
  }
  return undefined;
}

function findNumbers(text: string, publicCodes: ReadonlySet<string>, out: Finding[]): void {
  for (const groups of digitChains(text)) {
    // Every window of consecutive groups: "罚款 5000 139 1234 5678" must still yield the phone.
    for (let i = 0; i < groups.length; i++) {
      let value = '';
      for (let j = i; j < groups.length; j++) {
        if (/[Xx]/.test(value)) break; // an X only ends a number
        value += groups[j].text;
        if (value.replace(/[Xx]$/, '').length > MAX_NUMBER_DIGITS) break;
        if (publicCodes.has(value.toUpperCase())) continue;
        // Card numbers are written unbroken or in fours; other numbers in any grouping.
        const grouped4 = j === i || (groups.slice(i, j).every((g) => g.text.length === 4) && groups[j].text.length <= 4);
        const kind = classify(value, grouped4);
        if (kind) out.push({ kind, start: groups[i].start, end: groups[j].end });
      }
    }
    // An ID number glued to other digits ("第3号330102199001011234" + "5", or "330102 19900101
    // 12345") hides inside a longer run: try every 18-character window of the chain's characters;
    // the check digit and the birth date keep false alarms rare.
    let joined = '';
    const position: number[] = [];
    for (const g of groups) {
      for (let k = 0; k < g.text.length; k++) position.push(g.start + k);
      joined += g.text;
    }
    for (let k = 0; k + 18 <= joined.length; k++) {
      const window = joined.slice(k, k + 18);
      if (isValidIdNumber(window) && !publicCodes.has(window.toUpperCase())) {
        out.push({ kind: 'id-number', start: position[k], end: position[k + 17] + 1 });
      }
    }
  }
  for (const m of text.matchAll(LANDLINE_IN_PARENS)) out.push({ kind: 'landline', start: m.index, end: m.index + m[0].length });
}

function protectedSpans(text: string, publicCodes: ReadonlySet<string>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(CREDIT_CODE)) {
    const code = m[0];
    // Public-interest rule: a string that is a valid ID number is personal data even if it is
    // also a valid credit code, unless it is one of the notice's own public codes.
    if (isValidUscc(code) && (!isValidIdNumber(code) || publicCodes.has(code))) spans.push([m.index, m.index + 18]);
  }
  for (const m of text.matchAll(HEX_TOKEN)) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(UUID)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function escapesProtection(f: Finding, spans: ReadonlyArray<[number, number]>): boolean {
  if (f.kind === 'bank-account' || f.kind === 'person-name' || f.kind === 'email' || f.kind === 'address') return true;
  return !spans.some(([start, end]) => f.start < end && start < f.end);
}

/**
 * Finds personal data in free text: ID numbers (18 and 15 digits), mobile and landline numbers,
 * bank cards and accounts, e-mail addresses and the given person names. Full-width digits and
 * letters count as their ASCII forms. Valid 统一社会信用代码 that are not also valid ID numbers are
 * left alone, as are long hex tokens (hashes, UUIDs). Findings may overlap; sorted by start.
 */
export function findPersonalData(text: string, options: FindPersonalDataOptions = {}): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const folded = foldForScanning(text);
  const publicCodes = new Set((options.publicCodes ?? []).map((c) => foldForScanning(c).trim().toUpperCase()));
  const found: Finding[] = [];
  findNumbers(folded, publicCodes, found);
  for (const m of folded.matchAll(EMAIL)) found.push({ kind: 'email', start: m.index, end: m.index + m[0].length });
  for (const m of folded.matchAll(ACCOUNT)) {
    const digits = m[1];
    if (digits.replace(/\D/g, '').length >= 8 && !publicCodes.has(digits)) {
      const start = m.index + m[0].length - digits.length;
      found.push({ kind: 'bank-account', start, end: start + digits.length });
    }
  }
  if (options.addresses) {
    for (const m of folded.matchAll(ADDRESS)) {
      const start = m.index + m[0].length - m[1].length;
      found.push({ kind: 'address', start, end: start + m[1].length });
    }
  }
  for (const raw of options.personNames ?? []) {
    const name = typeof raw === 'string' ? foldForScanning(raw).trim() : '';
    if ([...name].length < 2) continue; // a one-character "name" would mask every occurrence of a common character
    for (let at = folded.indexOf(name); at >= 0; at = folded.indexOf(name, at + name.length)) {
      found.push({ kind: 'person-name', start: at, end: at + name.length });
    }
  }
  const spans = protectedSpans(folded, publicCodes);
  const kinds = options.kinds ? new Set(options.kinds) : undefined;
  const seen = new Set<string>();
  return found
    .filter((f) => (!kinds || kinds.has(f.kind)) && escapesProtection(f, spans))
    .filter((f) => {
      // The same number can be found as a whole chain and as a window of it.
      const key = `${f.kind}:${f.start}:${f.end}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * True when `text` contains a valid ID number, a mobile number or a Luhn-valid bank card: the
 * check the portal's tests run over every public response. `publicCodes` may list credit codes
 * that are known to be public (in case one collides with a valid ID number).
 */
export function containsPersonalData(text: string, options: Pick<FindPersonalDataOptions, 'publicCodes'> = {}): boolean {
  return findPersonalData(text, { ...options, kinds: STRICT_PERSONAL_DATA_KINDS }).length > 0;
}
