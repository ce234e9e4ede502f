import { invalid } from '../errors.js';
import { idNumberBirthDate, isValidIdNumber } from '../check-digits/id-number.js';
import { addMonthsClamped, assertIsoDate, compareIsoDates, type IsoDate } from '../calendar/iso-date.js';
import { isPenaltyProcedure, isPenaltyType, type PartyKind, type PenaltyProcedure, type PenaltyType } from './vocabulary.js';

/** What is being published. */
export type DisclosureKind = 'licence' | 'penalty' | 'spot-check-result';

/** Facts about a decision that decide whether it may be published. */
export interface PublishabilityInput {
  readonly kind: DisclosureKind;
  /** 处罚程序 (penalties only; required for them). */
  readonly procedure?: PenaltyProcedure;
  /** 处罚类别 (penalties only; required for them). */
  readonly penaltyTypes?: readonly PenaltyType[];
  readonly partyKind?: PartyKind;
  /** Set when the officer knows the party is a minor. */
  readonly partyIsMinor?: boolean;
  /** Birth date of a natural-person party, if known, to work out minority at the decision date. */
  readonly partyBirthDate?: IsoDate;
  /** ID number of a natural-person party; its birth date is used when `partyBirthDate` is absent. */
  readonly partyIdNumber?: string;
  /** Decision date; needed to work out minority from a birth date. */
  readonly decisionDate?: IsoDate;
  /** 涉及国家秘密. */
  readonly involvesStateSecret?: boolean;
  /** 涉及商业秘密. */
  readonly involvesCommercialSecret?: boolean;
  /** 涉及个人隐私. */
  readonly involvesPersonalPrivacy?: boolean;
  /** 公开后可能危及国家安全、公共安全、经济安全、社会稳定. */
  readonly endangersSecurity?: boolean;
}

/** Why a decision is not published. */
export type NonPublicationReason =
  | 'simple-procedure'
  | 'warning-only'
  | 'no-penalty-type'
  | 'party-is-minor'
  | 'state-secret'
  | 'commercial-secret'
  | 'personal-privacy'
  | 'endangers-security';

/** Officer-facing explanation of each reason. */
export const NON_PUBLICATION_REASON_TEXT: Readonly<Record<NonPublicationReason, string>> = Object.freeze({
  'simple-procedure': '适用简易程序作出的行政处罚决定，记录但不公示',
  'warning-only': '仅给予警告的行政处罚决定，记录但不公示',
  'no-penalty-type': '未填写处罚类别，无法判断是否公示',
  'party-is-minor': '当事人为未成年人，不予公示',
  'state-secret': '涉及国家秘密，不予公示',
  'commercial-secret': '涉及商业秘密，不予公示',
  'personal-privacy': '涉及个人隐私，不予公示',
  'endangers-security': '公开后可能危及国家安全、公共安全、经济安全或社会稳定，不予公示',
});

/** The answer: publish or not, and every reason not to. */
export interface Publishability {
  readonly publishable: boolean;
  /** Empty when publishable; otherwise all reasons that apply, in a fixed order. */
  readonly reasons: NonPublicationReason[];
}

/** Reasons that mean "never publish", as opposed to "recorded but not published". */
export const NEVER_PUBLISHED_REASONS: readonly NonPublicationReason[] = [
  'party-is-minor',
  'state-secret',
  'commercial-secret',
  'personal-privacy',
  'endangers-security',
];

/** True when a person born on `birthDate` is under 18 on `date` (the 18th birthday counts as adult). */
export function isMinorOn(birthDate: IsoDate, date: IsoDate): boolean {
  assertIsoDate(birthDate, 'birth date');
  assertIsoDate(date, 'date');
  // 29 February birthdays come of age on 28 February in common years (addMonthsClamped).
  return compareIsoDates(date, addMonthsClamped(birthDate, 18 * 12)) < 0;
}

function partyIsMinor(input: PublishabilityInput): boolean {
  if (input.partyIsMinor) return true;
  if (!input.decisionDate) return false;
  let birth = input.partyBirthDate;
  if (!birth && input.partyIdNumber && isValidIdNumber(input.partyIdNumber)) birth = idNumberBirthDate(input.partyIdNumber);
  return birth !== undefined && isMinorOn(birth, input.decisionDate);
}

/**
 * Decides whether a decision may be published (docs/regulations.md §5 and §7):
 * - a penalty decided by 简易程序, or whose only penalty type is 警告, is recorded but not published;
 * - a minor party (flagged, or under 18 on the decision date by birth date or ID number), state or
 *   commercial secrets, personal privacy, or danger to security: never published, any kind.
 * Throws DomainError ('invalid') for a penalty with an unknown procedure or penalty type: that is bad input,
 * which the caller must reject, not a publication decision.
 */
export function assessPublishability(input: PublishabilityInput): Publishability {
  const reasons: NonPublicationReason[] = [];
  if (input.kind === 'penalty') {
    if (!isPenaltyProcedure(input.procedure)) {
      throw invalid(`a penalty needs its procedure (普通程序 or 简易程序), got ${JSON.stringify(input.procedure)}`);
    }
    const types = input.penaltyTypes ?? [];
    const unknown = types.filter((t) => !isPenaltyType(t));
    if (unknown.length > 0) throw invalid(`unknown penalty type(s): ${unknown.join(', ')}`);
    if (input.procedure === '简易程序') reasons.push('simple-procedure');
    if (types.length === 0) reasons.push('no-penalty-type');
    else if (types.every((t) => t === '警告')) reasons.push('warning-only');
  }
  if (partyIsMinor(input)) reasons.push('party-is-minor');
  if (input.involvesStateSecret) reasons.push('state-secret');
  if (input.involvesCommercialSecret) reasons.push('commercial-secret');
  if (input.involvesPersonalPrivacy) reasons.push('personal-privacy');
  if (input.endangersSecurity) reasons.push('endangers-security');
  return { publishable: reasons.length === 0, reasons };
}
