import { compareIsoDates, isIsoDate, isValidIdNumber, isValidUscc, type IsoDate } from '#domain';
import type { DecisionFacts, LicenceFacts, PenaltyFacts } from './decision-facts.js';
import type { DecisionBaseDto } from './dto/decision-base.dto.js';
import type { LicenceDecisionDto } from './dto/licence-decision.dto.js';
import type { PenaltyDecisionDto } from './dto/penalty-decision.dto.js';

/** One thing wrong with one field of a decision. */
export interface Problem {
  field: string;
  message: string;
}

/** A decision that passed every check, split into its facts and what to do with it. */
export interface CheckedDecision {
  facts: DecisionFacts;
  publish: 'draft' | 'now';
  publishedOn?: IsoDate;
}

const BAN_TYPES = ['限制从业', '限制开展生产经营活动', '吊销许可证件'];
const CONFISCATION_TYPES = ['没收违法所得', '没收非法财物'];

/** 万元 as a fixed 6-decimal string: '1.5' → '1.500000'. */
export function amountText(value: string): string {
  const [whole, fraction = ''] = value.split('.');
  return `${BigInt(whole).toString()}.${fraction.padEnd(6, '0')}`;
}

const positive = (amount: string | undefined) => amount !== undefined && /[1-9]/.test(amount);

/**
 * The checks class-validator cannot express: check characters, dates that must be real and in
 * order, amounts that must match the penalty types. `today` is the bureau's date (Asia/Shanghai).
 */
export function checkDecision(kind: 'licence', dto: LicenceDecisionDto, today: IsoDate): { problems: Problem[]; checked?: CheckedDecision };
export function checkDecision(kind: 'penalty', dto: PenaltyDecisionDto, today: IsoDate): { problems: Problem[]; checked?: CheckedDecision };
export function checkDecision(kind: 'licence' | 'penalty', dto: LicenceDecisionDto | PenaltyDecisionDto, today: IsoDate): { problems: Problem[]; checked?: CheckedDecision } {
  const problems: Problem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  checkParty(dto, add);
  checkDate(dto.decisionDate, 'decisionDate', add);
  if (isIsoDate(dto.decisionDate) && compareIsoDates(dto.decisionDate, today) > 0) add('decisionDate', `decisionDate ${dto.decisionDate} is in the future`);
  if (!isValidUscc(dto.authorityCreditCode)) add('authorityCreditCode', 'authorityCreditCode is not a valid 统一社会信用代码 (wrong length, character or check character)');
  if (dto.dataSourceCreditCode && !isValidUscc(dto.dataSourceCreditCode)) add('dataSourceCreditCode', 'dataSourceCreditCode is not a valid 统一社会信用代码');
  if (dto.publishedOn !== undefined) {
    if (checkDate(dto.publishedOn, 'publishedOn', add)) {
      if (isIsoDate(dto.decisionDate) && compareIsoDates(dto.publishedOn, dto.decisionDate) < 0) add('publishedOn', 'publishedOn (公示日期) is before the decision date');
      if (compareIsoDates(dto.publishedOn, today) > 0) add('publishedOn', 'publishedOn (公示日期) is in the future: schedule the notice instead');
    }
    if (dto.publish === 'draft') add('publish', "a record with publishedOn (公示日期) was already published: omit publish or set it to 'now'");
  }
  const order = (earlier: string | undefined, later: string | undefined, field: string, message: string) => {
    if (earlier && later && isIsoDate(earlier) && checkDate(later, field, add) && compareIsoDates(earlier, later) > 0) add(field, message);
  };
  if (kind === 'licence') {
    const l = dto as LicenceDecisionDto;
    checkDate(l.validFrom, 'validFrom', add);
    order(l.validFrom, l.validUntil, 'validUntil', 'validUntil (有效期至) is before validFrom (有效期自)');
    order(l.decisionDate, l.validUntil, 'validUntil', 'validUntil (有效期至) is before the decision date');
  } else {
    const p = dto as PenaltyDecisionDto;
    order(p.decisionDate, p.penaltyValidUntil, 'penaltyValidUntil', 'penaltyValidUntil (处罚有效期) is before the decision date');
    order(p.decisionDate, p.displayUntil, 'displayUntil', 'displayUntil (公示截止期) is before the decision date');
    const types = p.penaltyTypes ?? [];
    if (new Set(types).size !== types.length) add('penaltyTypes', 'penaltyTypes lists a type twice');
    if (types.includes('罚款') && !positive(p.fineAmount)) add('fineAmount', 'a decision with 罚款 needs fineAmount (万元) > 0');
    if (!types.includes('罚款') && positive(p.fineAmount)) add('fineAmount', 'fineAmount is set but penaltyTypes has no 罚款');
    if (positive(p.confiscatedAmount) && !types.some((t) => CONFISCATION_TYPES.includes(t))) {
      add('confiscatedAmount', 'confiscatedAmount is set but penaltyTypes has no 没收违法所得 or 没收非法财物');
    }
    if ((p.restrictionMonths !== undefined || p.lifetimeRestriction) && !types.some((t) => BAN_TYPES.includes(t))) {
      add('restrictionMonths', `a restriction length needs one of ${BAN_TYPES.join(', ')} in penaltyTypes`);
    }
    if (p.restrictionMonths !== undefined && p.lifetimeRestriction) add('restrictionMonths', 'give restrictionMonths or lifetimeRestriction, not both');
  }
  if (problems.length) return { problems };
  return { problems, checked: { facts: toFacts(kind, dto), publish: dto.publish ?? (dto.publishedOn ? 'now' : 'draft'), ...(dto.publishedOn ? { publishedOn: dto.publishedOn } : {}) } };
}

