import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../envelope/event-definition.js';
import { ItemRef } from '../common/item-ref.js';
import { IsCalendarDate } from '../common/validators.js';

/** The standard result categories (docs/regulations.md §6). */
export const RESULT_OUTCOMES = [
  '未发现问题',
  '发现问题已责令改正',
  '未发现开展本次抽查涉及的经营活动',
  '通过登记的住所（经营场所）无法联系',
  '不配合检查情节严重',
  '发现问题待后续处理',
] as const;
export type ResultOutcome = (typeof RESULT_OUTCOMES)[number];

/** Outcomes that carry a rectification order (责令改正 now, or 后续处理 still to come): they get a follow-up (整改复查). */
export const RECTIFICATION_ORDER_OUTCOMES: readonly ResultOutcome[] = ['发现问题已责令改正', '发现问题待后续处理'];

/**
 * A confirmed inspection result (both inspectors agreed). Carries what publication needs for the
 * spot-check result notice, and what the portal's statistics count (kind, channel).
 */
export class ResultRecordedPayload {
  @IsString() resultId!: string;
  @IsString() assignmentId!: string;
  /** Corrections are new versions of the same result. */
  @IsInt() @Min(1) resultVersion!: number;
  @IsIn(['random', 'immediate']) kind!: 'random' | 'immediate';
  @IsOptional() @IsString() taskId?: string;
  @IsOptional() @IsString() drawId?: string;
  @IsString() taskName!: string;
  @IsOptional() @IsString() taskNumber?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ItemRef) items!: ItemRef[];
  @IsString() targetName!: string;
  @IsOptional() @IsString() targetCode?: string;
  @IsString() targetKind!: string;
  @IsCalendarDate() inspectionDate!: string;
  @IsIn(RESULT_OUTCOMES as unknown as string[]) outcome!: ResultOutcome;
  @IsString() findingsSummary!: string;
  @IsArray() @IsString({ each: true }) departments!: string[];
  @IsIn(['mobile', 'desktop']) channel!: 'mobile' | 'desktop';
  @IsISO8601() confirmedAt!: string;
  /** Set on a correction (resultVersion > 1): why the earlier version was corrected. */
  @IsOptional() @IsString() correctionReason?: string;
  /**
   * 整改期限 (YYYY-MM-DD) of a result with a rectification order (发现问题已责令改正 or
   * 发现问题待后续处理). Optional: absent on other outcomes and on events written before it existed.
   */
  @IsOptional() @IsCalendarDate() rectificationDeadline?: string;
}

export const ResultRecorded = defineEvent('inspection.result.recorded', 1, ResultRecordedPayload);

export class AssignmentOverduePayload {
  @IsString() assignmentId!: string;
  @IsOptional() @IsString() taskId?: string;
  @IsString() department!: string;
  @IsString() targetName!: string;
  @IsCalendarDate() dueDate!: string;
}

export const AssignmentOverdue = defineEvent('inspection.assignment.overdue', 1, AssignmentOverduePayload);
