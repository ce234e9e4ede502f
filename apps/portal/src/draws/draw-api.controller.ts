import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#auth';
import { DrawQueryService, type DrawDetail, type DrawSummary } from './draw-query.service.js';

@ApiTags('draws (open data)')
@Public()
@Controller('api/v1/draws')
export class DrawApiController {
  constructor(private readonly draws: DrawQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Announced draws (tasks), newest first' })
  @ApiQuery({ name: 'year', required: false, type: Number })
  list(@Query('year', new ParseIntPipe({ optional: true })) year?: number): Promise<DrawSummary[]> {
    return this.draws.list(year);
  }

  @Get(':drawId')
  @ApiOperation({ summary: 'A draw: announcement (commitment, population hashes, rules) and, once revealed, seed and teams' })
  detail(@Param('drawId') drawId: string): Promise<DrawDetail> {
    return this.draws.detail(drawId);
  }

  @Get(':drawId/bundle')
  @ApiOperation({ summary: 'The revealed verification bundle, exactly as published (input of `npm run verify-draw` and the verifier page)' })
  async bundle(@Param('drawId') drawId: string, @Res() res: Response): Promise<void> {
    const text = await this.draws.bundle(drawId);
    res
      .status(200)
      .set({ 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `inline; filename="draw-${drawId.replace(/[^A-Za-z0-9_-]/g, '_')}.json"` })
      .send(text);
  }
}
