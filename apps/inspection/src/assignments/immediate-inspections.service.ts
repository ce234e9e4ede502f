import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { hasRole, type Principal } from '#auth';
import { DomainError, invalid } from '#domain';
import { chinaDate, isCalendarDate, plusDays } from '../common/china-time.js';
import { IdempotencyService, type IdempotentOutcome } from '../idempotency/idempotency.service.js';
import { DirectoryInspector } from '../directory/directory-inspector.entity.js';
import { ListedItem } from '../directory/listed-item.entity.js';
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
    const members = await teamFromDirectory(m, dto.team);
    const items = await itemsFromList(m, codes);

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
      items,
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
    const team = members.map((t, position) =>
      m.create(TeamMember, { assignmentId: assignment.id, inspectorId: t.id, position, name: t.name, department: t.department, certificateNo: t.certificateNo }),
    );
    await m.insert(TeamMember, team);
    const saved = await m.getRepository(Assignment).findOneByOrFail({ id: assignment.id });
    return this.assignments.describe(m, saved, team);
  }
}

/**
 * The team as the inspector directory knows it: every member an active entry whose 执法证号 is the
 * one given (a made-up member or certificate is refused, 422, and nothing is written).
 */
async function teamFromDirectory(m: EntityManager, team: { inspectorId: string; certificateNo: string }[]): Promise<DirectoryInspector[]> {
  const found = await m.findBy(DirectoryInspector, { id: In(team.map((t) => t.inspectorId)) });
  const problems: string[] = [];
  const members = team.map((t) => {
    const entry = found.find((f) => f.id === t.inspectorId);
    if (!entry) problems.push(`inspector ${t.inspectorId} is not in the inspector directory`);
    else if (entry.status !== 'active') problems.push(`inspector ${entry.name} (${entry.certificateNo}) is ${entry.status} in the inspector directory`);
    else if (entry.certificateNo !== t.certificateNo) problems.push(`执法证号 ${t.certificateNo} is not the one the directory holds for inspector ${t.inspectorId}`);
    return entry!;
  });
  if (problems.length) throw new DomainError('unprocessable', problems.join('; '), problems);
  return members;
}

/** The items as the published item list has them now: an item that is not on it is refused (422). */
async function itemsFromList(m: EntityManager, codes: string[]): Promise<{ code: string; name: string; version: number }[]> {
  const listed = await m.find(ListedItem, { where: { code: In(codes) }, order: { publishedAt: 'DESC' } });
  const missing = codes.filter((c) => !listed.some((l) => l.code === c));
  if (missing.length) throw new DomainError('unprocessable', `item(s) ${missing.join(', ')} are not on the published 随机抽查事项清单`, missing.map((code) => `item ${code} is not on the published list`));
  return codes.map((code) => {
    const item = listed.find((l) => l.code === code)!;
    return { code, name: item.name, version: item.version };
  });
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
