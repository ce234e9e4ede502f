import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Principal } from '#auth';
import { ApiIdempotencyKey, IdempotencyKey, REPLAYED_HEADER } from '../common/idempotency-key.decorator.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { AssignmentDetail } from './assignments.service.js';
import { CreateImmediateInspectionDto } from './dto/create-immediate-inspection.dto.js';
import { ImmediateInspectionsService } from './immediate-inspections.service.js';

@ApiTags('immediate inspections (即时检查)')
@ApiBearerAuth()
@Controller('immediate-inspections')
export class ImmediateInspectionsController {
  constructor(private readonly immediate: ImmediateInspectionsService) {}

  @Post()
  @Roles('officer', 'admin')
  @ApiIdempotencyKey(false)
  @ApiOperation({ summary: 'Open a 即时检查 of a named target (complaint, tip-off, patrol finding) with a team of two or more inspectors' })
  @ApiCreatedResponse({ description: 'The new inspection, as GET /assignments/{id} shows it' })
  async open(
    @CurrentUser() user: Principal,
    @IdempotencyKey() rawKey: string | undefined,
    @Body() body: CreateImmediateInspectionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssignmentDetail> {
    const key = IdempotencyService.assertKey(rawKey, false);
    const outcome = await this.immediate.open(user, body, key);
    res.status(outcome.status);
    if (outcome.replayed) res.setHeader(REPLAYED_HEADER, 'true');
    return outcome.body;
  }
}
