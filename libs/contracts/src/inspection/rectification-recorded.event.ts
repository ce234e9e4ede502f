import { IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Min } from 'class-validator';
import { defineEvent } from '../envelope/event-definition.js';
import { IsCalendarDate } from '../common/validators.js';

/** What a 整改复查 (follow-up inspection of a rectification order) found. */
export const RECTIFICATION_OUTCOMES = ['整改到位', '逾期未整改'] as const;
export type RectificationOutcome = (typeof RECTIFICATION_OUTCOMES)[number];

/**
 * The confirmed result of a follow-up inspection (整改复查) of a result that carried a rectification
 * order. A contract of its own rather than another inspection.result.recorded: a follow-up is not a
 * new spot check (it must not count as one in statistics or inspection-burden counts); it updates
 * the notice of the original result, which `resultId` names.
 */
export class RectificationRecordedPayload {
  /** The original inspection's stable result id (the spot-check notice is keyed on it). */
  @IsString() resultId!: string;
  /** The original assignment and the confirmed revision that carried the order. */
  @IsString() assignmentId!: string;
  @IsString() ofResultId!: string;
  /** The follow-up assignment, its stable result id and its confirmed version (corrections increase it). */
  @IsString() followUpAssignmentId!: string;
  @IsString() followUpResultId!: string;
  @IsInt() @Min(1) followUpVersion!: number;
  @IsIn(RECTIFICATION_OUTCOMES as unknown as string[]) rectification!: RectificationOutcome;
  /** The 整改期限 the order set, and the date of the follow-up inspection (both calendar dates in China). */
  @IsCalendarDate() rectificationDeadline!: string;
  @IsCalendarDate() inspectionDate!: string;
  @IsArray() @IsString({ each: true }) departments!: string[];
  @IsISO8601() confirmedAt!: string;
  /** Set when the follow-up result was corrected (followUpVersion > 1). */
  @IsOptional() @IsString() correctionReason?: string;
}

export const RectificationRecorded = defineEvent('inspection.rectification.recorded', 1, RectificationRecordedPayload);
