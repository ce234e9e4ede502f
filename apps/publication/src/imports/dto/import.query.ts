import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPlainText } from '#contracts';
import type { DecisionKind } from '../../decisions/decision-facts.js';

export class ImportQuery {
  @ApiProperty({ enum: ['licence', 'penalty'], description: 'Which template the file follows' })
  @IsIn(['licence', 'penalty'])
  kind!: DecisionKind;

  @ApiPropertyOptional({ description: 'Department the decisions belong to (default: the caller’s)' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ enum: ['draft', 'now'], default: 'draft', description: 'Publishable rows without 公示日期: keep as drafts, or publish at once' })
  @IsOptional() @IsIn(['draft', 'now'])
  publish: 'draft' | 'now' = 'draft';

  @ApiPropertyOptional({ default: false, description: 'Check the file and report, writing nothing' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  dryRun = false;
}

export class TemplateQuery {
  @ApiProperty({ enum: ['licence', 'penalty'] })
  @IsIn(['licence', 'penalty'])
  kind!: DecisionKind;
}
