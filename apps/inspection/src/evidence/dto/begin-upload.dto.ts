import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsPlainText } from '#contracts';
import { LocationDto } from '../../results/dto/submit-result.dto.js';
import { EVIDENCE_PURPOSES, type EvidencePurpose } from '../evidence.entity.js';

/** Starts (or asks where to resume) a resumable upload of one evidence file. */
export class BeginUploadDto {
  @ApiProperty({ description: 'Hex SHA-256 (lower case) of the whole file, computed on the phone; the server checks it when the last byte arrives' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  sha256!: string;

  @ApiProperty({ description: 'Length of the file in bytes (1 to EVIDENCE_MAX_BYTES; larger: 413)' })
  @IsInt()
  @Min(1)
  size!: number;

  @ApiProperty({ enum: EVIDENCE_PURPOSES, description: 'photo: evidence the result cites; signature: a signature image (PNG)' })
  @IsIn(EVIDENCE_PURPOSES as unknown as string[])
  purpose!: EvidencePurpose;

  @ApiPropertyOptional({
    description: "purpose signature: required, the hex SHA-256 of the record the signature signs (recordForSigning, libs/domain); the image can then sign only that record. Not for photos.",
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'recordHash must be 64 lower-case hex digits' })
  recordHash?: string;

  @ApiPropertyOptional({ example: 'IMG_0001.jpg' })
  @IsOptional()
  @IsString()
  @IsPlainText()
  @MaxLength(200)
  fileName?: string;

  @ApiPropertyOptional({ example: '2026-11-20T10:31:00+08:00', description: 'When the phone took it, with a UTC offset' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, { message: 'capturedAt must be a date-time with a UTC offset' })
  capturedAt?: string;

  @ApiPropertyOptional({ type: LocationDto, description: 'Where the phone took it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;
}
