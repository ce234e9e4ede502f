import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { hasRole, type Principal } from '#auth';
import { conflict, DomainError } from '#domain';
import { Evidence } from '../evidence/evidence.entity.js';
import { EvidenceUpload } from '../evidence/evidence-upload.entity.js';
import { PARTIAL_UPLOAD_STORE, type PartialUploadStore } from '../evidence/partial-upload-store.js';
import { toEvidenceView, type EvidenceView } from '../evidence/evidence.view.js';
import { InspectionResult } from '../results/inspection-result.entity.js';
import { ResultConfirmation } from '../results/result-confirmation.entity.js';
import { toResultView, type ResultView } from '../results/result.view.js';
import { AssignmentAccess } from './assignment-access.js';
import { checkPointsOf } from './item-check-points.lookup.js';
import { Assignment } from './assignment.entity.js';
import { toSummaryView, type AssignmentPageView, type AssignmentSummaryView } from './assignment.view.js';
import type { ListAssignmentsQuery } from './dto/list-assignments.query.js';
import { TeamMember } from './team-member.entity.js';

export interface AssignmentDetail extends AssignmentSummaryView {
  results: ResultView[];
  evidence: EvidenceView[];
  /** The follow-up inspection (整改复查) of this one's rectification order, once the scan has opened it. */
  followUp: { assignmentId: string; status: string; dueDate: string } | null;
}

