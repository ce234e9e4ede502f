import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCanRead, CurrentUser, Roles, type Principal } from '#auth';
import { readDepartment } from '../common/request-scope.js';
import type { ReviewView } from '../notices/notices.service.js';
import { ListReviewsQuery, RejectReviewDto } from './dto/review.dto.js';
import { ReviewsService } from './reviews.service.js';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('reviews')
  @Roles('legal_reviewer', 'admin')
  @ApiOperation({ summary: 'Major decisions (重大执法决定) by legal-review state (default pending): reviewers see their department, admins all' })
  list(@Query() q: ListReviewsQuery, @CurrentUser() user: Principal) {
    return this.reviews.list({ ...q, department: readDepartment(user, q.department) });
  }

  @Post('decisions/:id/review/approve')
  @HttpCode(200)
  @Roles('legal_reviewer')
  @ApiOperation({ summary: 'Approve a major decision in legal review (法制审核通过): it may then be published; not by the officer who recorded it' })
  approve(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal): Promise<ReviewView> {
    return this.reviews.approve(id, user.sub, (d) => assertCanRead(user, d));
  }

  @Post('decisions/:id/review/reject')
  @HttpCode(200)
  @Roles('legal_reviewer')
  @ApiOperation({ summary: 'Reject a major decision in legal review with a reason: it returns to the officer, who corrects it (it is then pending again)' })
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectReviewDto, @CurrentUser() user: Principal): Promise<ReviewView> {
    return this.reviews.reject(id, user.sub, dto.reason, (d) => assertCanRead(user, d));
  }
}
