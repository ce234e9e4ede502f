import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PagingQuery } from '../../common/paging.dto.js';
import type { DecisionKind } from '../decision-facts.js';

export class ListDecisionsQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: ['licence', 'penalty'] })
  @IsOptional() @IsIn(['licence', 'penalty'])
  kind?: DecisionKind;

  @ApiPropertyOptional({ description: 'Year of the decision date' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'false: only decisions recorded but not published' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  publishable?: boolean;
}
