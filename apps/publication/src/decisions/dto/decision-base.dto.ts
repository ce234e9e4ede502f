import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, IsMultilineText, IsPlainText } from '#contracts';
import { PARTY_KINDS, type PartyKind } from '#domain';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const upper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/** Fields shared by licence and penalty decisions (双公示 data standard, docs/regulations.md §6). */
export class DecisionBaseDto {
  @ApiPropertyOptional({ description: 'Department (unit) that owns the decision; defaults to the caller’s department' })
  @IsOptional() @trim() @IsString() @IsPlainText() @MinLength(1) @MaxLength(100)
  department?: string;

  @ApiProperty({ description: '行政相对人名称', example: '某某水务有限公司' })
  @trim() @IsString() @IsPlainText() @MinLength(1) @MaxLength(200)
  partyName!: string;

  @ApiProperty({ description: '相对人类别', enum: PARTY_KINDS })
  @IsIn(PARTY_KINDS as unknown as string[])
  partyKind!: PartyKind;

  @ApiPropertyOptional({ description: '统一社会信用代码 (required for 法人及非法人组织; none for 自然人)', example: '91350100M000100Y43' })
  @IsOptional() @upper() @IsString() @IsPlainText() @MaxLength(18)
  partyCreditCode?: string;

  @ApiPropertyOptional({ description: '身份证号 of a natural person or operator. Used to check minority; never published.' })
  @IsOptional() @upper() @IsString() @IsPlainText() @MaxLength(18)
  partyIdNumber?: string;

  @ApiPropertyOptional({ description: '法定代表人 (or 经营者)' })
  @IsOptional() @trim() @IsString() @IsPlainText() @MaxLength(100)
  legalRepresentative?: string;

  @ApiPropertyOptional({ description: 'Names of other natural persons in the case: masked wherever they appear, never published', type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsPlainText({ each: true }) @MaxLength(50, { each: true })
  otherPersons?: string[];

  @ApiPropertyOptional({ description: 'The party is a minor: never published' })
  @IsOptional() @IsBoolean()
  partyIsMinor?: boolean;

  @ApiPropertyOptional({ description: '涉及国家秘密: never published' })
  @IsOptional() @IsBoolean()
  involvesStateSecret?: boolean;

  @ApiPropertyOptional({ description: '涉及商业秘密: never published' })
  @IsOptional() @IsBoolean()
  involvesCommercialSecret?: boolean;

  @ApiPropertyOptional({ description: '涉及个人隐私: never published' })
  @IsOptional() @IsBoolean()
  involvesPersonalPrivacy?: boolean;

  @ApiPropertyOptional({ description: '公开后可能危及国家安全、公共安全、经济安全、社会稳定: never published' })
  @IsOptional() @IsBoolean()
  endangersSecurity?: boolean;

  @ApiProperty({ description: '决定文书号 (行政处罚决定书文号 / 行政许可决定文书号); unique per department and kind', example: '区水罚〔2026〕3号' })
  @trim() @IsString() @IsPlainText() @MinLength(1) @MaxLength(100)
  documentNumber!: string;

  @ApiProperty({ description: '决定日期 (处罚决定日期 / 许可决定日期)', example: '2026-09-28' })
  @IsCalendarDate()
  decisionDate!: string;

  @ApiProperty({ description: '处罚机关 / 许可机关', example: '区水利水电局' })
  @trim() @IsString() @IsPlainText() @MinLength(1) @MaxLength(200)
  authority!: string;

  @ApiProperty({ description: '处罚机关 / 许可机关 统一社会信用代码' })
  @upper() @IsString() @IsPlainText() @MaxLength(18)
  authorityCreditCode!: string;

  @ApiPropertyOptional({ description: '数据来源单位' })
  @IsOptional() @trim() @IsString() @IsPlainText() @MaxLength(200)
  dataSource?: string;

  @ApiPropertyOptional({ description: '数据来源单位 统一社会信用代码' })
  @IsOptional() @upper() @IsString() @IsPlainText() @MaxLength(18)
  dataSourceCreditCode?: string;

  @ApiPropertyOptional({ description: '备注' })
  @IsOptional() @trim() @IsString() @IsMultilineText() @MaxLength(2000)
  remarks?: string;

  @ApiPropertyOptional({ description: '行政区划 (for the portal’s region filter)' })
  @IsOptional() @trim() @IsString() @IsPlainText() @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({
    description: "'draft' (default): keep as a draft to publish or schedule later; 'now': publish at once",
    enum: ['draft', 'now'],
  })
  @IsOptional() @IsIn(['draft', 'now'])
  publish?: 'draft' | 'now';

  @ApiPropertyOptional({
    description: '公示日期 of a historical record that was already published elsewhere (e.g. 2020 data): recorded as published on that date',
    example: '2020-06-03',
  })
  @IsOptional() @IsCalendarDate()
  publishedOn?: string;
}
