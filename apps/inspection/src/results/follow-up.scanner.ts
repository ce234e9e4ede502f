import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PeriodicJob, runAsJob } from '#persistence';
import { CLOCK, type Clock } from '#platform';
import { Assignment } from '../assignments/assignment.entity.js';
import { TeamMember } from '../assignments/team-member.entity.js';
import { chinaDate } from '../common/china-time.js';
import { INSPECTION_SETTINGS, type InspectionSettings } from '../inspection.options.js';
import { earliestFollowedUpDeadline, followUpDates, followUpDue, itemsWithProblems, ORDER_OUTCOMES } from './domain/rectification.js';
import { InspectionResult } from './inspection-result.entity.js';

const BATCH = 200;

/**
 * Opens the follow-up inspection (整改复查) of every confirmed result whose rectification order's
 * deadline (a date in China, from the injected clock) has passed: same team, same target, the items
 * with problems, in the team's worklist. Exactly once on any number of replicas: candidate
 * inspections are claimed with FOR UPDATE SKIP LOCKED, and the unique index on the origin
 * (ux_assignment_follow_up_origin) with INSERT … ON CONFLICT DO NOTHING makes a second insert a no-op
 * even if two scans saw the same inspection. Runs every `overdueScanMs` (0: only when called).
 */
@Injectable()
export class FollowUpScanner extends PeriodicJob {
  protected readonly logger = new Logger(FollowUpScanner.name);
  protected readonly batchSize = BATCH;
  protected readonly jobName = 'follow-up scan';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(INSPECTION_SETTINGS) private readonly settings: InspectionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.overdueScanMs;
  }

  protected pass(): Promise<number> {
    return this.scanOnce();
  }

  /** One pass: opens up to a batch of follow-ups; returns how many this call opened. */
  async scanOnce(now: Date = this.clock.now()): Promise<number> {
    const today = chinaDate(now);
    const assignments = this.dataSource.getMetadata(Assignment).tablePath;
    const results = this.dataSource.getMetadata(InspectionResult).tablePath;
    // Audited as a system job (libs/persistence audit scope), like the overdue scan.
    return runAsJob('inspection.follow-up-scanner', randomUUID(), () => this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT a.id FROM ${assignments} a
           JOIN ${results} r ON r.id = a.current_result_id
          WHERE a.kind <> 'follow-up' AND a.status = 'confirmed'
            AND r.status = 'confirmed' AND r.outcome = ANY($2) AND r.rectification_deadline < $1 AND r.rectification_deadline >= $3
            AND NOT EXISTS (SELECT 1 FROM ${assignments} f WHERE f.follow_up_of_assignment_id = a.id)
          ORDER BY r.rectification_deadline, a.id
          LIMIT ${BATCH}
          FOR UPDATE OF a SKIP LOCKED`,
        [today, ORDER_OUTCOMES, earliestFollowedUpDeadline(today)],
      )) as { id: string }[];
      let opened = 0;
      for (const { id } of rows) {
        // A savepoint each: one inspection that cannot be opened must not hold back the others for ever.
        try {
          if (await m.transaction((sp) => this.open(sp, id, today))) opened++;
        } catch (error) {
          this.logger.warn(`follow-up of inspection ${id} not opened, will retry: ${(error as Error).message}`);
        }
      }
      return opened;
    }));
  }

  /** Opens the follow-up of inspection `id` (locked by the caller); false when there is nothing to open. */
  private async open(m: EntityManager, id: string, today: string): Promise<boolean> {
    const origin = await m.findOneByOrFail(Assignment, { id });
    const result = origin.currentResultId ? await m.findOneBy(InspectionResult, { id: origin.currentResultId }) : null;
    if (!result || !followUpDue({ kind: origin.kind, outcome: result.outcome, rectificationDeadline: result.rectificationDeadline, today })) return false;
    const deadline = result.rectificationDeadline!;
    const { notBefore, dueDate } = followUpDates(deadline, today);
    const followUp = m.create(Assignment, {
      id: randomUUID(),
      resultId: randomUUID(),
      kind: 'follow-up',
      status: 'assigned',
      // Not part of the task's draw: a follow-up must not count in the task's progress or as a spot check.
      taskId: null,
      drawId: null,
      taskName: `整改复查：${origin.taskName}`,
      taskNumber: origin.taskNumber,
      department: origin.department,
      departments: origin.departments,
      items: itemsWithProblems(origin.items, result.findings),
      targetId: origin.targetId,
      targetName: origin.targetName,
      targetCode: origin.targetCode,
      targetKind: origin.targetKind,
      region: origin.region,
      targetAddress: origin.targetAddress,
      targetLatitude: origin.targetLatitude,
      targetLongitude: origin.targetLongitude,
      stratum: origin.stratum,
      dueDate,
      notBefore,
      reason: `${result.inspectionDate}检查结果“${result.outcome}”，整改期限${deadline}已届满，复查整改情况`,
      trigger: null,
      openedBy: null,
      followUpOfAssignmentId: origin.id,
      followUpOfResultId: result.id,
      rectificationDeadline: deadline,
    });
    const inserted = await m.createQueryBuilder().insert().into(Assignment).values(followUp).orIgnore().returning(['id']).execute();
    if (!(inserted.raw as unknown[]).length) return false; // another replica opened it
    const team = await m.find(TeamMember, { where: { assignmentId: origin.id }, order: { position: 'ASC' } });
    await m.insert(
      TeamMember,
      team.map((t) => m.create(TeamMember, { assignmentId: followUp.id, inspectorId: t.inspectorId, position: t.position, name: t.name, department: t.department, certificateNo: t.certificateNo })),
    );
    this.logger.log(`follow-up ${followUp.id} opened for inspection ${origin.id} (整改期限 ${deadline})`);
    return true;
  }
}
