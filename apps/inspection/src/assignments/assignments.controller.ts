import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#auth';
import { AssignmentPageView } from './assignment.view.js';
import { AssignmentsService, type AssignmentDetail } from './assignments.service.js';
import { CancelAssignmentDto } from './dto/create-immediate-inspection.dto.js';
import { ListAssignmentsQuery } from './dto/list-assignments.query.js';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get('mine')
  @Roles('inspector')
  @ApiOperation({ summary: "The caller's worklist: inspections whose team includes them (earliest due first)" })
  @ApiOkResponse({ type: AssignmentPageView })
  mine(@CurrentUser() user: Principal, @Query() query: ListAssignmentsQuery): Promise<AssignmentPageView> {
    return this.assignments.listMine(user, query);
  }

  @Get()
  @Roles('officer', 'admin', 'auditor')
  @ApiOperation({ summary: "Officers: their department's inspections; auditors and admins: all (or ?department=)" })
  @ApiOkResponse({ type: AssignmentPageView })
  list(@CurrentUser() user: Principal, @Query() query: ListAssignmentsQuery): Promise<AssignmentPageView> {
    return this.assignments.listForDepartment(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One inspection with its team, items, result revisions and evidence (team members, officers of its departments, auditors)' })
  detail(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AssignmentDetail> {
    return this.assignments.detail(user, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('inspector')
  @ApiOperation({ summary: 'An inspector of the team starts the inspection (repeatable)' })
  start(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AssignmentDetail> {
    return this.assignments.start(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'An officer of the lead department cancels an inspection without a confirmed result' })
  cancel(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelAssignmentDto): Promise<AssignmentDetail> {
    return this.assignments.cancel(user, id, body.reason);
  }
}
