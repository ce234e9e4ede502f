import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsISO8601, IsLatitude, IsLongitude, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../envelope/event-definition.js';
import { ItemRef } from '../common/item-ref.js';
import { IsCalendarDate } from '../common/validators.js';

export class AssignedInspector {
  @IsString() inspectorId!: string;
  @IsString() name!: string;
  @IsString() department!: string;
  /** 执法证号. */
  @IsString() certificateNo!: string;
}

/** Coordinates (WGS 84 degrees, as the directory records them). */
export class TargetLocation {
  @IsLatitude() latitude!: number;
  @IsLongitude() longitude!: number;
}

export class DrawnAssignment {
  @IsString() targetId!: string;
  @IsString() targetName!: string;
  /** 统一社会信用代码 or another registration code; absent for sites and projects without one. */
  @IsOptional() @IsString() targetCode?: string;
  @IsString() targetKind!: string;
  @IsOptional() @IsString() region?: string;
  @IsString() stratum!: string;
  /**
   * The target's registered address and coordinates, where the directory has them (added in version 1
   * as optional fields: older events have none, older consumers ignore them). Not part of the draw's
   * hashed population: the event carries them only for the inspectors' worklists.
   */
  @IsOptional() @IsString() address?: string;
  @IsOptional() @ValidateNested() @Type(() => TargetLocation) location?: TargetLocation;
  @IsArray() @ArrayMinSize(2) @ValidateNested({ each: true }) @Type(() => AssignedInspector) inspectors!: AssignedInspector[];
}

/**
 * One batch of an executed draw's assignments. A large draw does not fit one NATS message, so it
 * travels as `batchCount` batches; a consumer knows the draw is complete when it holds every
 * batch index (and `totalAssignments` assignments).
 */
export class DrawCompletedPayload {
  @IsString() drawId!: string;
  @IsString() taskId!: string;
  @IsString() taskName!: string;
  @IsOptional() @IsString() taskNumber?: string;
  @IsString() department!: string;
  @IsArray() @IsString({ each: true }) departments!: string[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => ItemRef) items!: ItemRef[];
  @IsCalendarDate() dueDate!: string;
  @IsISO8601() executedAt!: string;
  @IsInt() @Min(0) batchIndex!: number;
  @IsInt() @Min(1) batchCount!: number;
  @IsInt() @Min(0) totalAssignments!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => DrawnAssignment) assignments!: DrawnAssignment[];
}

export const DrawCompleted = defineEvent('planning.draw.completed', 1, DrawCompletedPayload);
