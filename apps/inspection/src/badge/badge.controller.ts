import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Roles, type Principal } from '#auth';
import { BadgeService } from './badge.service.js';
import { BadgeView } from './badge.view.js';

export class BadgeQuery {
  @ApiPropertyOptional({ description: 'One of the caller’s inspections: the code then names its task, items and target' })
  @IsOptional() @IsUUID()
  assignmentId?: string;
}

@ApiTags('badge (亮证亮码)')
@ApiBearerAuth()
@Controller('me')
export class BadgeController {
  constructor(private readonly badges: BadgeService) {}

  @Get('badge')
  @Roles('inspector')
  // A code is a short-lived credential: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '亮证: a short-lived signed QR code of the caller’s enforcement certificate, optionally for one of their inspections',
    description: 'The phone shows `qrSvg`; the party scans it and the portal’s /badge page verifies it. 404 when the caller is not in the directory, 403 when the certificate is not active or the inspection is not theirs, 409 for a cancelled inspection.',
  })
  @ApiOkResponse({ type: BadgeView })
  badge(@CurrentUser() user: Principal, @Query() q: BadgeQuery): Promise<BadgeView> {
    return this.badges.issue(user, q.assignmentId);
  }
}
