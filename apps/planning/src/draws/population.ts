import type { EntityManager } from 'typeorm';
import type { InspectorEntry, Stratum, TargetEntry } from '#domain';
import { CONFLICT_RELATIONS, type ConflictRecord, type ConflictRelation, type LeavePeriodRecord } from '../inspectors/inspector.entity.js';
import type { Task } from '../plans/task.entity.js';

/**
 * The eligible targets of a task, as one text value: a line `<id> <class> <credit code>` per target,
 * in canonical order (uuid order is the byte order of the lower-case text, i.e. COLLATE "C").
 * Aggregating in PostgreSQL moves a million targets in one round trip instead of a million rows.
 */
const TARGET_LINES = `
SELECT coalesce(string_agg(t.id::text || ' ' || t.credit_class || ' ' || coalesce(t.credit_code, ''), E'\\n' ORDER BY t.id), '') AS lines
FROM planning.target t
WHERE t.status = 'active'
  AND t.departments && $1::text[]
  AND (cardinality($2::text[]) = 0 OR t.kind = ANY($2::text[]))
  AND (cardinality($3::text[]) = 0 OR t.category = ANY($3::text[]))
  AND (cardinality($4::text[]) = 0 OR t.region_code LIKE ANY($4::text[]))
  AND (cardinality($5::text[]) = 0 OR t.industry = ANY($5::text[]))
  AND ($6::int IS NULL OR (
        (t.last_inspected_on IS NULL OR t.last_inspected_on <= $7::date - $6::int)
        AND NOT EXISTS (SELECT 1 FROM planning.assignment a WHERE a.target_id = t.id AND a.drawn_at > $7::date - $6::int)))`;

/** Loads the task's eligible targets as of `today` (YYYY-MM-DD). Call inside a transaction. */
export async function loadTargetLines(m: EntityManager, task: Task, today: string): Promise<string> {
  // The aggregate sorts in memory rather than spilling a million ids to disk.
  await m.query(`SET LOCAL work_mem = '256MB'`);
  const f = task.targetFilter;
  const [row] = (await m.query(TARGET_LINES, [
    task.departments, f.kinds, f.categories, f.regionCodes.map((r) => `${r}%`), f.industries,
    task.excludeInspectedWithinDays, today,
  ])) as { lines: string }[];
  return row.lines;
}

/** Parses the lines of loadTargetLines (fixed layout: a 36-character uuid, a space, the class, a space, the code). */
export function parseTargetLines(lines: string): TargetEntry[] {
  if (!lines) return [];
  const parts = lines.split('\n');
  const out: TargetEntry[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const line = parts[i];
    const code = line.length > 39 ? line.slice(39) : undefined;
    out[i] = code ? { id: line.slice(0, 36), stratum: line[37] as Stratum, creditCode: code } : { id: line.slice(0, 36), stratum: line[37] as Stratum };
  }
  return out;
}

/**
 * The inspectors of the task's departments who are active, with everything the skip rules read.
 * Their current load is the assignments they hold that are still due when this task's
 * inspections start.
 */
export async function loadInspectors(m: EntityManager, task: Task): Promise<InspectorEntry[]> {
  const rows = (await m.query(
    `WITH load AS (
       SELECT x.id, count(*)::int AS n
       FROM planning.assignment a CROSS JOIN LATERAL unnest(a.inspector_ids) AS x(id)
       WHERE a.due_date >= $2::date GROUP BY x.id)
     SELECT i.id::text AS id, i.department, i.certified_categories, i.leave_periods, i.conflicts, coalesce(l.n, 0) AS current_load
     FROM planning.inspector i LEFT JOIN load l ON l.id = i.id
     WHERE i.status = 'active' AND i.department = ANY($1::text[])
     ORDER BY i.id`,
    [task.departments, task.inspectionFrom],
  )) as { id: string; department: string; certified_categories: string[]; leave_periods: LeavePeriodRecord[]; conflicts: ConflictRecord[]; current_load: number }[];
  return rows.map((r) => ({
    id: r.id,
    department: r.department,
    certifiedCategories: r.certified_categories,
    // Notes on leave stay internal: only the dates enter the draw.
    leave: r.leave_periods.map((p) => ({ from: p.from, to: p.to })),
    // Conflict notes stay internal too; a relation outside the vocabulary (a row older than it) is
    // published only as 其他利害关系, never as its free text.
    conflicts: r.conflicts.map((c) => ({ ...(c.targetId ? { targetId: c.targetId } : {}), ...(c.creditCode ? { creditCode: c.creditCode } : {}), relation: publishedRelation(c.relation) })),
    currentLoad: r.current_load,
  }));
}

const OTHER_RELATION: ConflictRelation = '其他利害关系';

function publishedRelation(relation: string): string {
  return (CONFLICT_RELATIONS as readonly string[]).includes(relation) ? relation : OTHER_RELATION;
}
