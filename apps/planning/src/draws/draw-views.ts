import { bundleVersionOf, type AnyDrawAnnouncement } from '#domain';
import type { Task } from '../plans/task.entity.js';
import type { Draw } from './draw.entity.js';

/**
 * What the public may see of a draw: the task, the commitment and named randomness source before
 * it runs, the public value and witness role after, and the secret and seed once revealed.
 * Stratum sizes and hashes are public; which firm is in which credit class is not (the planning
 * API names no drawn firm; the portal names a drawn firm's class only when the draw's announcement
 * says `creditClass: 'published'`, see docs/draw-algorithm.md §10).
 */
export function publicDraw(draw: Draw, task: Task) {
  const a = draw.announcement as unknown as AnyDrawAnnouncement;
  const revealed = draw.status === 'revealed';
  return {
    id: draw.id,
    status: draw.status,
    task: { id: task.id, number: task.number, name: task.name, year: task.year, department: task.department, departments: task.departments, items: task.items.map((i) => ({ code: i.code, name: i.name, version: i.version })), dueDate: task.dueDate },
    announcedAt: draw.announcedAt,
    algorithm: draw.algorithm,
    algorithmVersion: a.algorithmVersion,
    commitment: draw.commitment,
    publicRandomnessSource: draw.publicRandomnessSource,
    rules: a.rules,
    bundleVersion: bundleVersionOf(a),
    populations: {
      targets: a.targets,
      inspectors: a.inspectors,
      ...('exclusions' in a ? { exclusions: a.exclusions } : {}),
    },
    sampleSizes: a.sampleSizes,
    announcement: a,
    executedAt: draw.executedAt,
    publicRandomnessValue: draw.publicRandomnessValue,
    witnessed: !!draw.witnessName,
    witnessRole: draw.witnessRole,
    revealedAt: draw.revealedAt,
    seed: revealed ? draw.seed : null,
    substitutionCount: draw.substitutions.length,
    bundleUrl: revealed ? `/public/draws/${draw.id}/bundle` : null,
  };
}

/** What officers see: the public view plus who announced, executed and witnessed. */
export function officerDraw(draw: Draw, task: Task) {
  return {
    ...publicDraw(draw, task),
    announcedBy: draw.announcedBy,
    executedBy: draw.executedBy,
    witnessName: draw.witnessName,
    substitutions: draw.substitutions,
    substitutionNotes: draw.substitutionNotes,
  };
}
