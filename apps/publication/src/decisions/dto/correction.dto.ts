import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsMultilineText } from '#contracts';
import { LicenceDecisionDto } from './licence-decision.dto.js';
import { PenaltyDecisionDto } from './penalty-decision.dto.js';

/** The whole corrected licence decision, and why it changed (kept with the old version). */
export class CorrectLicenceDto extends LicenceDecisionDto {
  @ApiProperty({ description: 'Why the decision changed (更正原因); shown with the corrected notice, redacted' })
  @IsString() @IsMultilineText() @MinLength(2) @MaxLength(1000)
  correctionReason!: string;
}

/** The whole corrected penalty decision, and why it changed. */
export class CorrectPenaltyDto extends PenaltyDecisionDto {
  @ApiProperty({ description: 'Why the decision changed (更正原因); shown with the corrected notice, redacted' })
  @IsString() @IsMultilineText() @MinLength(2) @MaxLength(1000)
  correctionReason!: string;
}
