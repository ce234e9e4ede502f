import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { FollowUpScanner } from './follow-up.scanner.js';
import { ResultsController } from './results.controller.js';
import { ResultsService } from './results.service.js';

/** Field results: submission, confirmation by the co-inspectors, disputes and corrections; follow-ups (整改复查) of rectification orders. */
@Module({
  imports: [AssignmentsModule, IdempotencyModule],
  controllers: [ResultsController],
  providers: [ResultsService, FollowUpScanner],
})
export class ResultsModule {}