function checkParty(dto: DecisionBaseDto, add: (field: string, message: string) => void): void {
  const code = dto.partyCreditCode;
  if (dto.partyKind === '自然人') {
    if (code) add('partyCreditCode', 'a natural person (自然人) has no 统一社会信用代码: put the ID number in partyIdNumber (it is never published)');
  } else if (code) {
    if (!isValidUscc(code)) add('partyCreditCode', `partyCreditCode ${code} is not a valid 统一社会信用代码 (wrong length, character or check character)`);
  } else if (dto.partyKind === '法人及非法人组织') {
    add('partyCreditCode', 'partyCreditCode (统一社会信用代码) is required for 法人及非法人组织');
  }
  if (dto.partyIdNumber) {
    if (dto.partyKind === '法人及非法人组织') add('partyIdNumber', 'partyIdNumber is for natural persons and 个体工商户 operators only');
    else if (!isValidIdNumber(dto.partyIdNumber)) add('partyIdNumber', 'partyIdNumber is not a valid 18-character 身份证号 (GB 11643 check digit)');
  }
}

function checkDate(value: string | undefined, field: string, add: (field: string, message: string) => void): boolean {
  if (value === undefined) return false;
  if (isIsoDate(value)) return true;
  add(field, `${field} ${JSON.stringify(value)} is not a real calendar date`);
  return false;
}

/** Keeps only the fields of the decision (no request options), with amounts in canonical form. */
function toFacts(kind: 'licence' | 'penalty', dto: LicenceDecisionDto | PenaltyDecisionDto): DecisionFacts {
  const { publish: _publish, publishedOn: _publishedOn, department: _department, correctionReason: _reason, ...rest } = dto as LicenceDecisionDto & PenaltyDecisionDto & { correctionReason?: string };
  const plain = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== '')) as Record<string, unknown>;
  if (kind === 'licence') return { ...(plain as unknown as LicenceFacts), kind, status: (plain.status as LicenceFacts['status']) ?? '有效' };
  const facts = { ...(plain as unknown as PenaltyFacts), kind } as PenaltyFacts;
  if (facts.fineAmount !== undefined) facts.fineAmount = amountText(facts.fineAmount);
  if (facts.confiscatedAmount !== undefined) facts.confiscatedAmount = amountText(facts.confiscatedAmount);
  return facts;
}
