import { RECTIFICATION_ORDER_OUTCOMES, type RectificationRecordedPayload } from '#contracts';
import type { SpotCheckNoticeFacts } from '../notices/build-notice.js';

/**
 * The notice facts with a follow-up's (整改复查) outcome, or null when it brings nothing new: the
 * notice already holds this or a later version of the follow-up's result.
 */
export function withRectification(facts: SpotCheckNoticeFacts, followUp: RectificationRecordedPayload): SpotCheckNoticeFacts | null {
  if (facts.rectification && facts.rectification.followUpVersion >= followUp.followUpVersion) return null;
  return {
    ...facts,
    rectification: {
      outcome: followUp.rectification,
      inspectionDate: followUp.inspectionDate,
      deadline: followUp.rectificationDeadline,
      followUpVersion: followUp.followUpVersion,
    },
  };
}

/** Why the notice got a new version: shown on the portal's version history ("整改复查：整改到位"). */
export function rectificationReason(followUp: RectificationRecordedPayload): string {
  const base = `整改复查：${followUp.rectification}`;
  return followUp.followUpVersion > 1 ? `${base}（复查结果更正：${followUp.correctionReason?.trim() || `第${followUp.followUpVersion}版`}）` : base;
}

/**
 * A corrected result keeps the follow-up already recorded on its notice while it still orders a
 * rectification; a correction that took the order away (now 未发现问题) leaves nothing to follow up.
 */
export function keepRectification(next: SpotCheckNoticeFacts, previous: Record<string, unknown> | null | undefined): SpotCheckNoticeFacts {
  const kept = (previous as SpotCheckNoticeFacts | null | undefined)?.rectification;
  return kept && RECTIFICATION_ORDER_OUTCOMES.includes(next.outcome) ? { ...next, rectification: kept } : next;
}
