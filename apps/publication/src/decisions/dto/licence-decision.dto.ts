import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, IsMultilineText, IsPlainText } from '#contracts';
import { LICENCE_CATEGORIES, type LicenceCategory } from '#domain';
import { DecisionBaseDto } from './decision-base.dto.js';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A 行政许可 decision. */
export class LicenceDecisionDto extends DecisionBaseDto {
  @ApiProperty({ description: '行政许可决定文书名称', example: '取水许可决定书' })
  @trim() @IsString() @IsPlainText() @MinLength(1) @MaxLength(200)
  documentName!: string;

  @ApiProperty({ description: '许可类别', enum: LICENCE_CATEGORIES })
  @IsIn(LICENCE_CATEGORIES as unknown as string[])
  licenceCategory!: LicenceCategory;

  @ApiPropertyOptional({ description: '许可证书名称', example: '取水许可证' })
  @IsOptional() @trim() @IsString() @IsPlainText() @MaxLength(200)
  certificateName?: string;

  @ApiPropertyOptional({ description: '许可编号' })
  @IsOptional() @trim() @IsString() @IsPlainText() @MaxLength(100)
  licenceNumber?: string;

  @ApiProperty({ description: '许可内容' })
  @trim() @IsString() @IsMultilineText() @MinLength(1) @MaxLength(4000)
  licenceContent!: string;

  @ApiProperty({ description: '有效期自', example: '2026-10-01' })
  @IsCalendarDate()
  validFrom!: string;

  @ApiPropertyOptional({ description: '有效期至 (absent: 长期)', example: '2031-09-30' })
  @IsOptional() @IsCalendarDate()
  validUntil?: string;

  @ApiPropertyOptional({ description: '当前状态', enum: ['有效', '无效'], default: '有效' })
  @IsOptional() @IsIn(['有效', '无效'])
  status?: '有效' | '无效';
}
