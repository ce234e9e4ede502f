import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCanRead, assertCanWrite, CurrentUser, Roles, type Principal } from '#auth';
import { readDepartment } from '../common/request-scope.js';
import { ListNoticesQuery, RemoveEarlyDto, ScheduleNoticeDto, WithdrawNoticeDto } from './dto/notice-actions.dto.js';
import { NoticesService, type NoticeView } from './notices.service.js';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @Roles('officer', 'admin', 'auditor')
  @ApiOperation({ summary: 'Notices (licence, penalty, spot-check) with state and deadlines' })
  list(@Query() q: ListNoticesQuery, @CurrentUser() user: Principal) {
    return this.notices.list({ ...q, department: readDepartment(user, q.department) });
  }

  @Get(':id')
  @Roles('officer', 'admin', 'auditor', 'legal_reviewer')
  @ApiOperation({ summary: 'One notice with every published version (old versions are kept after a correction)' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal): Promise<NoticeView> {
    return this.notices.get(id, (d) => assertCanRead(user, d));
  }

  @Get(':id/preview')
  @Roles('officer', 'admin', 'auditor', 'legal_reviewer')
  @ApiOperation({ summary: 'The redacted notice exactly as it goes (or went) out: for legal review before publishing' })
  preview(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return this.notices.preview(id, (d) => assertCanRead(user, d));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Publish a draft or scheduled notice now (publication.notice.published)' })
  publish(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal): Promise<NoticeView> {
    return this.notices.publish(id, (d) => assertCanWrite(user, d), user.sub);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Schedule a draft for publication at a given time; the scheduler publishes it' })
  schedule(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ScheduleNoticeDto, @CurrentUser() user: Principal): Promise<NoticeView> {
    return this.notices.schedule(id, dto.publishAt, (d) => assertCanWrite(user, d));
  }

  @Post(':id/unschedule')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Take a scheduled notice back to draft' })
  unschedule(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal): Promise<NoticeView> {
    return this.notices.unschedule(id, (d) => assertCanWrite(user, d));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Withdraw a published notice whose decision was revoked (publication.notice.withdrawn); due 3 working days after revocation' })
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() dto: WithdrawNoticeDto, @CurrentUser() user: Principal): Promise<NoticeView> {
    return this.notices.withdraw(id, dto.reason, dto.revokedOn, (d) => assertCanWrite(user, d), user.sub);
  }

  @Post(':id/remove-early')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Remove a penalty notice early after granted credit repair (信用修复), once the minimum period is over (publication.notice.expired)' })
  removeEarly(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RemoveEarlyDto, @CurrentUser() user: Principal): Promise<NoticeView> {
    return this.notices.removeEarly(id, dto.reason, (d) => assertCanWrite(user, d), user.sub);
  }
}
