import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BadgeOfficerView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: '执法证号' }) certificateNo!: string;
  @ApiProperty() name!: string;
}

export class BadgeAssignmentView {
  @ApiProperty() id!: string;
  @ApiProperty() task!: string;
  @ApiProperty({ type: [String] }) items!: string[];
  @ApiProperty({ description: 'Organisation, project or site name; an individual business or natural person only by kind' }) target!: string;
  @ApiProperty({ example: '2026-11-18' }) from!: string;
  @ApiProperty({ example: '2026-12-18' }) to!: string;
}

/** A 亮证 code for the signed-in inspector: show `qrSvg` on the phone; whoever scans it opens `url` on the portal. */
export class BadgeView {
  @ApiProperty({ description: 'Compact JWS (EdDSA/Ed25519)' }) token!: string;
  @ApiProperty({ description: 'The portal’s verification page for this token', example: 'https://gongshi.example.gov.cn/badge?t=eyJ…' }) url!: string;
  @ApiProperty({ description: 'ISO instant; ask for a new code after it' }) expiresAt!: string;
  @ApiProperty({ description: 'The QR code of `url`, as SVG markup' }) qrSvg!: string;
  @ApiProperty({ type: BadgeOfficerView }) officer!: BadgeOfficerView;
  @ApiPropertyOptional({ type: BadgeAssignmentView }) assignment?: BadgeAssignmentView;
}
