import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsPlainText } from '#contracts';

export class DeadlinesQuery {
  @ApiPropertyOptional({ description: 'Only this department (admins and auditors: default all; others: their own)' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: '"Due soon" means due within this many working days (default from configuration, 3)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(60)
  withinWorkingDays?: number;
}

export class OnTimeRateQuery {
  @ApiPropertyOptional({ description: 'Year of the decision (inspection) date; default: this year' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Only this department (admins and auditors: default all; others: their own)' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;
}
