import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsCalendarDate, IsMultilineText, IsPlainText } from '#contracts';
import { PENALTY_PROCEDURES, PENALTY_TYPES, type PenaltyProcedure, type PenaltyType } from '#domain';
import { DecisionBaseDto } from './decision-base.dto.js';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
/** Amounts arrive as JSON numbers or strings; both are checked as decimal text (no float rounding). */
const amountText = () => Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : value));
const AMOUNT = /^\d{1,8}(\.\d{1,6})?$/;
const AMOUNT_MESSAGE = '$property must be an amount in 万元 ≥ 0 with at most 6 decimals (e.g. 1.5 for 15,000 yuan); leave it out when there is none';
/** An optional amount is left out when there is none: null is refused (400) like any other non-amount. */
const optionalAmount = () => ValidateIf((_dto: object, value: unknown) => value !== undefined);

/** A 行政处罚 decision. */
export class PenaltyDecisionDto extends DecisionBaseDto {
  @ApiProperty({ description: '违法行为类型', example: '未经批准擅自取水' })
  @trim() @IsString() @IsPlainText() @MinLength(1) @MaxLength(200)
  violationType!: string;

  @ApiProperty({ description: '违法事实 (free text: personal data in it is masked on publication)' })
  @trim() @IsString() @IsMultilineText() @MinLength(1) @MaxLength(8000)
  violationFacts!: string;

  @ApiProperty({ description: '处罚依据', example: '《中华人民共和国水法》第六十九条' })
  @trim() @IsString() @IsMultilineText() @MinLength(1) @MaxLength(2000)
  legalBasis!: string;

  @ApiProperty({ description: '处罚类别 (行政处罚法 Art. 9)', enum: PENALTY_TYPES, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(14) @IsIn(PENALTY_TYPES as unknown as string[], { each: true })
  penaltyTypes!: PenaltyType[];

  @ApiProperty({ description: '处罚内容' })
  @trim() @IsString() @IsMultilineText() @MinLength(1) @MaxLength(4000)
  penaltyContent!: string;

  @ApiPropertyOptional({ description: '罚款金额（万元）, ≥ 0, up to 6 decimals; required with 罚款', example: '1.5' })
  @optionalAmount() @amountText() @Matches(AMOUNT, { message: AMOUNT_MESSAGE })
  fineAmount?: string;

  @ApiPropertyOptional({ description: '没收违法所得、没收非法财物的金额（万元）', example: '0.2' })
  @optionalAmount() @amountText() @Matches(AMOUNT, { message: AMOUNT_MESSAGE })
  confiscatedAmount?: string;

  @ApiPropertyOptional({ description: '暂扣或吊销证照名称及编号' })
  @IsOptional() @trim() @IsString() @IsPlainText() @MaxLength(500)
  suspendedOrRevokedLicence?: string;

  @ApiPropertyOptional({ description: '处罚有效期' })
  @IsOptional() @IsCalendarDate()
  penaltyValidUntil?: string;

  @ApiPropertyOptional({ description: '公示截止期 set by the bureau; computed from the display-period table when absent' })
  @IsOptional() @IsCalendarDate()
  displayUntil?: string;

  @ApiProperty({ description: '处罚程序: 简易程序 decisions are recorded but not published', enum: PENALTY_PROCEDURES })
  @IsIn(PENALTY_PROCEDURES as unknown as string[])
  procedure!: PenaltyProcedure;

  @ApiPropertyOptional({ description: 'Length of a ban (限制从业, 限制开展生产经营活动, 吊销许可证件) in months' })
  @IsOptional() @IsInt() @Min(1) @Max(1200)
  restrictionMonths?: number;

  @ApiPropertyOptional({ description: 'The ban is for life (shown until removed)' })
  @IsOptional() @IsBoolean()
  lifetimeRestriction?: boolean;

  @ApiPropertyOptional({ description: '严重失信: 12 months before early removal (信用修复) instead of 3' })
  @IsOptional() @IsBoolean()
  serious?: boolean;

  @ApiPropertyOptional({ description: '重大执法决定 marked by the officer: needs legal review (法制审核) before publication, like any decision the rules make major' })
  @IsOptional() @IsBoolean()
  major?: boolean;
}
