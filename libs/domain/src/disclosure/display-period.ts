import { invalid } from '../errors.js';
import { addMonthsClamped, assertIsoDate, compareIsoDates, type IsoDate } from '../calendar/iso-date.js';
import { isNaturalPersonLike, isPenaltyType, type PartyKind, type PenaltyType } from './vocabulary.js';

/** One penalty of a decision, with what its display period depends on. */
export interface PenaltyItem {
  readonly type: PenaltyType;
  /** For 罚款: the amount in yuan (元). Required for 罚款. */
  readonly fineYuan?: number;
  /**
   * For bans (限制从业, 限制开展生产经营活动, 吊销许可证件 with a bar on re-applying…): the length of
   * the restriction in months, or 'life' for a lifetime ban.
   */
  readonly restrictionMonths?: number | 'life';
}

/** What the display period is computed from. */
export interface DisplayPeriodInput {
  readonly partyKind: PartyKind;
  readonly penalties: readonly PenaltyItem[];
  /** The publication date (periods run 自公示之日起); pass the decision date for an estimate. */
  readonly startDate: IsoDate;
  /** 严重失信: a longer minimum before early removal (信用修复). */
  readonly serious?: boolean;
}

/** The display-period table; every number is configurable (docs/regulations.md §5). */
export interface DisplayPeriodConfig {
  /** Period for decisions of only mild penalties and small fines. */
  readonly shortPeriodMonths: number;
  /** Period for all other decisions. */
  readonly standardPeriodMonths: number;
  /** Penalty types that on their own (or with a small fine) get the short period. */
  readonly mildPenaltyTypes: readonly PenaltyType[];
  /**
   * A fine counts as small when the decision's total fine is strictly below this (不含本数), in
   * yuan: one threshold for natural persons (自然人 and 个体工商户), one for organisations.
   */
  readonly smallFineBelowYuan: { readonly naturalPerson: number; readonly organisation: number };
  /** Penalty types whose restriction, when longer than the standard period, sets the period. */
  readonly banPenaltyTypes: readonly PenaltyType[];
  /** Minimum months shown before the party may ask for early removal (信用修复). */
  readonly earlyRemovalMinimumMonths: { readonly ordinary: number; readonly serious: number };
}

/**
 * Defaults. Sources and choices (docs/disclosure-rules.md has the full reasoning):
 * - 3 months / 3 years and "bans longer than 3 years show for their length": 市场监督管理行政处罚
 *   信息公示规定 (SAMR 2021) Art. 13, docs/regulations.md §5.
 * - small fine: below 5,000 yuan for natural persons and below 50,000 yuan for organisations, the
 *   standard Fujian (闽市监规〔2024〕3号) and Guizhou (2023) set under Art. 13 ¶2, which leaves the
 *   threshold to provincial regulators.
 * - 警告 counts as mild with 通报批评: it is the lighter penalty; warning-only decisions are not
 *   published at all.
 * - early removal after 3 months (ordinary) or 12 months (serious): 国家发展改革委令 2023年第58号.
 */
export const DEFAULT_DISPLAY_PERIOD_CONFIG: DisplayPeriodConfig = Object.freeze({
  shortPeriodMonths: 3,
  standardPeriodMonths: 36,
  mildPenaltyTypes: ['警告', '通报批评'],
  smallFineBelowYuan: Object.freeze({ naturalPerson: 5_000, organisation: 50_000 }),
  banPenaltyTypes: ['限制从业', '限制开展生产经营活动', '吊销许可证件'],
  earlyRemovalMinimumMonths: Object.freeze({ ordinary: 3, serious: 12 }),
}) as DisplayPeriodConfig;

/** Which rule set the period. */
export type DisplayPeriodRule = 'short' | 'standard' | 'restriction-length';

/** When a penalty notice stops being shown. */
export interface DisplayPeriod {
  /** Which rule applied (for several penalties: the longest). */
  readonly rule: DisplayPeriodRule;
  /** Length in months; null for a lifetime restriction. */
  readonly months: number | null;
  /**
   * 公示截止期: the last day the notice is shown (民法典 Art. 201–202: the start day is not
   * counted, the period ends on the corresponding day). Null: shown until removed.
   */
  readonly endDate: IsoDate | null;
  /** The first day the party may ask for early removal (信用修复); never after `endDate`. */
  readonly earliestEarlyRemovalDate: IsoDate;
}

