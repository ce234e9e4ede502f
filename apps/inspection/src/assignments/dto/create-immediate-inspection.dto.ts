import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsMultilineText, IsPlainText, TARGET_KINDS } from '#contracts';

export const IMMEDIATE_TRIGGERS = ['complaint', 'tip_off', 'patrol', 'referral', 'other'] as const;

/**
 * The target kinds a 即时检查 may name: planning's directory kinds (the values draw.completed carries,
 * apps/planning/src/targets/target.entity.ts) plus `natural_person`, a person outside the directory
 * (农户, 村民, an individual 取水户). A closed list, because publication decides from it whether the
 * target's name is a natural person's and must be masked.
 */
/** Planning's directory kinds, plus a natural person outside the directory. */
export const IMMEDIATE_TARGET_KINDS = TARGET_KINDS;

export class ItemRefDto {
  @ApiProperty({ example: 'SL-ZD-02' })
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(50)
  code!: string;

  @ApiProperty({ example: '对河道采砂的行政检查' })
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class NamedTargetDto {
  @ApiPropertyOptional({ description: 'Id in the 检查对象名录库, when the target is listed there' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  id?: string;

  @ApiProperty({ example: '某某砂石有限公司' })
  @IsString()
  @IsPlainText()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: '统一社会信用代码 or another registration code' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(50)
  code?: string;

  @ApiProperty({ enum: IMMEDIATE_TARGET_KINDS, example: 'site', description: 'natural_person for a person outside the target directory (the name is masked when published)' })
  @IsIn(IMMEDIATE_TARGET_KINDS as unknown as string[])
  kind!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  region?: string;
}

export class TeamMemberDto {
  @ApiProperty({ description: "The inspector's id (their token subject, the planning directory id)" })
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(100)
  inspectorId!: string;

  @ApiProperty()
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiProperty({ description: '执法证号' })
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(50)
  certificateNo!: string;

  @ApiPropertyOptional({ description: "Defaults to the opening officer's department" })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  department?: string;
}

/** 即时检查: an inspection of a named target outside any draw. */
export class CreateImmediateInspectionDto {
  @ApiProperty({ type: NamedTargetDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NamedTargetDto)
  target!: NamedTargetDto;

  @ApiProperty({ type: [ItemRefDto], description: 'The spot-check items (legal basis) the inspection covers' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ItemRefDto)
  items!: ItemRefDto[];

  @ApiProperty({ type: [TeamMemberDto], description: 'At least two inspectors (行政处罚法 Art. 42)' })
  @IsArray()
  @ArrayMinSize(2, { message: 'team needs at least two inspectors' })
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  team!: TeamMemberDto[];

  @ApiProperty({ example: '群众举报夜间违规采砂', description: 'Why the inspection is opened' })
  @IsString()
  @IsMultilineText()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ enum: IMMEDIATE_TRIGGERS, default: 'other' })
  @IsOptional()
  @IsIn(IMMEDIATE_TRIGGERS as unknown as string[])
  trigger?: (typeof IMMEDIATE_TRIGGERS)[number];

  @ApiPropertyOptional({ description: "Name shown as the task name; defaults to '即时检查'" })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'Document number (文号), if any' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  taskNumber?: string;

  @ApiPropertyOptional({ description: "Lead department; defaults to the officer's own" })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ description: 'Date of the inspection (YYYY-MM-DD), up to 10 years back (recording one already done) or 90 days ahead; results may not be dated earlier. Defaults to today.' })
  @IsOptional()
  @IsCalendarDate()
  inspectionDate?: string;

  @ApiPropertyOptional({ description: 'Due date (YYYY-MM-DD), today or later; defaults to 7 days after the later of today and inspectionDate' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;
}

export class CancelAssignmentDto {
  @ApiProperty({ example: '检查对象已注销' })
  @IsString()
  @IsMultilineText()
  @MinLength(2)
  @MaxLength(1000)
  @Matches(/\S/)
  reason!: string;
}
