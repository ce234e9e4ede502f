import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { AssignmentAccess } from './assignment-access.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsService } from './assignments.service.js';
import { DrawCompletedHandler } from './draw-completed.handler.js';
import { DrawSubstitutedHandler } from './draw-substituted.handler.js';
import { ImmediateInspectionsController } from './immediate-inspections.controller.js';
import { ImmediateInspectionsService } from './immediate-inspections.service.js';
import { OverdueScanner } from './overdue.scanner.js';
import { ProgressController } from './progress.controller.js';
import { ProgressService } from './progress.service.js';

/** Worklists: assignments from draws and 即时检查, their teams, progress and the overdue scan. */
@Module({
  imports: [IdempotencyModule],
  controllers: [AssignmentsController, ImmediateInspectionsController, ProgressController],
  providers: [AssignmentAccess, AssignmentsService, ImmediateInspectionsService, ProgressService, DrawCompletedHandler, DrawSubstitutedHandler, OverdueScanner],
  exports: [AssignmentAccess, AssignmentsService],
})
export class AssignmentsModule {}
