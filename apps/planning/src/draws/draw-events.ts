import type { EntityManager } from 'typeorm';
import type { AssignedInspector, DrawAnnouncedPayload, DrawCompletedPayload, DrawnAssignment } from '#contracts';
import { targetPopulationHash, type AnyDrawAnnouncement, type TeamAssignment } from '#domain';
import type { Task } from '../plans/task.entity.js';
import type { Draw } from './draw.entity.js';

/** Assignments per planning.draw.completed message: 500 keep a message near 250 KB, well under NATS's 1 MB. */
export const ASSIGNMENTS_PER_BATCH = 500;
/** Characters of bundle per planning.draw.revealed message: at most ~600 KB even if every character were CJK. */
export const BUNDLE_CHARS_PER_CHUNK = 200_000;

export function announcedPayload(task: Task, draw: Draw, a: AnyDrawAnnouncement, skipRules: readonly string[]): DrawAnnouncedPayload {
  return {
    drawId: draw.id, taskId: task.id, taskName: task.name, taskNumber: task.number, year: task.year,
    department: task.department, departments: task.departments, items: itemRefs(task),
    announcedAt: draw.announcedAt.toISOString(), dueDate: task.dueDate, commitment: a.commitment,
    publicRandomnessSource: a.publicRandomnessSource, targetPopulationHash: targetPopulationHash(a),
    inspectorPopulationHash: a.inspectors.idsHash, targetPopulationSize: a.targets.size, inspectorPopulationSize: a.inspectors.size,
    strata: (['A', 'B', 'C', 'D'] as const).map((s) => ({ stratum: s, size: a.targets.strata[s].size, sampleSize: a.sampleSizes[s] })),
    algorithm: a.rules.algorithm,
    // The whole announcement travels with the rules, so the portal can later check a bundle against it
    // (and, for a version-2 draw, knows from `announcement.creditClass` whether to name drawn firms' classes).
    rules: { ...a.rules, skipRules: [...skipRules], sampleSizes: a.sampleSizes, algorithmVersion: a.algorithmVersion, announcement: a },
  };
}

export function itemRefs(task: Task) {
  return task.items.map((i) => ({ code: i.code, name: i.name, version: i.version }));
}

interface TargetRow { id: string; name: string; credit_code: string | null; kind: string; region_code: string | null; address: string | null; latitude: number | null; longitude: number | null }
interface InspectorRow { id: string; name: string; department: string; certificate_no: string }

/** Names and codes of the drawn targets and their inspectors, for the inspection service (not public). */
export async function assignmentDetails(m: EntityManager, teams: readonly TeamAssignment[]) {
  const targets = new Map<string, TargetRow>();
  for (let i = 0; i < teams.length; i += 20_000) {
    const rows = (await m.query(`SELECT id::text, name, credit_code, kind, region_code, address, latitude, longitude FROM planning.target WHERE id = ANY($1::uuid[])`, [teams.slice(i, i + 20_000).map((t) => t.targetId)])) as TargetRow[];
    for (const r of rows) targets.set(r.id, r);
  }
  const inspectorIds = [...new Set(teams.flatMap((t) => t.inspectorIds))];
  const inspectors = new Map<string, AssignedInspector>();
  const rows = (await m.query(`SELECT id::text, name, department, certificate_no FROM planning.inspector WHERE id = ANY($1::uuid[])`, [inspectorIds])) as InspectorRow[];
  for (const r of rows) inspectors.set(r.id, { inspectorId: r.id, name: r.name, department: r.department, certificateNo: r.certificate_no });
  const toAssignment = (team: TeamAssignment): DrawnAssignment => {
    const t = targets.get(team.targetId)!;
    return {
      targetId: team.targetId, targetName: t.name, ...(t.credit_code ? { targetCode: t.credit_code } : {}), targetKind: t.kind,
      ...(t.region_code ? { region: t.region_code } : {}), stratum: team.stratum, inspectors: team.inspectorIds.map((id) => inspectors.get(id)!),
      // Where the inspectors go: read from the directory as it stands at execution, for the worklist only
      // (the draw's frozen population and its hashes hold ids, classes and credit codes, never these).
      ...(t.address ? { address: t.address } : {}),
      ...(t.latitude !== null && t.longitude !== null ? { location: { latitude: t.latitude, longitude: t.longitude } } : {}),
    };
  };
  return { toAssignment, inspector: (id: string) => inspectors.get(id) };
}

/** planning.draw.completed, split into batches; batchCount and totalAssignments tell consumers when they hold all. */
export function completedBatches(task: Task, draw: Draw, assignments: DrawnAssignment[]): DrawCompletedPayload[] {
  const batchCount = Math.max(1, Math.ceil(assignments.length / ASSIGNMENTS_PER_BATCH));
  return Array.from({ length: batchCount }, (_, batchIndex) => ({
    drawId: draw.id, taskId: task.id, taskName: task.name, taskNumber: task.number, department: task.department,
    departments: task.departments, items: itemRefs(task), dueDate: task.dueDate, executedAt: draw.executedAt!.toISOString(),
    batchIndex, batchCount, totalAssignments: assignments.length,
    assignments: assignments.slice(batchIndex * ASSIGNMENTS_PER_BATCH, (batchIndex + 1) * ASSIGNMENTS_PER_BATCH),
  }));
}

/** Splits text into chunks that concatenate back to it (never inside a surrogate pair). */
export function chunkText(text: string, size = BUNDLE_CHARS_PER_CHUNK): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(text.slice(i, end));
    i = end;
  }
  return chunks.length ? chunks : [''];
}
