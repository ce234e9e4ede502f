import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#auth';
import { DemoService } from './demo.service.js';

@ApiTags('demo')
@ApiBearerAuth()
@Controller('demo')
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  @Post('load')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Load the demo water bureau (4 units, 25 inspectors, 13 items, 300 targets, 2026 plans); idempotent' })
  load() {
    return this.demo.load();
  }
}