/** Worklists, one inspection in detail, and the inspectors' and officers' state changes on it. */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AssignmentAccess,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PARTIAL_UPLOAD_STORE) private readonly partials: PartialUploadStore,
  ) {}

  private readonly logger = new Logger(AssignmentsService.name);

  /** The caller's own worklist: assignments whose team includes them. */
  listMine(user: Principal, q: ListAssignmentsQuery): Promise<AssignmentPageView> {
    return this.list(q, (qb) => qb.innerJoin(TeamMember, 'me', 'me.assignmentId = a.id AND me.inspectorId = :sub', { sub: user.sub }));
  }

  /** Officers: their department's assignments. Auditors and admins: all, or one department's. */
  listForDepartment(user: Principal, q: ListAssignmentsQuery): Promise<AssignmentPageView> {
    const wide = hasRole(user, 'admin', 'auditor');
    if (!wide && !user.department) throw new DomainError('forbidden', 'your token names no department');
    if (!wide && q.department && q.department !== user.department) throw new DomainError('forbidden', `no access to department ${q.department}`);
    const department = wide ? q.department : user.department;
    return this.list(q, (qb) => (department ? qb.andWhere('(a.department = :dept OR :dept = ANY(a.departments))', { dept: department }) : qb));
  }

  private async list(q: ListAssignmentsQuery, scope: (qb: SelectQueryBuilder<Assignment>) => SelectQueryBuilder<Assignment>): Promise<AssignmentPageView> {
    const qb = scope(this.baseQuery());
    if (q.status?.length) qb.andWhere('a.status IN (:...status)', { status: q.status });
    if (q.kind) qb.andWhere('a.kind = :kind', { kind: q.kind });
    if (q.taskId) qb.andWhere('a.taskId = :taskId', { taskId: q.taskId });
    if (q.dueFrom) qb.andWhere('a.dueDate >= :dueFrom', { dueFrom: q.dueFrom });
    if (q.dueTo) qb.andWhere('a.dueDate <= :dueTo', { dueTo: q.dueTo });
    const [rows, total] = await qb
      .orderBy('a.dueDate', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const teams = await this.teamsOf(this.dataSource.manager, rows.map((r) => r.id));
    const checkPoints = await checkPointsOf(this.dataSource.manager, rows);
    return { items: rows.map((a) => toSummaryView(a, teams.get(a.id) ?? [], checkPoints)), total, page: q.page, pageSize: q.pageSize };
  }

  private baseQuery(): SelectQueryBuilder<Assignment> {
    return this.dataSource.getRepository(Assignment).createQueryBuilder('a');
  }

  async detail(user: Principal, id: string, manager: EntityManager = this.dataSource.manager): Promise<AssignmentDetail> {
    const { assignment, team } = await this.access.readable(user, id, manager);
    return this.describe(manager, assignment, team);
  }

  /** The full picture of an assignment as its team sees it (used by every response that changes it). */
  async describe(manager: EntityManager, assignment: Assignment, team: TeamMember[]): Promise<AssignmentDetail> {
    const results = await manager.getRepository(InspectionResult).find({ where: { assignmentId: assignment.id }, order: { revision: 'ASC' } });
    const confirmations = results.length ? await manager.getRepository(ResultConfirmation).find({ where: { resultId: In(results.map((r) => r.id)) } }) : [];
    const evidence = await manager.getRepository(Evidence).find({ where: { assignmentId: assignment.id }, order: { uploadedAt: 'ASC', id: 'ASC' } });
    const teamIds = team.map((m) => m.inspectorId);
    const followUp = assignment.kind === 'follow-up' ? null : await manager.getRepository(Assignment).findOneBy({ followUpOfAssignmentId: assignment.id });
    const checkPoints = await checkPointsOf(manager, [assignment]);
    return {
      ...toSummaryView(assignment, team, checkPoints),
      results: results.map((r) => toResultView(r, assignment.resultId, confirmations, teamIds)),
      evidence: evidence.map(toEvidenceView),
      followUp: followUp ? { assignmentId: followUp.id, status: followUp.status, dueDate: followUp.dueDate } : null,
    };
  }

  /** An inspector of the team starts work. Repeating it changes nothing (a phone may replay it). */
  async start(user: Principal, id: string): Promise<AssignmentDetail> {
    return this.dataSource.transaction(async (m) => {
      const { assignment: a, team } = await this.access.lockForTeam(m, user, id);
      if (a.status === 'cancelled') throw conflict(`inspection ${id} was cancelled: ${a.cancelReason}`);
      if (!a.startedAt && ['assigned', 'in_progress', 'overdue'].includes(a.status)) {
        a.startedAt = this.clock.now();
        if (a.status === 'assigned') a.status = 'in_progress';
        await m.save(a);
      }
      return this.describe(m, a, team);
    });
  }

  /**
   * An officer of the lead department cancels an inspection that has no confirmed result. Its
   * unfinished uploads go with it: their rows in the same transaction, their bytes after the commit
   * (bytes another replica holds go with that replica's next sweep, which drops bytes without a row).
   */
  async cancel(user: Principal, id: string, reason: string): Promise<AssignmentDetail> {
    let dropped: Pick<EvidenceUpload, 'assignmentId' | 'sha256'>[] = [];
    const detail = await this.dataSource.transaction(async (m) => {
      const { assignment: a, team } = await this.access.lockForOfficer(m, user, id);
      if (a.status === 'cancelled') return this.describe(m, a, team);
      if (a.status === 'confirmed') throw conflict(`inspection ${id} has a confirmed result and cannot be cancelled; correct the result instead`);
      await m.update(InspectionResult, { assignmentId: a.id, status: 'pending' }, { status: 'void' });
      dropped = await m.find(EvidenceUpload, { select: { assignmentId: true, sha256: true }, where: { assignmentId: a.id } });
      if (dropped.length) await m.delete(EvidenceUpload, { assignmentId: a.id });
      a.status = 'cancelled';
      a.cancelledAt = this.clock.now();
      a.cancelReason = reason.trim();
      await m.save(a);
      return this.describe(m, a, team);
    });
    for (const u of dropped) {
      await this.partials.remove(u.assignmentId, u.sha256).catch((error: unknown) => this.logger.warn(`bytes of the cancelled upload ${u.assignmentId}/${u.sha256} stay for the sweep: ${String(error)}`));
    }
    return detail;
  }

  async teamsOf(manager: EntityManager, ids: string[]): Promise<Map<string, TeamMember[]>> {
    const map = new Map<string, TeamMember[]>();
    if (!ids.length) return map;
    for (const t of await manager.getRepository(TeamMember).find({ where: { assignmentId: In(ids) }, order: { position: 'ASC' } })) {
      map.set(t.assignmentId, [...(map.get(t.assignmentId) ?? []), t]);
    }
    return map;
  }
}
