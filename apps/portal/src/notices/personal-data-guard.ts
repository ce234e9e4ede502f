import { isValidIdNumber, redactText, type PersonalDataKind } from '#domain';
import type { NoticePublishedPayload } from '#contracts';

/**
 * What the portal masks on ingest even though publication should already have redacted it:
 * the kinds containsPersonalData checks (valid ID number, mobile, bank card) plus the ID-number
 * look-alikes, which are far more likely an upstream slip than a legitimate public number.
 */
const GUARD_KINDS: readonly PersonalDataKind[] = ['id-number', 'id-number-unverified', 'id-number-legacy', 'mobile', 'bank-card'];

export interface GuardedNotice {
  payload: NoticePublishedPayload;
  /** True when something had to be masked (logged; the notice is still published, masked). */
  masked: boolean;
}

/**
 * Defence in depth (docs/portal.md "Personal data"): the portal never echoes an ID number, mobile
 * number or bank card, even if an upstream bug let one through. Every string of the payload is
 * scanned; findings are masked character for character ('*'), and a "credit code" that is a valid
 * ID number (a natural person's) is dropped. Masking rather than parking: the decision still has
 * to be disclosed on time, and a masked number discloses nothing.
 */
export function guardNotice(input: NoticePublishedPayload): GuardedNotice {
  let masked = false;
  const payload = structuredClone(input);
  if (payload.creditCode && isValidIdNumber(payload.creditCode.trim().toUpperCase())) {
    payload.creditCode = undefined;
    masked = true;
  }
  const publicCodes = payload.creditCode ? [payload.creditCode] : [];
  const clean = (text: string): string => {
    const out = redactText(text, { kinds: GUARD_KINDS, publicCodes });
    if (out !== text) masked = true;
    return out;
  };
  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return clean(value);
    if (Array.isArray(value)) return value.map(deep);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, deep(v)]));
    }
    return value;
  };
  payload.title = clean(payload.title);
  payload.partyName = clean(payload.partyName);
  payload.body = clean(payload.body);
  if (payload.documentNumber) payload.documentNumber = clean(payload.documentNumber);
  if (payload.region) payload.region = clean(payload.region);
  if (payload.penaltyTypes) payload.penaltyTypes = payload.penaltyTypes.map(clean);
  payload.fields = deep(payload.fields) as NoticePublishedPayload['fields'];
  if (payload.spotCheck) payload.spotCheck.outcome = clean(payload.spotCheck.outcome);
  return { payload, masked };
}
