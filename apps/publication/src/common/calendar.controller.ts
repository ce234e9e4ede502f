import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsCalendarDate } from '#contracts';
import { dueDate, type DeadlineKind, type WorkingDayResult } from '#domain';
import { Roles } from '#auth';
import { CalendarService } from './calendar.service.js';
import { PUBLICATION_RULES, type PublicationRules } from './publication-rules.js';

const KINDS: DeadlineKind[] = ['licence-decision', 'penalty-decision', 'other-enforcement-decision', 'spot-check-result', 'withdrawal', 'correction'];

export class DueDateQuery {
  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  kind!: DeadlineKind;

  @ApiProperty({ description: 'The day the deadline counts from (decision, result or revocation date)', example: '2026-09-28' })
  @IsCalendarDate()
  from!: string;
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    @Inject(PUBLICATION_RULES) private readonly rules: PublicationRules,
  ) {}

  @Get('due-date')
  @Roles('officer', 'admin', 'auditor')
  @ApiOperation({ summary: 'A legal deadline on the working-day calendar (调休 included); provisional when the year has no holiday data yet' })
  due(@Query() q: DueDateQuery): WorkingDayResult & { workingDays: number; knownYears: number[] } {
    const calendar = this.calendar.calendar();
    return { ...dueDate(q.kind, q.from, calendar, this.rules.deadlines), workingDays: this.rules.deadlines[q.kind], knownYears: calendar.knownYears() };
  }
}