function periodMonthsOf(
  item: PenaltyItem,
  config: DisplayPeriodConfig,
  smallFine: boolean,
): { rule: DisplayPeriodRule; months: number | null } {
  const standard = { rule: 'standard' as const, months: config.standardPeriodMonths };
  if (config.mildPenaltyTypes.includes(item.type)) return { rule: 'short', months: config.shortPeriodMonths };
  if (item.type === '罚款') return smallFine ? { rule: 'short', months: config.shortPeriodMonths } : standard;
  if (config.banPenaltyTypes.includes(item.type) && item.restrictionMonths !== undefined) {
    if (item.restrictionMonths === 'life') return { rule: 'restriction-length', months: null };
    if (item.restrictionMonths > config.standardPeriodMonths) {
      return { rule: 'restriction-length', months: item.restrictionMonths };
    }
  }
  return standard;
}

function validate(input: DisplayPeriodInput): void {
  assertIsoDate(input.startDate, 'start date');
  if (input.penalties.length === 0) throw invalid('a penalty decision needs at least one penalty');
  for (const item of input.penalties) {
    if (!isPenaltyType(item.type)) throw invalid(`unknown penalty type ${JSON.stringify(item.type)}`);
    if (item.type === '罚款' && !(typeof item.fineYuan === 'number' && Number.isFinite(item.fineYuan) && item.fineYuan >= 0)) {
      throw invalid('罚款 needs its amount in yuan (fineYuan ≥ 0)');
    }
    const r = item.restrictionMonths;
    if (r !== undefined && r !== 'life' && !(Number.isInteger(r) && r > 0)) {
      throw invalid(`restrictionMonths must be a positive whole number or 'life', got ${r}`);
    }
  }
}

/** The first day the party may ask for early removal: `startDate` + the minimum for its class. */
export function earliestEarlyRemovalDate(
  startDate: IsoDate,
  serious: boolean,
  config: DisplayPeriodConfig = DEFAULT_DISPLAY_PERIOD_CONFIG,
): IsoDate {
  const minimum = serious ? config.earlyRemovalMinimumMonths.serious : config.earlyRemovalMinimumMonths.ordinary;
  return addMonthsClamped(startDate, minimum);
}

/**
 * The display period of a penalty decision (docs/regulations.md §5): only mild penalties (通报批评, 警告)
 * and/or a small fine → 3 months; otherwise 3 years; a ban longer than 3 years → its length (a
 * lifetime ban: no end date). With several penalties the longest period applies. Throws a
 * DomainError ('invalid') on incomplete input (a 罚款 without its amount, an unknown type).
 */
export function displayPeriod(
  input: DisplayPeriodInput,
  config: DisplayPeriodConfig = DEFAULT_DISPLAY_PERIOD_CONFIG,
): DisplayPeriod {
  validate(input);
  const totalFine = input.penalties.reduce((sum, p) => sum + (p.type === '罚款' ? (p.fineYuan ?? 0) : 0), 0);
  const threshold = isNaturalPersonLike(input.partyKind)
    ? config.smallFineBelowYuan.naturalPerson
    : config.smallFineBelowYuan.organisation;
  const smallFine = totalFine < threshold;

  let longest: { rule: DisplayPeriodRule; months: number | null } = { rule: 'short', months: 0 };
  for (const item of input.penalties) {
    const period = periodMonthsOf(item, config, smallFine);
    if (longest.months === null) break;
    if (period.months === null || period.months > longest.months) longest = period;
  }
  const endDate = longest.months === null ? null : addMonthsClamped(input.startDate, longest.months);
  const early = earliestEarlyRemovalDate(input.startDate, input.serious ?? false, config);
  return {
    rule: longest.rule,
    months: longest.months,
    endDate,
    earliestEarlyRemovalDate: endDate !== null && compareIsoDates(endDate, early) < 0 ? endDate : early,
  };
}

/** True when a notice with this period is still shown on `date` (the end date included). */
export function isWithinDisplayPeriod(period: Pick<DisplayPeriod, 'endDate'>, date: IsoDate): boolean {
  assertIsoDate(date);
  return period.endDate === null || compareIsoDates(date, period.endDate) <= 0;
}
