import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Max, Min, MinLength, ValidateNested } from 'class-validator';

/** Default sampling ratio per credit class (国市监信发〔2022〕6号: A lower, C/D higher). */
export class CreditClassRatios {
  @IsNumber() @Min(0) @Max(1) A!: number;
  @IsNumber() @Min(0) @Max(1) B!: number;
  @IsNumber() @Min(0) @Max(1) C!: number;
  @IsNumber() @Min(0) @Max(1) D!: number;
}
import { defineEvent } from '../envelope/event-definition.js';

export class PublishedItem {
  @IsString() @MinLength(1) code!: string;
  @IsString() @MinLength(1) name!: string;
  /** 重点 (key: no upper ratio limit) or 一般 (general). */
  @IsIn(['重点', '一般']) category!: '重点' | '一般';
  @IsString() legalBasis!: string;
  @IsString() department!: string;
  @IsString() method!: string;
  @IsArray() @IsString({ each: true }) checkPoints!: string[];
  /** Human-readable target scope, e.g. 取水单位. */
  @IsString() targetScope!: string;
  /** The ratio for credit class B (normal risk); `defaultRatios` has all four. */
  @IsOptional() @IsNumber() @Min(0) @Max(1) defaultRatio?: number;
  /** Added in the same version 1 as an optional field: older consumers ignore it. */
  @IsOptional() @ValidateNested() @Type(() => CreditClassRatios) defaultRatios?: CreditClassRatios;
  /** Times per year. */
  @IsOptional() @IsInt() @Min(0) frequency?: number;
  @IsInt() @Min(1) version!: number;
}

/** The department's current 随机抽查事项清单, published whole each time it changes. */
export class ItemsPublishedPayload {
  @IsString() department!: string;
  @IsISO8601() publishedAt!: string;
  @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => PublishedItem) items!: PublishedItem[];
}

export const ItemsPublished = defineEvent('planning.items.published', 1, ItemsPublishedPayload);
