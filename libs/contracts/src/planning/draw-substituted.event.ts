import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsISO8601, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../envelope/event-definition.js';
import { IsCalendarDate } from '../common/validators.js';
import { AssignedInspector } from './draw-completed.event.js';

/**
 * 递补抽取: a drawn inspector could not take part and a replacement was drawn from the same pool by
 * the draw's own procedure. Inspection moves the assignment; the portal appends `record` (the
 * published SubstitutionRecord) to the draw's bundle, which the verifier replays.
 */
export class DrawSubstitutedPayload {
  @IsString() drawId!: string;
  @IsString() taskId!: string;
  @IsInt() @Min(1) sequence!: number;
  @IsString() targetId!: string;
  @IsString() withdrawnInspectorId!: string;
  /** The published reason (a fixed vocabulary, never health or other personal details). */
  @IsString() reason!: string;
  @ValidateNested() @Type(() => AssignedInspector) replacement!: AssignedInspector;
  /** The whole team after the substitution, in slot order. */
  @IsArray() @ArrayMinSize(2) @ValidateNested({ each: true }) @Type(() => AssignedInspector) inspectors!: AssignedInspector[];
  @IsCalendarDate() dueDate!: string;
  @IsISO8601() substitutedAt!: string;
  /** The SubstitutionRecord as it appears in the bundle (skips, stream positions). */
  @IsObject() record!: Record<string, unknown>;
}

export const DrawSubstituted = defineEvent('planning.draw.substituted', 1, DrawSubstitutedPayload);
