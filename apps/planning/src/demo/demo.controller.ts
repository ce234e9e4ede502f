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

  @Post('load-2020')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Load the demo bureau’s 2020 plans and draws (announced, executed and revealed on their 2020 dates; 13 targets, 2 inspectors each); idempotent' })
  load2020() {
    return this.demo.load2020();
  }
}
