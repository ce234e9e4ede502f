import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '#auth';
import { IsPlainText } from '#contracts';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;
const USERNAME_MESSAGE = 'username: 2–64 letters, digits, . _ @ or -, starting with a letter or digit';

export class CreateAccountDto {
  @ApiProperty({ example: 'zhang.san' })
  @IsString() @IsPlainText() @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username!: string;

  @ApiProperty({ example: '张三' })
  @IsString() @IsPlainText() @MinLength(1) @MaxLength(100)
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ nullable: true, example: '水政监察大队', description: 'required for officers, inspectors and legal reviewers' })
  @IsOptional() @IsString() @IsPlainText() @MinLength(1) @MaxLength(100)
  department?: string | null;

  @ApiPropertyOptional({ nullable: true, description: "planning's inspector id, from GET /directory/inspectors" })
  @IsOptional() @IsString() @IsPlainText() @MinLength(1) @MaxLength(100)
  inspectorId?: string | null;
}

export class UpdateAccountDto {
  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined) @IsString() @IsPlainText() @MinLength(1) @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @ValidateIf((_, v) => v !== undefined) @IsArray() @ArrayNotEmpty() @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsString() @IsPlainText() @MinLength(1) @MaxLength(100)
  department?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsString() @IsPlainText() @MinLength(1) @MaxLength(100)
  inspectorId?: string | null;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @ValidateIf((_, v) => v !== undefined) @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}

export class AccountQueryDto {
  @ApiPropertyOptional({ description: 'part of the user name or display name' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;
}

export class DirectoryQueryDto {
  @ApiPropertyOptional({ description: 'part of the name or 执法证号' })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;
}
