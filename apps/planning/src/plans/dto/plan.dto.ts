import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsMultilineText, IsPlainText } from '#contracts';
import { IsIsoDate } from '../../common/validation.js';
import { TARGET_KINDS } from '../../targets/target.entity.js';

export class CreatePlanDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ example: '2026年度“双随机、一公开”抽查工作计划' }) @IsString() @IsPlainText() @MinLength(1) @MaxLength(200) title!: string;
  @ApiPropertyOptional({ description: 'Scope, numbers and timing per batch' }) @IsOptional() @IsString() @IsMultilineText() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ description: 'Defaults to the caller’s department' }) @IsOptional() @IsString() @IsPlainText() department?: string;
}

export class ConsentDto {
  @ApiPropertyOptional({ description: 'The department that accepts; defaults to the caller’s (admins name it)' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100) department?: string;
}

export class ListPlansQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() department?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() year?: number;
}

export class TargetFilterDto {
  @ApiPropertyOptional({ enum: TARGET_KINDS, isArray: true }) @IsOptional() @IsArray() @IsIn(TARGET_KINDS as unknown as string[], { each: true }) kinds?: string[];
  @ApiPropertyOptional({ type: [String], example: ['取水单位'] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @IsPlainText({ each: true }) categories?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Region code prefixes, e.g. 3301 or 330106' }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @IsPlainText({ each: true }) regionCodes?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @IsPlainText({ each: true }) industries?: string[];
}

export class CreateTaskDto {
  @ApiProperty({ example: '2026年第一批取水许可随机抽查' }) @IsString() @IsPlainText() @MinLength(1) @MaxLength(200) name!: string;

  @ApiProperty({ type: [String], example: ['SL-ZD-05'], description: 'Item codes; the current version of each is frozen into the task' })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(50) @IsString({ each: true }) @IsPlainText({ each: true })
  itemCodes!: string[];

  @ApiPropertyOptional({ type: TargetFilterDto, description: 'Defaults to the union of the items’ target scopes' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TargetFilterDto)
  targetFilter?: TargetFilterDto;

  @ApiPropertyOptional({
    description: 'Per credit class A–D: { "ratio": 0.05 } or { "count": 10 }. Classes left out take the highest default ratio of the items.',
    example: { A: { ratio: 0.02 }, B: { ratio: 0.05 }, C: { ratio: 1 }, D: { ratio: 1 } },
  })
  @IsOptional() @IsObject()
  sampling?: Record<string, unknown>;

  @ApiProperty({ minimum: 2, example: 2 })
  @IsInt() @Min(2, { message: 'inspectorsPerTarget must be at least 2: every inspection needs two certified inspectors (行政处罚法 Art. 42)' }) @Max(20)
  inspectorsPerTarget!: number;

  @ApiPropertyOptional({ type: [String], description: 'Participating departments (joint task); the lead (plan) department is always included' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @IsPlainText({ each: true })
  departments?: string[];

  @ApiPropertyOptional({ description: 'Leave out targets inspected or drawn within this many days' })
  @IsOptional() @IsInt() @Min(0) @Max(3660)
  excludeInspectedWithinDays?: number;

  @ApiPropertyOptional({
    minimum: 1,
    example: 2,
    description: '无事不扰: leave out firms inspected at least this many times, across departments, in the 12 months before the announcement date (decided and published when the draw is announced)',
  })
  @IsOptional() @IsInt() @Min(1) @Max(1000)
  excludeInspectedAtLeast?: number;

  @ApiPropertyOptional({ description: 'Workload cap: assignments an inspector may hold (open ones included)' })
  @IsOptional() @IsInt() @Min(1) @Max(100000)
  maxAssignmentsPerInspector?: number;

  @ApiProperty({ example: '2026-12-01', description: 'First day of the inspections' }) @IsIsoDate() inspectionFrom!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsIsoDate() dueDate!: string;
}

export class ListTasksQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsPlainText() department?: string;
}
