import { isValidUscc } from '../check-digits/uscc.js';
import type { PartyKind } from '../disclosure/vocabulary.js';
import type { PersonalDataKind } from './find-personal-data.js';
import { maskPersonName } from './person-name.js';
import { redactText } from './redact-text.js';

/** The fields redaction needs; every other field of the notice is carried through (and scanned). */
export interface RedactableNotice {
  /** 相对人类别. */
  readonly partyKind: PartyKind;
  /** 行政相对人名称. */
  readonly partyName: string;
  /** Names of other natural persons in the case (witnesses, employees…): masked everywhere, never published. */
  readonly personNames?: readonly string[] | null;
  /** Alias of `personNames`, accepted because both spellings exist upstream. */
  readonly otherPersons?: readonly string[] | null;
}

/** Which fields get which treatment. Field names are top-level keys of the notice object. */
export interface NoticeRedactionPolicy {
  /** Removed from every notice: the private lists of names, and bank accounts (docs/regulations.md §7). */
  readonly alwaysRemovedFields: readonly string[];
  /** Removed when the party is a natural person (自然人): ID number, address, phone, e-mail, health. */
  readonly naturalPersonFields: readonly string[];
  /** Fields holding a natural person party's own name(s): masked to the surname. */
  readonly naturalPersonNameFields: readonly string[];
  /**
   * Identifier fields (codes and document numbers) kept verbatim, scanned only for ID numbers:
   * a licence number of 16–19 digits passes the Luhn check 1 time in 10 and must not be starred.
   */
  readonly identifierFields: readonly string[];
  /** Credit-code fields of the authorities: always public. */
  readonly publicCodeFields: readonly string[];
  /** Credit-code fields of the party: public unless the party is a natural person. */
  readonly partyCodeFields: readonly string[];
}

/** Field names of the 双公示 notice as the publication service stores them. */
export const DEFAULT_NOTICE_REDACTION_POLICY: NoticeRedactionPolicy = Object.freeze({
  alwaysRemovedFields: ['personNames', 'otherPersons', 'partyBankAccount', 'bankAccount'],
  naturalPersonFields: [
    'partyIdNumber',
    'partyCertificateNumber',
    'partyAddress',
    'partyPhone',
    'partyMobile',
    'partyEmail',
    'partyHealthInformation',
    'idNumber',
    'address',
    'phone',
  ],
  naturalPersonNameFields: ['partyName', 'legalRepresentative'],
  identifierFields: [
    'partyCreditCode',
    'authorityCreditCode',
    'dataSourceCreditCode',
    'decisionNumber',
    'documentNumber',
    'licenceNumber',
    'certificateNumber',
    'taskNumber',
  ],
  publicCodeFields: ['authorityCreditCode', 'dataSourceCreditCode'],
  partyCodeFields: ['partyCreditCode'],
});

/** A redacted notice: the same fields, minus the removed ones. */
export type RedactedNotice<T> = Omit<T, 'personNames' | 'otherPersons'>;

const ID_KINDS: readonly PersonalDataKind[] = ['id-number', 'id-number-unverified', 'id-number-legacy'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value; // numbers, booleans, null, Dates: nothing to redact
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Redacts a 双公示 notice (licence, penalty or spot-check result) for publication.
 *
 * - Natural persons (自然人): the name keeps only its surname (张三 → 张*), and ID number, address,
 *   phone, e-mail and health fields are removed.
 * - Every notice: `personNames`/`otherPersons` and bank-account fields are removed; every other
 *   string, nested ones included, is treated as free text and has ID numbers, phone numbers, bank
 *   cards and accounts, e-mail addresses and the listed names (and a natural-person party's own
 *   name) masked; in a natural person's notice also what follows 住址 / 家住 / 户籍地 …. Identifier
 *   fields are scanned for ID numbers only.
 * - The notice's own credit codes (party, unless a natural person; authority; data source) are
 *   public even where they happen to be valid ID numbers too; any other string that is a valid ID
 *   number is masked even if it is also a valid credit code (public-interest rule).
 *
 * Pure: returns a new object and leaves `notice` untouched.
 */
export function redactNotice<T extends RedactableNotice>(
  notice: T,
  policy: Partial<NoticeRedactionPolicy> = {},
): RedactedNotice<T> {
  const p: NoticeRedactionPolicy = { ...DEFAULT_NOTICE_REDACTION_POLICY, ...policy };
  const record = notice as unknown as Record<string, unknown>;
  const naturalPerson = notice.partyKind === '自然人';

  const personNames = [...stringList(record.personNames), ...stringList(record.otherPersons)];
  if (naturalPerson) {
    for (const field of p.naturalPersonNameFields) {
      if (typeof record[field] === 'string') personNames.push(record[field] as string);
    }
  }
  const publicCodes = [...p.publicCodeFields, ...(naturalPerson ? [] : p.partyCodeFields)]
    .map((field) => record[field])
    .filter((code): code is string => typeof code === 'string' && isValidUscc(code.trim().toUpperCase()));

  const freeText = (s: string) => redactText(s, { personNames, publicCodes, addresses: naturalPerson });
  // For a natural person even a mistyped or old-style ID number in an identifier field is theirs.
  const identifierKinds = naturalPerson ? ID_KINDS : (['id-number'] as const);
  const identifier = (s: string) => redactText(s, { publicCodes, kinds: identifierKinds });

  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (p.alwaysRemovedFields.includes(field)) continue;
    if (naturalPerson && p.naturalPersonFields.includes(field)) continue;
    if (naturalPerson && p.naturalPersonNameFields.includes(field) && typeof value === 'string') {
      out[field] = maskPersonName(value);
    } else if (p.identifierFields.includes(field)) {
      out[field] = mapStrings(value, identifier);
    } else {
      out[field] = mapStrings(value, freeText);
    }
  }
  return out as RedactedNotice<T>;
}
