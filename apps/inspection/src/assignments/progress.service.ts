import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole, type Principal } from '#auth';
import { DomainError, notFound } from '#domain';
import { Assignment } from './assignment.entity.js';
import { toSummaryView, AssignmentSummaryView } from './assignment.view.js';
import { AssignmentsService } from './assignments.service.js';
import { DrawBatch } from './draw-batch.entity.js';
import { checkPointsOf } from './item-check-points.lookup.js';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from './domain/assignment-status.js';

export class DrawArrivalView {
  @ApiProperty() drawId!: string;
  @ApiProperty() batchesReceived!: number;
  @ApiProperty() batchCount!: number;
  @ApiProperty() assignmentsReceived!: number;
  @ApiProperty() totalAssignments!: number;
  @ApiProperty({ description: 'Every batch of the draw has arrived' }) complete!: boolean;
}

export class TaskProgressView {
  @ApiProperty() taskId!: string;
  @ApiProperty() taskName!: string;
  @ApiPropertyOptional({ nullable: true }) taskNumber!: string | null;
  @ApiProperty() department!: string;
  @ApiProperty({ type: [DrawArrivalView] }) draws!: DrawArrivalView[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Count per status (every status present, 0 when none)', example: { assigned: 3, in_progress: 1, submitted: 0, confirmed: 5, overdue: 1, cancelled: 0 } })
  byStatus!: Record<AssignmentStatus, number>;
  @ApiProperty({ type: [AssignmentSummaryView], description: 'Overdue assignments, earliest due first' }) overdue!: AssignmentSummaryView[];
}

/** How a task's inspections stand, for the officers who chase them. */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsService,
  ) {}

  async forTask(user: Principal, taskId: string): Promise<TaskProgressView> {
    const repo = this.dataSource.getRepository(Assignment);
    const sample = await repo.findOne({ where: { taskId }, order: { createdAt: 'ASC' } });
    const batches = await this.dataSource.getRepository(DrawBatch).find({ where: { taskId } });
    if (!sample && !batches.length) throw notFound(`no inspections of task ${taskId} are known here`);
    if (sample && !hasRole(user, 'admin', 'auditor') && !(user.department && sample.departments.includes(user.department))) {
      throw new DomainError('forbidden', `task ${taskId} is not one of your department's`);
    }
    if (!sample && !hasRole(user, 'admin', 'auditor')) throw new DomainError('forbidden', `task ${taskId} is not one of your department's`);

    const counts = (await repo
      .createQueryBuilder('a')
      .select('a.status', 'status')
      .addSelect('count(*)::int', 'n')
      .where('a.taskId = :taskId', { taskId })
      .groupBy('a.status')
      .getRawMany()) as { status: AssignmentStatus; n: number }[];
    const byStatus = Object.fromEntries(ASSIGNMENT_STATUSES.map((s) => [s, 0])) as Record<AssignmentStatus, number>;
    for (const c of counts) byStatus[c.status] = c.n;

    const overdue = await repo.find({ where: { taskId, status: 'overdue' }, order: { dueDate: 'ASC', id: 'ASC' }, take: 1000 });
    const teams = await this.assignments.teamsOf(this.dataSource.manager, overdue.map((a) => a.id));
    const checkPoints = await checkPointsOf(this.dataSource.manager, overdue);

    const draws = new Map<string, DrawArrivalView>();
    for (const b of batches) {
      const d = draws.get(b.drawId) ?? { drawId: b.drawId, batchesReceived: 0, batchCount: b.batchCount, assignmentsReceived: 0, totalAssignments: b.totalAssignments, complete: false };
      d.batchesReceived++;
      d.assignmentsReceived += b.assignmentsInBatch;
      d.complete = d.batchesReceived >= d.batchCount;
      draws.set(b.drawId, d);
    }

    return {
      taskId,
      taskName: sample?.taskName ?? '',
      taskNumber: sample?.taskNumber ?? null,
      department: sample?.department ?? '',
      draws: [...draws.values()],
      total: counts.reduce((n, c) => n + c.n, 0),
      byStatus,
      overdue: overdue.map((a) => toSummaryView(a, teams.get(a.id) ?? [], checkPoints)),
    };
  }
}
