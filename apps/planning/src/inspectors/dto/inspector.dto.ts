import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsPlainText } from '#contracts';
import { PageQuery } from '../../common/pagination.js';
import { IsIsoDate } from '../../common/validation.js';
import { CONFLICT_RELATIONS, INSPECTOR_STATUSES } from '../inspector.entity.js';

export class LeavePeriodDto {
  @ApiProperty({ example: '2026-12-01' }) @IsString() @IsPlainText() from!: string;
  @ApiProperty({ example: '2026-12-10' }) @IsString() @IsPlainText() to!: string;
  @ApiPropertyOptional({ description: 'Internal note; never published' }) @IsOptional() @IsString() @IsPlainText() @MaxLength(200) note?: string;
}

export class ConflictDto {
  @ApiPropertyOptional({ description: 'A target id of the directory' }) @IsOptional() @IsString() @IsPlainText() targetId?: string;
  @ApiPropertyOptional({ description: '统一社会信用代码: every target with this code' }) @IsOptional() @IsString() @IsPlainText() creditCode?: string;
  @ApiProperty({ enum: CONFLICT_RELATIONS, description: 'Published as the reason of a skip', example: '近亲属任职' })
  @IsIn(CONFLICT_RELATIONS as unknown as string[])
  relation!: string;
  @ApiPropertyOptional({ description: 'Internal note (who, since when); never published' }) @IsOptional() @IsString() @IsPlainText() @MaxLength(200) note?: string;
}

export class CreateInspectorDto {
  @ApiProperty({ description: '执法证号', example: 'SL-33010600123' }) @IsString() @IsPlainText() certificateNo!: string;
  @ApiProperty() @IsString() @IsPlainText() @MaxLength(50) name!: string;
  @ApiPropertyOptional({ description: 'Defaults to the caller’s department' }) @IsOptional() @IsString() @IsPlainText() department?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() regionCode?: string | null;
  @ApiProperty({ type: [String], description: 'Enforcement fields (执法类别) the certificate covers', example: ['水资源', '河道采砂'] })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsPlainText({ each: true })
  certifiedCategories!: string[];
  @ApiPropertyOptional({ type: [LeavePeriodDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => LeavePeriodDto)
  leavePeriods?: LeavePeriodDto[];
  @ApiPropertyOptional({ type: [ConflictDto] }) @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => ConflictDto)
  conflicts?: ConflictDto[];
  @ApiPropertyOptional({ enum: INSPECTOR_STATUSES }) @IsOptional() @IsString() @IsPlainText() status?: string;
  @ApiPropertyOptional({ description: '执法证有效期起 (YYYY-MM-DD, inclusive); null clears it', example: '2024-01-01', nullable: true })
  @IsOptional() @IsString() @IsPlainText() @IsIsoDate()
  certificateValidFrom?: string | null;
  @ApiPropertyOptional({ description: '执法证有效期至 (YYYY-MM-DD, inclusive; published on the portal); null clears it', example: '2028-12-31', nullable: true })
  @IsOptional() @IsString() @IsPlainText() @IsIsoDate()
  certificateValidUntil?: string | null;
}

export class UpdateInspectorDto extends PartialType(CreateInspectorDto) {}

export class ListInspectorsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() department?: string;
  @ApiPropertyOptional({ enum: INSPECTOR_STATUSES }) @IsOptional() @IsIn(INSPECTOR_STATUSES as unknown as string[]) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() category?: string;
}
