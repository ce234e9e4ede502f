import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsPlainText } from '#contracts';

/** Filters of the full-process record; every one optional, combined with AND. */
export class AuditQuery {
  @ApiPropertyOptional({ description: 'An id the record names or changed (a notice, a task, an assignment, an event id…)' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(200)
  entity?: string;

  @ApiPropertyOptional({ description: 'Who: a token subject, service:<app> for events, system for jobs' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(200)
  subject?: string;

  @ApiPropertyOptional({ description: 'The acting user’s department' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: 'From this instant (inclusive), ISO 8601 with offset' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Until this instant (exclusive), ISO 8601 with offset' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Paging: records before this sequence number (the `next` of the previous page)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  before?: number;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 50;
}
