import type { PartyKind, PenaltyType } from './vocabulary.js';

/**
 * 重大执法决定 (major enforcement decisions) that need 法制审核 (legal review) before they are
 * published. The thresholds differ per province, so they are configuration; the defaults are the
 * common ones: a fine of 10万元 or more for an organisation, 1万元 or more for a natural person
 * (and a 个体工商户, whose operator is one), licence revocation, an order to stop production or
 * business or to close, or any decision the officer marks 重大.
 */
export interface MajorDecisionConfig {
  /** Fine (万元) from which a decision is major, per party kind. */
  fineThresholdWan: Record<PartyKind, number>;
  /** Penalty types that make a decision major whatever the amount. */
  penaltyTypes: readonly PenaltyType[];
}

export const DEFAULT_MAJOR_DECISION_CONFIG: MajorDecisionConfig = {
  fineThresholdWan: { 法人及非法人组织: 10, 个体工商户: 1, 自然人: 1 },
  penaltyTypes: ['吊销许可证件', '责令停产停业', '责令关闭'],
};

export interface MajorDecisionInput {
  partyKind: PartyKind;
  penaltyTypes: readonly string[];
  /** 罚款金额 in 万元 as decimal text ('12.5'), absent when there is no fine. */
  fineAmount?: string;
  /** The officer marked the decision 重大. */
  marked?: boolean;
}

export interface MajorDecisionAssessment {
  major: boolean;
  /** Why, in words an officer and a reviewer read ('罚款 12.5 万元 ≥ 10 万元', '吊销许可证件', '标记为重大'). */
  reasons: string[];
}

/** 万元 as decimal text → millionths of a 万元 (exact, no float rounding). */
function micro(wan: string): bigint {
  const m = /^(\d+)(?:\.(\d{0,6}))?$/.exec(wan.trim());
  if (!m) throw new RangeError(`not an amount in 万元: ${JSON.stringify(wan)}`);
  return BigInt(m[1]) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0'));
}

/** Whether a penalty decision is major (重大执法决定) under `config`, and why. */
export function assessMajorDecision(input: MajorDecisionInput, config: MajorDecisionConfig = DEFAULT_MAJOR_DECISION_CONFIG): MajorDecisionAssessment {
  const reasons: string[] = [];
  if (input.marked) reasons.push('标记为重大');
  const threshold = config.fineThresholdWan[input.partyKind];
  if (input.fineAmount !== undefined && threshold !== undefined && input.penaltyTypes.includes('罚款')) {
    const limit = micro(threshold.toFixed(6));
    if (micro(input.fineAmount) >= limit) reasons.push(`罚款 ${Number(input.fineAmount)} 万元 ≥ ${threshold} 万元（${input.partyKind}）`);
  }
  for (const type of config.penaltyTypes) if (input.penaltyTypes.includes(type)) reasons.push(type);
  return { major: reasons.length > 0, reasons };
}
