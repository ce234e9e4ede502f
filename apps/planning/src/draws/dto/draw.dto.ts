import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsMultilineText, IsPlainText } from '#contracts';
import { PageQuery } from '../../common/pagination.js';

export const SUBSTITUTION_REASONS = [
  '当事人申请回避',
  '本人申请回避',
  '发现利害关系需回避',
  '因公务不能参加',
  '因个人原因不能参加',
  '执法资格暂停或撤销',
  '其他客观原因',
] as const;

export class AnnounceDrawDto {
  @ApiProperty({ description: 'The public randomness that will be mixed in, named before it exists', example: '中国福利彩票3D 2026年12月1日开奖号码' })
  @IsString() @IsPlainText() @MinLength(1) @MaxLength(500)
  publicRandomnessSource!: string;

  @ApiPropertyOptional({ enum: ['spotcheck-sha256-v1', 'rfc3797'], default: 'spotcheck-sha256-v1' })
  @IsOptional() @IsIn(['spotcheck-sha256-v1', 'rfc3797'])
  algorithm?: 'spotcheck-sha256-v1' | 'rfc3797';
}

export class ExecuteDrawDto {
  @ApiProperty({ description: 'The value of the announced source, verbatim (RFC 3797 style for rfc3797 mode, e.g. "9319./2.5.8.10.12./")', example: '3 8 1' })
  @IsString() @IsPlainText() @MinLength(1) @MaxLength(1000)
  publicRandomnessValue!: string;

  @ApiProperty({ description: 'Who witnessed the draw (kept in the record; only the role is public)', example: '王某' })
  @IsString() @IsPlainText() @MinLength(1) @MaxLength(50)
  witnessName!: string;

  @ApiPropertyOptional({ default: '局办公室代表' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  witnessRole?: string;
}

export class SubstituteDto {
  @ApiProperty() @IsUUID() targetId!: string;
  @ApiProperty({ description: 'The drawn inspector who cannot take part' }) @IsUUID() inspectorId!: string;
  @ApiProperty({ enum: SUBSTITUTION_REASONS, description: 'Published verbatim, so a fixed vocabulary (never health details)' })
  @IsIn(SUBSTITUTION_REASONS as unknown as string[], { message: `reason must be one of: ${SUBSTITUTION_REASONS.join(', ')}` })
  reason!: string;
  @ApiPropertyOptional({ description: 'Internal note, never published' }) @IsOptional() @IsString() @IsMultilineText() @MaxLength(500) note?: string;
}

export class ListDrawsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() taskId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() department?: string;
}

export class AssignmentsQuery extends PageQuery {}
