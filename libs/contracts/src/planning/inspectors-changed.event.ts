import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsISO8601, IsOptional, IsString, MinLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../common/validators.js';
import { defineEvent } from '../envelope/event-definition.js';

/**
 * An entry of the 执法检查人员名录库 as other services may know it: who the officer is and what they
 * are certified for (what 行政执法公示 makes public anyway). Never conflicts, leave or contact data.
 */
export class DirectoryInspector {
  /** Planning's id: the `sub` of the inspector's token and the id draws assign. */
  @IsString() @MinLength(1) id!: string;
  /** 执法证号. */
  @IsString() @MinLength(1) certificateNo!: string;
  @IsString() @MinLength(1) name!: string;
  @IsString() @MinLength(1) department!: string;
  @IsArray() @IsString({ each: true }) certifiedCategories!: string[];
  @IsIn(['active', 'suspended', 'retired']) status!: 'active' | 'suspended' | 'retired';
  /**
   * The certificate's validity (执法证有效期), YYYY-MM-DD, inclusive. Optional: events written before
   * planning held it, and entries without it, leave them out (null is read the same: not known).
   */
  @IsOptional() @IsCalendarDate() certificateValidFrom?: string | null;
  @IsOptional() @IsCalendarDate() certificateValidUntil?: string | null;
}

/** Inspectors created or changed (one at a time, or an import in batches of at most 500). */
export class InspectorsChangedPayload {
  @IsISO8601() changedAt!: string;
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => DirectoryInspector) inspectors!: DirectoryInspector[];
}

export const InspectorsChanged = defineEvent('planning.inspectors.changed', 1, InspectorsChangedPayload);
