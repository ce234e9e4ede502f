import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVIDENCE_PURPOSES, type Evidence } from './evidence.entity.js';

export class CaptureLocationView {
  @ApiProperty() latitude!: number;
  @ApiProperty() longitude!: number;
  @ApiPropertyOptional({ nullable: true }) accuracyMeters!: number | null;
}

export class EvidenceView {
  @ApiProperty() id!: string;
  @ApiProperty() assignmentId!: string;
  @ApiProperty({ description: 'Hex SHA-256 of the bytes: how a result refers to this file' }) sha256!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiPropertyOptional({ nullable: true }) fileName!: string | null;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;
  @ApiProperty({ enum: EVIDENCE_PURPOSES, description: 'photo: evidence a result cites; signature: a signature image' }) purpose!: string;
  @ApiPropertyOptional({ nullable: true, description: 'When the phone took it (declared by the phone)' }) capturedAt!: string | null;
  @ApiPropertyOptional({ type: CaptureLocationView, nullable: true, description: 'Where the phone took it (declared by the phone)' }) location!: CaptureLocationView | null;
}

export function toEvidenceView(e: Evidence): EvidenceView {
  return {
    id: e.id,
    assignmentId: e.assignmentId,
    sha256: e.sha256,
    contentType: e.contentType,
    size: e.size,
    fileName: e.fileName,
    uploadedBy: e.uploadedBy,
    uploadedAt: e.uploadedAt.toISOString(),
    purpose: e.purpose,
    capturedAt: e.capturedAt?.toISOString() ?? null,
    location: e.latitude !== null && e.longitude !== null ? { latitude: e.latitude, longitude: e.longitude, accuracyMeters: e.accuracyMeters } : null,
  };
}
