import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Evidence } from './evidence.entity.js';

export class EvidenceView {
  @ApiProperty() id!: string;
  @ApiProperty() assignmentId!: string;
  @ApiProperty({ description: 'Hex SHA-256 of the bytes: how a result refers to this file' }) sha256!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiPropertyOptional({ nullable: true }) fileName!: string | null;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;
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
  };
}
