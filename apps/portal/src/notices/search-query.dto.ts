import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NOTICE_KINDS, type NoticeKind } from '#contracts';
import { IsCalendarDate } from '../common/calendar-date.js';

/** HTML forms send empty fields; an empty filter means "no filter". */
const EmptyToUndefined = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value));

/** The filters of a notice search, shared by the JSON API, the CSV export, the feed and the pages. */
export class NoticeFilterDto {
  @ApiPropertyOptional({ description: 'Keywords (any length, Chinese or not); white space separates terms that must all occur', example: '水利 采砂' })
  @EmptyToUndefined() @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: NOTICE_KINDS, description: 'licence 行政许可, penalty 行政处罚, spot_check 抽查结果' })
  @EmptyToUndefined() @IsOptional() @IsIn(NOTICE_KINDS as unknown as string[])
  kind?: NoticeKind;

  @ApiPropertyOptional({ description: 'Department, exact name', example: '区水利水电局' })
  @EmptyToUndefined() @IsOptional() @IsString() @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: 'Region, exact name' })
  @EmptyToUndefined() @IsOptional() @IsString() @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ description: 'Decision date from (inclusive), YYYY-MM-DD' })
  @EmptyToUndefined() @IsOptional() @IsCalendarDate({ message: 'from must be a real calendar date YYYY-MM-DD (e.g. 2024-02-29)' })
  from?: string;

  @ApiPropertyOptional({ description: 'Decision date to (inclusive), YYYY-MM-DD' })
  @EmptyToUndefined() @IsOptional() @IsCalendarDate({ message: 'to must be a real calendar date YYYY-MM-DD (e.g. 2024-02-29)' })
  to?: string;

  @ApiPropertyOptional({ description: 'Penalty type (处罚类别), exact, e.g. 罚款' })
  @EmptyToUndefined() @IsOptional() @IsString() @MaxLength(50)
  penaltyType?: string;

  @ApiPropertyOptional({ description: '统一社会信用代码, exact (18 characters)' })
  @EmptyToUndefined() @IsOptional() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[0-9A-Z]{18}$/, { message: 'creditCode must be an 18-character 统一社会信用代码' })
  creditCode?: string;
}

export class NoticeSearchDto extends NoticeFilterDto {
  @ApiPropertyOptional({ enum: ['date', 'relevance'], default: 'date', description: 'date: newest first; relevance: party name and title matches first' })
  @EmptyToUndefined() @IsOptional() @IsIn(['date', 'relevance'])
  sort?: 'date' | 'relevance';

  @ApiPropertyOptional({ description: 'Cursor: the `next` value of the previous page' })
  @EmptyToUndefined() @IsOptional() @IsString() @MaxLength(400)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @EmptyToUndefined() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Also count the matches (exact up to 10,000)' })
  @EmptyToUndefined() @IsOptional() @IsIn(['true', 'false'])
  count?: 'true' | 'false';
}
