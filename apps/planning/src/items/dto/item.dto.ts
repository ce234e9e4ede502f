import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsDefined, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsMultilineText, IsPlainText } from '#contracts';
import { TARGET_KINDS } from '../../targets/target.entity.js';
import { ITEM_CATEGORIES } from '../item.entity.js';

const RATIO = (c: string) => ({ message: `defaultRatios.${c} must be a ratio in (0, 1]` });

export class DefaultRatiosDto {
  @ApiProperty({ example: 0.02 }) @IsNumber({}, RATIO('A')) @Min(0.000001, RATIO('A')) @Max(1, RATIO('A')) A!: number;
  @ApiProperty({ example: 0.05 }) @IsNumber({}, RATIO('B')) @Min(0.000001, RATIO('B')) @Max(1, RATIO('B')) B!: number;
  @ApiProperty({ example: 1 }) @IsNumber({}, RATIO('C')) @Min(0.000001, RATIO('C')) @Max(1, RATIO('C')) C!: number;
  @ApiProperty({ example: 1 }) @IsNumber({}, RATIO('D')) @Min(0.000001, RATIO('D')) @Max(1, RATIO('D')) D!: number;
}

export class TargetScopeDto {
  @ApiPropertyOptional({ enum: TARGET_KINDS, isArray: true, description: 'Empty: any kind' })
  @IsOptional() @IsArray() @IsIn(TARGET_KINDS as unknown as string[], { each: true })
  kinds: string[] = [];

  @ApiPropertyOptional({ type: [String], example: ['取水单位'], description: 'Target categories; empty: any' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsPlainText({ each: true })
  categories: string[] = [];

  @ApiProperty({ example: '取水单位' }) @IsString() @IsPlainText() @MinLength(1) @MaxLength(200)
  description!: string;
}

export class ItemFieldsDto {
  @ApiProperty({ example: '对取水许可实施情况的行政检查' }) @IsString() @IsPlainText() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: ITEM_CATEGORIES }) @IsIn(ITEM_CATEGORIES as unknown as string[], { message: 'category must be 重点 or 一般' }) category!: string;
  @ApiProperty({ description: '检查依据', example: '《取水许可和水资源费征收管理条例》第四十四条' }) @IsString() @IsMultilineText() @MinLength(1) @MaxLength(2000) legalBasis!: string;
  @ApiProperty({ description: '检查方式', example: '现场检查' }) @IsString() @IsPlainText() @MinLength(1) @MaxLength(200) method!: string;
  @ApiProperty({ type: [String], description: '检查内容' }) @IsArray() @ArrayNotEmpty() @ArrayMaxSize(100) @IsString({ each: true }) @IsPlainText({ each: true }) checkPoints!: string[];
  @ApiProperty({ type: TargetScopeDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => TargetScopeDto) targetScope!: TargetScopeDto;
  @ApiProperty({ description: 'Enforcement field an inspector must be certified for (执法类别)', example: '水资源' }) @IsString() @IsPlainText() @MinLength(1) @MaxLength(100) certificationCategory!: string;
  @ApiProperty({ type: DefaultRatiosDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => DefaultRatiosDto) defaultRatios!: DefaultRatiosDto;
  @ApiProperty({ description: 'Times per year', example: 2 }) @IsInt() @Min(1) @Max(365) frequencyPerYear!: number;
  @ApiPropertyOptional({ description: 'Why this version was made' }) @IsOptional() @IsString() @IsMultilineText() @MaxLength(500) changeNote?: string;
}

export class CreateItemDto extends ItemFieldsDto {
  @ApiProperty({ example: 'SL-ZD-05' }) @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: 'code must be 1–40 letters, digits or -' }) code!: string;
  @ApiPropertyOptional({ description: 'Defaults to the caller’s department' }) @IsOptional() @IsString() @IsPlainText() department?: string;
}

export class ListItemsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() department?: string;
}
