import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsPlainText } from '#contracts';

/** HTML forms send empty fields; an empty filter means "no filter". */
const EmptyToUndefined = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value));

/** The officer listing's filters, shared by the page and the JSON API. */
export class OfficerQueryDto {
  @ApiPropertyOptional({ description: 'Department, exact name', example: '水政监察大队' })
  @EmptyToUndefined() @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: 'Cursor from the previous page’s `next` link' })
  @EmptyToUndefined() @IsOptional() @IsString() @MaxLength(1000)
  after?: string;

  @ApiPropertyOptional({ description: 'Page size (default 100, at most 500)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}
