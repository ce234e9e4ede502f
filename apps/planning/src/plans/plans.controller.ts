import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '#auth';
import { CanRead, CanWrite } from '../common/roles.js';
import { ConsentDto, CreatePlanDto, CreateTaskDto, ListPlansQuery, ListTasksQuery } from './dto/plan.dto.js';
import { PlansService } from './plans.service.js';

@ApiTags('plans and tasks')
@ApiBearerAuth()
@Controller()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post('plans')
  @CanWrite()
  @ApiOperation({ summary: 'Create a department’s annual plan' })
  createPlan(@CurrentUser() user: Principal, @Body() dto: CreatePlanDto) {
    return this.plans.createPlan(user, dto);
  }

  @Get('plans')
  @CanRead()
  listPlans(@CurrentUser() user: Principal, @Query() q: ListPlansQuery) {
    return this.plans.listPlans(user, q);
  }

  @Get('plans/:id')
  @CanRead()
  getPlan(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.getPlan(user, id);
  }

  @Post('plans/:id/tasks')
  @CanWrite()
  @ApiOperation({ summary: 'Add a task (batch): items (versions frozen), target filter, sampling per credit class, inspectors per target ≥ 2' })
  createTask(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateTaskDto) {
    return this.plans.createTask(user, id, dto);
  }

  @Get('tasks')
  @CanRead()
  listTasks(@CurrentUser() user: Principal, @Query() q: ListTasksQuery) {
    return this.plans.listTasks(user, q);
  }

  @Get('tasks/:id')
  @CanRead()
  getTask(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.getTask(user, id);
  }

  @Post('tasks/:id/consent')
  @HttpCode(HttpStatus.OK)
  @CanWrite()
  @ApiOperation({ summary: 'Accept a joint task for your department (it cannot be announced until every other participating department has)' })
  consent(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ConsentDto) {
    return this.plans.consent(user, id, dto.department);
  }
}
