import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#auth';
import { ProgressService, TaskProgressView } from './progress.service.js';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('tasks')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get(':taskId/progress')
  @Roles('officer', 'admin', 'auditor')
  @ApiOperation({ summary: "A task's inspections: counts by status, the overdue ones, and whether the whole draw has arrived" })
  @ApiOkResponse({ type: TaskProgressView })
  forTask(@CurrentUser() user: Principal, @Param('taskId') taskId: string): Promise<TaskProgressView> {
    return this.progress.forTask(user, taskId);
  }
}
