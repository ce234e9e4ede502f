import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsPlainText } from '#contracts';
import { ASSIGNMENT_STATUSES, INSPECTION_KINDS, type AssignmentStatus, type InspectionKind } from '../domain/assignment-status.js';

const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);

/** Filters and paging of a worklist. */
export class ListAssignmentsQuery {
  @ApiPropertyOptional({ description: 'One or more statuses, comma-separated or repeated', enum: ASSIGNMENT_STATUSES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @IsIn(ASSIGNMENT_STATUSES as unknown as string[], { each: true, message: `status must be one of ${ASSIGNMENT_STATUSES.join(', ')}` })
  status?: AssignmentStatus[];

  @ApiPropertyOptional({ description: 'Due on or after (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  dueFrom?: string;

  @ApiPropertyOptional({ description: 'Due on or before (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;

  @ApiPropertyOptional({ enum: INSPECTION_KINDS })
  @IsOptional()
  @IsIn(INSPECTION_KINDS as unknown as string[])
  kind?: InspectionKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  taskId?: string;

  @ApiPropertyOptional({ description: 'Admins and auditors: one department (officers always see their own)' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
