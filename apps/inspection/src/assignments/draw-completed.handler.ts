import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DrawCompleted, type DrawCompletedPayload, type DrawnAssignment } from '#contracts';
import { OnEvent, type EventContext } from '#messaging';
import { chinaDate } from '../common/china-time.js';
import { Assignment } from './assignment.entity.js';
import { DrawBatch } from './draw-batch.entity.js';
import { TeamMember } from './team-member.entity.js';

const CHUNK = 500;

/**
 * Turns each batch of an executed draw into assignments. Idempotent twice over: the inbox makes a
 * redelivered event a no-op, and (drawId, targetId) is unique, so the same assignments arriving in
 * another envelope (planning re-sending a batch) insert nothing either.
 */
@Injectable()
export class DrawCompletedHandler {
  private readonly logger = new Logger(DrawCompletedHandler.name);

  @OnEvent(DrawCompleted)
  async onDrawCompleted(p: DrawCompletedPayload, ctx: EventContext): Promise<void> {
    assertWellFormed(p);
    const m = ctx.manager;
    await m.createQueryBuilder().insert().into(DrawBatch).values({
      drawId: p.drawId,
      batchIndex: p.batchIndex,
      taskId: p.taskId,
      batchCount: p.batchCount,
      totalAssignments: p.totalAssignments,
      assignmentsInBatch: p.assignments.length,
    }).orIgnore().execute();

    let created = 0;
    for (let i = 0; i < p.assignments.length; i += CHUNK) created += await this.insertChunk(m, p, p.assignments.slice(i, i + CHUNK));
    this.logger.log(`draw ${p.drawId} batch ${p.batchIndex + 1}/${p.batchCount}: ${created} new assignments of ${p.assignments.length}`);
  }

  private async insertChunk(m: EntityManager, p: DrawCompletedPayload, drawn: DrawnAssignment[]): Promise<number> {
    const departments = [...new Set([p.department, ...p.departments])];
    const notBefore = chinaDate(new Date(p.executedAt));
    const rows = drawn.map((d) => ({
      id: randomUUID(),
      resultId: randomUUID(),
      kind: 'random' as const,
      status: 'assigned' as const,
      taskId: p.taskId,
      drawId: p.drawId,
      taskName: p.taskName,
      taskNumber: p.taskNumber ?? null,
      department: p.department,
      departments,
      items: p.items.map((i) => ({ code: i.code, name: i.name, version: i.version })),
      targetId: d.targetId,
      targetName: d.targetName,
      targetCode: d.targetCode ?? null,
      targetKind: d.targetKind,
      region: d.region ?? null,
      targetAddress: d.address ?? null,
      targetLatitude: d.location?.latitude ?? null,
      targetLongitude: d.location?.longitude ?? null,
      stratum: d.stratum,
      dueDate: p.dueDate,
      notBefore,
    }));
    const inserted = await m.createQueryBuilder().insert().into(Assignment).values(rows).orIgnore().returning('id').execute();
    const newIds = new Set((inserted.raw as { id: string }[]).map((r) => r.id));
    const team = rows
      .map((row, i) => ({ row, d: drawn[i] }))
      .filter(({ row }) => newIds.has(row.id))
      .flatMap(({ row, d }) =>
        d.inspectors.map((ins, position) => ({
          assignmentId: row.id,
          inspectorId: ins.inspectorId,
          position,
          name: ins.name,
          department: ins.department,
          certificateNo: ins.certificateNo,
        })),
      );
    if (team.length) await m.createQueryBuilder().insert().into(TeamMember).values(team).execute();
    return newIds.size;
  }
}

/** A batch that breaks the contract's invariants is refused whole (it ends in the dead-letter stream). */
function assertWellFormed(p: DrawCompletedPayload): void {
  if (p.batchIndex >= p.batchCount) throw new Error(`batchIndex ${p.batchIndex} is not below batchCount ${p.batchCount}`);
  const targets = new Set<string>();
  for (const a of p.assignments) {
    if (targets.has(a.targetId)) throw new Error(`target ${a.targetId} appears twice in draw ${p.drawId} batch ${p.batchIndex}`);
    targets.add(a.targetId);
    const people = new Set(a.inspectors.map((i) => i.inspectorId));
    if (people.size < 2 || people.size !== a.inspectors.length) {
      throw new Error(`target ${a.targetId} needs at least two different inspectors (got ${a.inspectors.map((i) => i.inspectorId).join(', ')})`);
    }
  }
}
