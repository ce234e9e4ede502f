import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../envelope/event-definition.js';
import { ItemRef } from '../common/item-ref.js';
import { IsCalendarDate } from '../common/validators.js';

export class StratumSummary {
  @IsString() stratum!: string;
  @IsInt() @Min(0) size!: number;
  @IsInt() @Min(0) sampleSize!: number;
}

/** A draw's public commitment: populations frozen and hashed, rules fixed, secret committed. */
export class DrawAnnouncedPayload {
  @IsString() drawId!: string;
  @IsString() taskId!: string;
  @IsString() taskName!: string;
  @IsOptional() @IsString() taskNumber?: string;
  @IsInt() @Min(2000) year!: number;
  @IsString() department!: string;
  @IsArray() @IsString({ each: true }) departments!: string[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => ItemRef) items!: ItemRef[];
  @IsISO8601() announcedAt!: string;
  @IsCalendarDate() dueDate!: string;
  /** SHA-256 (hex) of the server secret. */
  @Matches(/^[0-9a-f]{64}$/) commitment!: string;
  /** Which public value will be mixed in, e.g. "福彩3D 2026-12-01 开奖号码". */
  @IsString() publicRandomnessSource!: string;
  /** announcement.targets.idsHash of a version-1 draw, announcement.targets.leavesHash of a version-2 draw (docs/draw-algorithm.md §10.2). */
  @Matches(/^[0-9a-f]{64}$/) targetPopulationHash!: string;
  @Matches(/^[0-9a-f]{64}$/) inspectorPopulationHash!: string;
  @IsInt() @Min(0) targetPopulationSize!: number;
  @IsInt() @Min(0) inspectorPopulationSize!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => StratumSummary) strata!: StratumSummary[];
  @IsIn(['spotcheck-sha256-v1', 'rfc3797']) algorithm!: string;
  /**
   * The published draw rules (sample sizes, inspectors per target, skip rules), as announced, with
   * the whole announcement under `announcement` (version 2: `bundleVersion: 2` and `creditClass`,
   * whether the public record names each drawn firm's credit class).
   */
  @IsObject() rules!: Record<string, unknown>;
}

export const DrawAnnounced = defineEvent('planning.draw.announced', 1, DrawAnnouncedPayload);
