import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#auth';
import { readDepartment } from '../common/request-scope.js';
import { DashboardService } from './dashboard.service.js';
import { DeadlinesQuery, OnTimeRateQuery } from './dashboard.dto.js';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('deadlines')
  @Roles('officer', 'admin', 'auditor')
  @ApiOperation({ summary: 'Unpublished notices due soon, and those past their legal deadline (working days)' })
  deadlines(@Query() q: DeadlinesQuery, @CurrentUser() user: Principal) {
    return this.dashboard.deadlines(readDepartment(user, q.department), q.withinWorkingDays);
  }

  @Get('on-time-rate')
  @Roles('officer', 'admin', 'auditor')
  @ApiOperation({ summary: 'On-time publication rate per department and kind for one year of decisions' })
  onTimeRate(@Query() q: OnTimeRateQuery, @CurrentUser() user: Principal) {
    return this.dashboard.onTimeRate(q.year, readDepartment(user, q.department));
  }
}
