import { Controller, Get, Logger, NotFoundException, Param, Query, Res, type OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#auth';
import { RateLimited } from '../rate-limit.js';
import { loadAssets } from './assets.js';

/** Serves the static assets (see assets.ts); not rate-limited: pages reference them. */
@ApiExcludeController()
@Public()
@RateLimited(null)
@Controller('assets')
export class AssetsController implements OnModuleInit {
  private readonly logger = new Logger('PortalAssets');

  onModuleInit(): void {
    const missing = ['verifier.js', 'statistics.js'].filter((n) => !loadAssets().has(n));
    if (missing.length) this.logger.warn(`portal assets not built (${missing.join(', ')}): run npm run build:portal-assets`);
  }

  @Get(':name')
  get(@Param('name') name: string, @Query('v') version: string | undefined, @Res() res: Response): void {
    const asset = loadAssets().get(name);
    if (!asset) throw new NotFoundException(`no asset ${name}`);
    res.set({
      'Content-Type': asset.type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': version === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: `"${asset.hash}"`,
    });
    res.send(asset.body);
  }
}
