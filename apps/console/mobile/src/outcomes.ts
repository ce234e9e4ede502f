/**
 * The standard result categories (docs/regulations.md §6) and the follow-up verdicts, as the phone shows
 * them. A copy of libs/contracts' RESULT_OUTCOMES and RECTIFICATION_OUTCOMES (that module carries
 * class-validator decorators the phone has no use for); outcomes.spec.ts fails when they drift apart.
 */
export const RESULT_OUTCOMES = [
  '未发现问题',
  '发现问题已责令改正',
  '未发现开展本次抽查涉及的经营活动',
  '通过登记的住所（经营场所）无法联系',
  '不配合检查情节严重',
  '发现问题待后续处理',
] as const;
export type ResultOutcome = (typeof RESULT_OUTCOMES)[number];

export const RECTIFICATION_OUTCOMES = ['整改到位', '逾期未整改'] as const;
export type RectificationOutcome = (typeof RECTIFICATION_OUTCOMES)[number];

/** Outcomes that mean the inspection took place: every item needs its findings. */
export const INSPECTED_OUTCOMES: readonly ResultOutcome[] = ['未发现问题', '发现问题已责令改正', '发现问题待后续处理'];
/** Outcomes that need at least one non-compliant check point. */
export const PROBLEM_OUTCOMES: readonly ResultOutcome[] = ['发现问题已责令改正', '发现问题待后续处理'];
/** What a follow-up (整改复查) verdict must be recorded with. */
export const RECTIFICATION_OUTCOME_OF: Record<RectificationOutcome, ResultOutcome> = { 整改到位: '未发现问题', 逾期未整改: '发现问题待后续处理' };
