import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsPlainText } from '#contracts';
import { PageQuery } from '../../common/pagination.js';
import { CREDIT_CLASSES, TARGET_KINDS, TARGET_STATUSES } from '../target.entity.js';

export class CreateTargetDto {
  @ApiPropertyOptional({ description: 'Department that keeps the entry; defaults to the caller’s' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ type: [String], description: 'Departments that may inspect it; defaults to [department]' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsPlainText({ each: true })
  departments?: string[];

  @ApiProperty({ enum: TARGET_KINDS })
  @IsString()
  @IsPlainText()
  kind!: string;

  @ApiProperty({ example: '取水单位' })
  @IsString() @IsPlainText() @MaxLength(100)
  category!: string;

  @ApiProperty({ example: '东江水务有限公司' })
  @IsString() @IsPlainText() @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: '统一社会信用代码 (required for organisations and individual businesses)', example: '91330106MA2CFEXY0L' })
  @IsOptional() @IsString()
  @IsPlainText()
  creditCode?: string | null;

  @ApiPropertyOptional({ example: '330106' })
  @IsOptional() @IsString()
  @IsPlainText()
  regionCode?: string | null;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  industry?: string | null;

  @ApiProperty({ enum: CREDIT_CLASSES })
  @IsString()
  @IsPlainText()
  creditClass!: string;

  @ApiPropertyOptional({ enum: TARGET_STATUSES })
  @IsOptional() @IsString()
  @IsPlainText()
  status?: string;

  @ApiPropertyOptional({ example: '2026-03-15' })
  @IsOptional() @IsString()
  @IsPlainText()
  lastInspectedOn?: string | null;

  @ApiPropertyOptional({ example: '杭州市西湖区某某路1号', description: 'Registered address, shown in the inspectors’ worklist (null clears it)' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ example: 30.2741, description: '纬度, WGS 84 degrees; with longitude, or neither (null clears)' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ example: 120.1551, description: '经度, WGS 84 degrees; with latitude, or neither (null clears)' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180)
  longitude?: number | null;
}

export class UpdateTargetDto extends PartialType(CreateTargetDto) {}

export class ListTargetsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() department?: string;
  @ApiPropertyOptional({ enum: CREDIT_CLASSES }) @IsOptional() @IsIn(CREDIT_CLASSES as unknown as string[]) creditClass?: string;
  @ApiPropertyOptional({ enum: TARGET_KINDS }) @IsOptional() @IsIn(TARGET_KINDS as unknown as string[]) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() category?: string;
  @ApiPropertyOptional({ enum: TARGET_STATUSES }) @IsOptional() @IsIn(TARGET_STATUSES as unknown as string[]) status?: string;
  @ApiPropertyOptional({ description: 'Name contains, or exact credit code' }) @IsOptional() @IsString() @IsPlainText() @MaxLength(100) q?: string;
}
