import { Controller, Get, Inject, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { CurrentUser, type Principal } from '#auth';
import { IsPlainText } from '#contracts';
import { todayInShanghai, trailingMonthsWindow, type DateWindow } from '#domain';
import { CLOCK, type Clock } from '#platform';
import { readableDepartment } from '../common/department.js';
import { CanRead } from '../common/roles.js';
import { burdenBuckets, type BurdenBucket } from './inspection-counts.js';

export class BurdenSummaryQuery {
  @ApiPropertyOptional({ description: "Department (officers: their own, the default; auditors and admins: any, or all when absent)" })
  @IsOptional() @IsString() @IsPlainText() @MaxLength(100)
  department?: string;
}

export interface BurdenSummary {
  department: string | null;
  window: DateWindow;
  /** Active firms of the directory that are tallied, by inspections in the window (the last bucket: 3 or more). */
  buckets: BurdenBucket[];
  firms: number;
}

/** The dashboard's 无事不扰 figure: how the inspections of the last 12 months are spread over the directory's firms. */
@ApiTags('inspection burden (无事不扰)')
@ApiBearerAuth()
@Controller('burden')
export class BurdenController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('summary')
  @CanRead()
  @ApiOperation({ summary: "The directory's tallied firms by inspections in the last 12 months (0, 1, 2, 3+), by any department" })
  async summary(@CurrentUser() user: Principal, @Query() q: BurdenSummaryQuery): Promise<BurdenSummary> {
    const department = readableDepartment(user, q.department);
    const window = trailingMonthsWindow(todayInShanghai(this.clock.now()));
    const buckets = await burdenBuckets(this.ds.manager, department, window);
    return { department: department ?? null, window, buckets, firms: buckets.reduce((n, b) => n + b.firms, 0) };
  }
}
