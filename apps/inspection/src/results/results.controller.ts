import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Principal } from '#auth';
import { ApiIdempotencyKey, IdempotencyKey, REPLAYED_HEADER } from '../common/idempotency-key.decorator.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { ConfirmResultDto, DisputeResultDto, SubmitResultDto } from './dto/submit-result.dto.js';
import { ResultView } from './result.view.js';
import { ResultsService } from './results.service.js';

@ApiTags('results')
@ApiBearerAuth()
@Controller()
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Post('assignments/:id/results')
  @Roles('inspector')
  @ApiIdempotencyKey(true)
  @ApiOperation({
    summary: 'Submit what the team found (or, with correctionReason, a correction of the confirmed result)',
    description: 'Exactly once per Idempotency-Key. The co-inspectors then confirm or dispute it.',
  })
  @ApiCreatedResponse({ type: ResultView })
  @ApiConflictResponse({ description: 'Key reused with another body; a revision awaits confirmation; the result is confirmed and no correctionReason was given; the inspection was cancelled' })
  async submit(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @IdempotencyKey() rawKey: string | undefined,
    @Body() body: SubmitResultDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ResultView> {
    const key = IdempotencyService.assertKey(rawKey, true)!;
    const outcome = await this.results.submit(user, id, key, body);
    res.status(outcome.status);
    if (outcome.replayed) res.setHeader(REPLAYED_HEADER, 'true');
    return outcome.body;
  }

  @Get('results/:resultId')
  @ApiOperation({ summary: 'One result revision' })
  @ApiOkResponse({ type: ResultView })
  get(@CurrentUser() user: Principal, @Param('resultId', ParseUUIDPipe) resultId: string): Promise<ResultView> {
    return this.results.get(user, resultId);
  }

  @Post('results/:resultId/confirm')
  @HttpCode(200)
  @Roles('inspector')
  @ApiOperation({
    summary: 'A co-inspector confirms the revision they have read, optionally signing its record; the last confirmation records it (repeatable)',
    description: "Without a body: a confirmation (at a desk). With { signature: { image, signedAt } }: the confirmer's own signature of the revision's record, stored with its signatures; 400 when the revision has no recordHash or the image was not uploaded by the confirmer for that record; 409 for a second, different signature.",
  })
  @ApiOkResponse({ type: ResultView })
  confirm(@CurrentUser() user: Principal, @Param('resultId', ParseUUIDPipe) resultId: string, @Body() body: ConfirmResultDto): Promise<ResultView> {
    return this.results.confirm(user, resultId, body?.signature);
  }

  @Post('results/:resultId/dispute')
  @HttpCode(200)
  @Roles('inspector')
  @ApiOperation({ summary: 'A co-inspector disputes a pending revision (or its submitter withdraws it), with a reason' })
  @ApiOkResponse({ type: ResultView })
  dispute(@CurrentUser() user: Principal, @Param('resultId', ParseUUIDPipe) resultId: string, @Body() body: DisputeResultDto): Promise<ResultView> {
    return this.results.dispute(user, resultId, body.reason);
  }
}
