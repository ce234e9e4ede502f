import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsPlainText } from '#contracts';

export class PagingQuery {
  @ApiPropertyOptional({ description: 'Only this department (admins and auditors: default all; others: their own)' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}
