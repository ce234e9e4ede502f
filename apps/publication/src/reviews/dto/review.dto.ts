import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsMultilineText } from '#contracts';
import { PagingQuery } from '../../common/paging.dto.js';
import type { ReviewState } from '../../notices/notice.entity.js';

export const REVIEW_STATES = ['pending', 'approved', 'rejected'] as const;

export class RejectReviewDto {
  @ApiProperty({ description: 'Why the major decision goes back to the officer (法制审核意见): what to correct' })
  @IsString() @IsMultilineText() @MinLength(2) @MaxLength(2000)
  reason!: string;
}

export class ListReviewsQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: REVIEW_STATES, default: 'pending' })
  @IsOptional() @IsIn(REVIEW_STATES as unknown as string[])
  state: ReviewState = 'pending';
}
