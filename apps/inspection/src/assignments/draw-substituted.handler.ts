import { Injectable, Logger } from '@nestjs/common';
import { DrawSubstituted, type DrawSubstitutedPayload } from '#contracts';
import { OnEvent, type EventContext } from '#messaging';
import { Assignment } from './assignment.entity.js';
import { TeamMember } from './team-member.entity.js';

/**
 * 递补抽取: planning replaced a drawn inspector. The payload carries the whole team after the
 * substitution, so the latest `sequence` wins and an older one arriving late changes nothing. Once a
 * result has been submitted the team that did the inspection stays on record and the event is only
 * logged.
 */
@Injectable()
export class DrawSubstitutedHandler {
  private readonly logger = new Logger(DrawSubstitutedHandler.name);

  @OnEvent(DrawSubstituted)
  async onDrawSubstituted(p: DrawSubstitutedPayload, ctx: EventContext): Promise<void> {
    const m = ctx.manager;
    const a = await m.getRepository(Assignment).createQueryBuilder('a')
      .where('a.drawId = :drawId AND a.targetId = :targetId', { drawId: p.drawId, targetId: p.targetId })
      .setLock('pessimistic_write')
      .getOne();
    // The draw's batch is consumed separately and may still be on its way: fail, and be redelivered.
    if (!a) throw new Error(`no assignment yet for draw ${p.drawId} target ${p.targetId}`);
    if (p.sequence <= a.teamSequence) return;
    if (!['assigned', 'in_progress', 'overdue'].includes(a.status)) {
      this.logger.warn(`substitution ${p.sequence} of draw ${p.drawId} target ${p.targetId} ignored: the inspection is ${a.status}`);
      return;
    }
    const ids = new Set(p.inspectors.map((i) => i.inspectorId));
    if (ids.size < 2 || ids.size !== p.inspectors.length) throw new Error(`substitution ${p.sequence} leaves target ${p.targetId} without two different inspectors`);
    await m.delete(TeamMember, { assignmentId: a.id });
    await m.insert(
      TeamMember,
      p.inspectors.map((i, position) => ({ assignmentId: a.id, inspectorId: i.inspectorId, position, name: i.name, department: i.department, certificateNo: i.certificateNo })),
    );
    await m.update(Assignment, { id: a.id }, { teamSequence: p.sequence, dueDate: p.dueDate });
  }
}
