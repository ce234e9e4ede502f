import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCanRead, assertCanWrite, CurrentUser, Roles, type Principal } from '#auth';
import { readDepartment, writeDepartment } from '../common/request-scope.js';
import { DecisionsService, type DecisionView } from './decisions.service.js';
import { CorrectLicenceDto, CorrectPenaltyDto } from './dto/correction.dto.js';
import { LicenceDecisionDto } from './dto/licence-decision.dto.js';
import { ListDecisionsQuery } from './dto/list-decisions.query.js';
import { PenaltyDecisionDto } from './dto/penalty-decision.dto.js';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post('licences')
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Record a licence decision (行政许可); publishable ones get a notice (draft, or published with publish=now)' })
  createLicence(@Body() dto: LicenceDecisionDto, @CurrentUser() user: Principal): Promise<DecisionView> {
    return this.decisions.create('licence', dto, writeDepartment(user, dto.department), user.sub);
  }

  @Post('penalties')
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Record a penalty decision (行政处罚); 简易程序, warning-only, minors and protected cases are recorded but never published' })
  createPenalty(@Body() dto: PenaltyDecisionDto, @CurrentUser() user: Principal): Promise<DecisionView> {
    return this.decisions.create('penalty', dto, writeDepartment(user, dto.department), user.sub);
  }

  @Put('licences/:id')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Correct a licence decision (更正): the whole decision plus correctionReason; a published notice gets a new version' })
  correctLicence(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CorrectLicenceDto, @CurrentUser() user: Principal): Promise<DecisionView> {
    return this.decisions.correct(id, 'licence', dto, (d) => assertCanWrite(user, d), user.sub);
  }

  @Put('penalties/:id')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Correct a penalty decision (更正): the whole decision plus correctionReason; a published notice gets a new version' })
  correctPenalty(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CorrectPenaltyDto, @CurrentUser() user: Principal): Promise<DecisionView> {
    return this.decisions.correct(id, 'penalty', dto, (d) => assertCanWrite(user, d), user.sub);
  }

  @Get()
  @Roles('officer', 'admin', 'auditor')
  @ApiOperation({ summary: 'Decisions of a department, newest first, with their notice state' })
  list(@Query() q: ListDecisionsQuery, @CurrentUser() user: Principal) {
    return this.decisions.list({ ...q, department: readDepartment(user, q.department) });
  }

  @Get(':id')
  @Roles('officer', 'admin', 'auditor', 'legal_reviewer')
  @ApiOperation({ summary: 'One decision with its original (unredacted) facts: for the department and auditors only' })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal): Promise<DecisionView> {
    const decision = await this.decisions.get(id);
    assertCanRead(user, decision.department);
    return this.decisions.view(id, true);
  }
}
