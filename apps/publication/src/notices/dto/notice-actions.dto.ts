import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, IsMultilineText, NOTICE_KINDS, type NoticeKind } from '#contracts';
import { NOTICE_STATES, type NoticeState } from '#domain';
import { PagingQuery } from '../../common/paging.dto.js';

export class ScheduleNoticeDto {
  @ApiProperty({ description: 'When the scheduler publishes it (ISO 8601 instant)', example: '2026-10-09T09:00:00+08:00' })
  @Type(() => Date) @IsDate({ message: 'publishAt must be an ISO 8601 date-time' })
  publishAt!: Date;
}

export class WithdrawNoticeDto {
  @ApiProperty({ description: 'Why (e.g. 行政复议决定撤销原处罚决定); published with the withdrawal, redacted' })
  @IsString() @IsMultilineText() @MinLength(2) @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ description: 'When the decision was revoked (撤销/撤回): the 3-working-day deadline counts from it. Default: today' })
  @IsOptional() @IsCalendarDate()
  revokedOn?: string;
}

export class RemoveEarlyDto {
  @ApiProperty({ description: 'The granted credit-repair request (信用修复), e.g. its reference' })
  @IsString() @IsMultilineText() @MinLength(2) @MaxLength(1000)
  reason!: string;
}

export class ListNoticesQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: NOTICE_KINDS })
  @IsOptional() @IsIn(NOTICE_KINDS as unknown as string[])
  kind?: NoticeKind;

  @ApiPropertyOptional({ enum: NOTICE_STATES })
  @IsOptional() @IsIn(NOTICE_STATES as unknown as string[])
  state?: NoticeState;
}
