import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canReadDepartment, hasRole, type Principal } from '#auth';
import { notFound } from '#domain';
import { Assignment } from './assignment.entity.js';
import { TeamMember } from './team-member.entity.js';

export interface LoadedAssignment {
  assignment: Assignment;
  team: TeamMember[];
}

/**
 * Who may do what with an assignment. Inspectors: only assignments whose team includes them.
 * Officers: every assignment of their department (the lead one or any department of a joint task);
 * only the lead department's officers change it. Auditors and admins read everything.
 */
@Injectable()
export class AssignmentAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  static isMember(user: Principal, team: TeamMember[]): boolean {
    return team.some((m) => m.inspectorId === user.sub);
  }

  static canRead(user: Principal, a: Assignment, team: TeamMember[]): boolean {
    if (AssignmentAccess.isMember(user, team)) return true;
    if (hasRole(user, 'admin', 'auditor')) return true;
    return hasRole(user, 'officer') && a.departments.some((d) => canReadDepartment(user, d));
  }

  /** The assignment, if the caller may read it: 404 when it does not exist, 403 when it is not theirs. */
  async readable(user: Principal, id: string, manager: EntityManager = this.dataSource.manager): Promise<LoadedAssignment> {
    const loaded = await this.load(manager, id, false);
    if (!AssignmentAccess.canRead(user, loaded.assignment, loaded.team)) {
      throw new ForbiddenException('this inspection is not assigned to you');
    }
    return loaded;
  }

  /**
   * Locks the assignment row (every change of an assignment and its results goes through this
   * lock, so they are serialised) and checks that the caller is an inspector of its team.
   */
  async lockForTeam(manager: EntityManager, user: Principal, id: string): Promise<LoadedAssignment> {
    const loaded = await this.load(manager, id, true);
    if (!hasRole(user, 'inspector') || !AssignmentAccess.isMember(user, loaded.team)) {
      throw new ForbiddenException('only the inspectors of this inspection team may do this');
    }
    return loaded;
  }

  /** Locks the assignment for a change by an officer of its lead department (or an admin). */
  async lockForOfficer(manager: EntityManager, user: Principal, id: string): Promise<LoadedAssignment> {
    const loaded = await this.load(manager, id, true);
    const a = loaded.assignment;
    if (!(hasRole(user, 'admin') || (hasRole(user, 'officer') && user.department === a.department))) {
      throw new ForbiddenException(`only officers of department ${a.department} may change this inspection`);
    }
    return loaded;
  }

  private async load(manager: EntityManager, id: string, lock: boolean): Promise<LoadedAssignment> {
    const qb = manager.getRepository(Assignment).createQueryBuilder('a').where('a.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const assignment = await qb.getOne();
    if (!assignment) throw notFound(`inspection ${id} does not exist`);
    const team = await manager.getRepository(TeamMember).find({ where: { assignmentId: id }, order: { position: 'ASC' } });
    return { assignment, team };
  }
}
