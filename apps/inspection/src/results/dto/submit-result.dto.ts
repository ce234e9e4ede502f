import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsMultilineText, IsPlainText, RECTIFICATION_OUTCOMES, RESULT_OUTCOMES, type RectificationOutcome, type ResultOutcome } from '#contracts';

export class CheckPointFindingDto {
  @ApiPropertyOptional({ description: "0-based position in the item's published 检查内容 list, when the client knows it" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999)
  index?: number;

  @ApiProperty({ example: '是否按许可规定的范围、时限、方式采砂', description: 'The check point as shown to the inspector' })
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(300)
  label!: string;

  @ApiProperty()
  @IsBoolean()
  compliant!: boolean;

  @ApiPropertyOptional({ example: '《中华人民共和国水法》第三十九条', description: 'Required when not compliant' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(500)
  legalProvision?: string;

  @ApiPropertyOptional({ description: 'What was found; required when not compliant' })
  @IsOptional()
  @IsString()
  @IsMultilineText()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Date by which the target must rectify (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  rectificationDeadline?: string;
}

export class ItemFindingDto {
  @ApiProperty({ description: 'Code of one of the inspection items' })
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(50)
  itemCode!: string;

  @ApiProperty({ type: [CheckPointFindingDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CheckPointFindingDto)
  checkPoints!: CheckPointFindingDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsMultilineText()
  @MaxLength(2000)
  note?: string;
}

export class LocationDto {
  @ApiProperty({ example: 30.2741 })
  @IsLatitude()
  latitude!: number;

  @ApiProperty({ example: 120.1551 })
  @IsLongitude()
  longitude!: number;

  @ApiPropertyOptional({ example: 15 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100_000)
  accuracyMeters?: number;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const WITH_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export class WitnessDto {
  @ApiProperty({ example: '李某' })
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: '村委会工作人员' })
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(100)
  role!: string;
}

/**
 * One signature on the record: an inspector's, the party's, or the party's refusal to sign (with
 * the reason and a witness). Which fields go with which is checked by results/domain/signatures.ts,
 * so that every problem is listed at once.
 */
export class SignatureDto {
  @ApiProperty({ enum: ['inspector', 'party'] })
  @IsIn(['inspector', 'party'])
  signer!: 'inspector' | 'party';

  @ApiPropertyOptional({ description: 'signer inspector: the inspector (token subject), a member of the team' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(100)
  inspectorId?: string;

  @ApiPropertyOptional({ example: '某某砂石有限公司 王某', description: "signer party (not refused): the signer's name or unit" })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the signature image, uploaded to this inspection with purpose signature (absent for a refusal)' })
  @IsOptional()
  @Matches(HEX_SHA256, { message: 'image must be a lower-case hex SHA-256' })
  image?: string;

  @ApiPropertyOptional({ description: 'signer party: true when the party refused to sign' })
  @IsOptional()
  @IsBoolean()
  refused?: boolean;

  @ApiPropertyOptional({ example: '当事人对检查结果有异议，拒绝签字' })
  @IsOptional()
  @IsString()
  @IsMultilineText()
  @MaxLength(500)
  refusalReason?: string;

  @ApiPropertyOptional({ type: WitnessDto, description: 'A refusal: who witnessed it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WitnessDto)
  witness?: WitnessDto;

  @ApiProperty({ example: '2026-11-20T10:45:00+08:00' })
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'signedAt must be a date-time with a UTC offset' })
  signedAt!: string;

  @ApiProperty({ description: 'The recordHash this signature signs (must equal the result’s)' })
  @Matches(HEX_SHA256, { message: 'recordHash must be a lower-case hex SHA-256' })
  recordHash!: string;
}

/** What the inspectors found: one submission, sent with an Idempotency-Key header. */
export class SubmitResultDto {
  @ApiProperty({ enum: RESULT_OUTCOMES })
  @IsIn(RESULT_OUTCOMES as unknown as string[], { message: `outcome must be one of ${RESULT_OUTCOMES.join('; ')}` })
  outcome!: ResultOutcome;

  @ApiProperty({ type: [ItemFindingDto], description: 'Findings per item, keyed by item code' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ItemFindingDto)
  findings!: ItemFindingDto[];

  @ApiProperty({ example: '2026-11-20T10:30:00+08:00', description: 'When the inspection took place, with its UTC offset' })
  @IsISO8601({ strict: true })
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, { message: 'inspectedAt must be a date-time with a UTC offset, e.g. 2026-11-20T10:30:00+08:00' })
  inspectedAt!: string;

  @ApiProperty({ example: '某某砂场作业区' })
  @IsString()
  @IsPlainText()
  @MinLength(1)
  @MaxLength(300)
  place!: string;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @ApiProperty({ enum: ['mobile', 'desktop'], description: 'mobile for 掌上执法 (the phone app), desktop otherwise' })
  @IsIn(['mobile', 'desktop'])
  channel!: 'mobile' | 'desktop';

  @ApiPropertyOptional({ type: [String], description: 'SHA-256 (hex) of evidence files already uploaded to this inspection' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[0-9a-f]{64}$/, { each: true, message: 'each evidence entry must be a lower-case hex SHA-256' })
  evidence?: string[];

  @ApiPropertyOptional({ description: 'Overrides the generated findings summary (published after redaction)' })
  @IsOptional()
  @IsString()
  @IsMultilineText()
  @MaxLength(2000)
  summary?: string;

  @ApiPropertyOptional({
    example: '2027-01-15',
    description: 'Outcome 发现问题待后续处理 only: the date by which the matter is followed up (YYYY-MM-DD); without it the latest rectificationDeadline of the check points is used, and one of them is required',
  })
  @IsOptional()
  @IsCalendarDate()
  followUpBy?: string;

  @ApiPropertyOptional({
    enum: RECTIFICATION_OUTCOMES,
    description: 'Follow-up inspections (整改复查) only, and required there: 整改到位 (with outcome 未发现问题) or 逾期未整改 (with outcome 发现问题待后续处理)',
  })
  @IsOptional()
  @IsIn(RECTIFICATION_OUTCOMES as unknown as string[], { message: `rectification must be one of ${RECTIFICATION_OUTCOMES.join(', ')}` })
  rectification?: RectificationOutcome;

  @ApiPropertyOptional({ description: 'Hex SHA-256 of recordForSigning (libs/domain) of this body with its assignmentId; required with signatures, and must be the server’s own hash of the record' })
  @IsOptional()
  @Matches(HEX_SHA256, { message: 'recordHash must be a lower-case hex SHA-256' })
  recordHash?: string;

  @ApiPropertyOptional({ type: [SignatureDto], description: "The inspectors' and the party's signatures (or the party's refusal), each bound to recordHash" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SignatureDto)
  signatures?: SignatureDto[];

  @ApiPropertyOptional({ description: 'Required (only) when correcting a confirmed result: why it is corrected' })
  @IsOptional()
  @IsString()
  @IsMultilineText()
  @MinLength(2)
  @MaxLength(1000)
  correctionReason?: string;
}

/** A co-inspector's own signature, sent with their confirmation of a signed revision. */
export class ConfirmationSignatureDto {
  @ApiProperty({ description: "SHA-256 of the confirmer's signature image, uploaded by them to this inspection with purpose signature and this revision's recordHash" })
  @Matches(HEX_SHA256, { message: 'image must be a lower-case hex SHA-256' })
  image!: string;

  @ApiProperty({ example: '2026-11-20T10:50:00+08:00' })
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'signedAt must be a date-time with a UTC offset' })
  signedAt!: string;
}

/** The body of POST /results/{id}/confirm: empty (a confirmation at a desk), or with the confirmer's signature. */
export class ConfirmResultDto {
  @ApiPropertyOptional({ type: ConfirmationSignatureDto, description: 'The confirming inspector signs the record of this revision (it must have a recordHash)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConfirmationSignatureDto)
  signature?: ConfirmationSignatureDto;
}

export class DisputeResultDto {
  @ApiProperty({ example: '第2项检查点记录与现场情况不符' })
  @IsString()
  @IsMultilineText()
  @MinLength(2)
  @MaxLength(1000)
  @Matches(/\S/)
  reason!: string;
}
