/**
 * Fixed vocabularies of the 双公示 data standard (docs/regulations.md §6) and 行政处罚法 2021 Art. 9.
 * The strings are the standard's own wording, so they can be stored and exported as they are.
 */

/** 处罚类别: the penalty types of 行政处罚法 (2021) Art. 9, plus 其他 for types set by other laws. */
export const PENALTY_TYPES = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '其他',
] as const;
/** One 处罚类别. */
export type PenaltyType = (typeof PENALTY_TYPES)[number];

/** 许可类别. */
export const LICENCE_CATEGORIES = ['普通', '特许', '认可', '核准', '登记', '其他'] as const;
/** One 许可类别. */
export type LicenceCategory = (typeof LICENCE_CATEGORIES)[number];

/** 相对人类别. */
export const PARTY_KINDS = ['法人及非法人组织', '个体工商户', '自然人'] as const;
/** One 相对人类别. */
export type PartyKind = (typeof PARTY_KINDS)[number];

/** 处罚程序: only 普通程序 decisions are published (docs/regulations.md §5). */
export const PENALTY_PROCEDURES = ['普通程序', '简易程序'] as const;
/** One 处罚程序. */
export type PenaltyProcedure = (typeof PENALTY_PROCEDURES)[number];

/** Type guard for {@link PenaltyType}, for validating input before it reaches the rules. */
export function isPenaltyType(value: unknown): value is PenaltyType {
  return (PENALTY_TYPES as readonly unknown[]).includes(value);
}

/** Type guard for {@link LicenceCategory}. */
export function isLicenceCategory(value: unknown): value is LicenceCategory {
  return (LICENCE_CATEGORIES as readonly unknown[]).includes(value);
}

/** Type guard for {@link PartyKind}. */
export function isPartyKind(value: unknown): value is PartyKind {
  return (PARTY_KINDS as readonly unknown[]).includes(value);
}

/** Type guard for {@link PenaltyProcedure}. */
export function isPenaltyProcedure(value: unknown): value is PenaltyProcedure {
  return (PENALTY_PROCEDURES as readonly unknown[]).includes(value);
}

/**
 * True for party kinds whose fines count against the natural-person thresholds: 自然人, and
 * 个体工商户, which the Civil Code (民法典 Part 1 ch. 2 §4) places under natural persons.
 */
export function isNaturalPersonLike(kind: PartyKind): boolean {
  return kind === '自然人' || kind === '个体工商户';
}
