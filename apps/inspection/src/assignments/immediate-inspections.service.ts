import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type Principal } from '#auth';
import { DomainError, invalid } from '#domain';
import { chinaDate, isCalendarDate, plusDays } from '../common/china-time.js';
import { IdempotencyService, type IdempotentOutcome } from '../idempotency/idempotency.service.js';
import { Assignment } from './assignment.entity.js';
import { AssignmentsService, type AssignmentDetail } from './assignments.service.js';
import type { CreateImmediateInspectionDto } from './dto/create-immediate-inspection.dto.js';
import { TeamMember } from './team-member.entity.js';

/** How far back an officer may date a 即时检查 (recording one already done) and how far ahead. */
export const IMMEDIATE_DATE_BOUNDS = { pastDays: 3653, futureDays: 90, defaultDueDays: 7, maxDueDays: 366 } as const;

/** 即时检查: inspections an officer opens for a named target outside any draw. */
@Injectable()
export class ImmediateInspectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly assignments: AssignmentsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(user: Principal, dto: CreateImmediateInspectionDto, key: string | undefined): Promise<IdempotentOutcome<AssignmentDetail>> {
    const work = (m: EntityManager) => this.insert(m, user, dto);
    if (!key) return { status: 201, body: await this.dataSource.transaction(work), replayed: false };
    return this.idempotency.run({ owner: user.sub, key, operation: 'POST /immediate-inspections', body: dto }, 201, work);
  }

  private async insert(m: EntityManager, user: Principal, dto: CreateImmediateInspectionDto): Promise<AssignmentDetail> {
    const department = dto.department ?? user.department;
    if (!department) throw invalid('department is required (your token names none)');
    if (!hasRole(user, 'admin') && department !== user.department) {
      throw new DomainError('forbidden', `officers of ${user.department} cannot open inspections for department ${department}`);
    }
    const { inspectionDate, dueDate } = immediateDates(dto.inspectionDate, dto.dueDate, chinaDate(this.clock.now()));
    const ids = dto.team.map((t) => t.inspectorId);
    if (new Set(ids).size !== ids.length) throw invalid('team lists the same inspector twice; an inspection needs at least two different inspectors');
    const codes = dto.items.map((i) => i.code);
    if (new Set(codes).size !== codes.length) throw invalid('items lists the same item code twice');

    const assignment = m.create(Assignment, {
      id: randomUUID(),
      resultId: randomUUID(),
      kind: 'immediate',
      status: 'assigned',
      taskId: null,
      drawId: null,
      taskName: dto.title?.trim() || '即时检查',
      taskNumber: dto.taskNumber ?? null,
      department,
      departments: [department],
      items: dto.items.map((i) => ({ code: i.code, name: i.name, version: i.version })),
      targetId: dto.target.id ?? null,
      targetName: dto.target.name.trim(),
      targetCode: dto.target.code ?? null,
      targetKind: dto.target.kind,
      region: dto.target.region ?? null,
      stratum: null,
      dueDate,
      notBefore: inspectionDate,
      reason: dto.reason.trim(),
      trigger: dto.trigger ?? 'other',
      openedBy: user.sub,
    });
    await m.insert(Assignment, assignment);
    const team = dto.team.map((t, position) =>
      m.create(TeamMember, { assignmentId: assignment.id, inspectorId: t.inspectorId, position, name: t.name, department: t.department ?? department, certificateNo: t.certificateNo }),
    );
    await m.insert(TeamMember, team);
    const saved = await m.getRepository(Assignment).findOneByOrFail({ id: assignment.id });
    return this.assignments.describe(m, saved, team);
  }
}

/** The inspection date and due date of a 即时检查, defaulted and kept within sane bounds. */
export function immediateDates(inspectionDate: string | undefined, dueDate: string | undefined, today: string): { inspectionDate: string; dueDate: string } {
  const b = IMMEDIATE_DATE_BOUNDS;
  const date = inspectionDate ?? today;
  if (!isCalendarDate(date)) throw invalid(`inspectionDate ${date} is not a calendar date`);
  if (date < plusDays(today, -b.pastDays) || date > plusDays(today, b.futureDays)) {
    throw invalid(`inspectionDate must lie between ${plusDays(today, -b.pastDays)} and ${plusDays(today, b.futureDays)}`);
  }
  const due = dueDate ?? plusDays(date > today ? date : today, b.defaultDueDays);
  if (!isCalendarDate(due)) throw invalid(`dueDate ${due} is not a calendar date`);
  if (due < today || due < date) throw invalid(`dueDate ${due} must be today (${today}) or later, and not before the inspection date ${date}`);
  if (due > plusDays(today, b.maxDueDays)) throw invalid(`dueDate must be within ${b.maxDueDays} days`);
  return { inspectionDate: date, dueDate: due };
}
