import type { EntityManager } from 'typeorm';
import { NOT_AN_INSPECTION_OUTCOMES, TALLIED_TARGET_KINDS, trailingMonthsWindow, type InspectionBurdenRule, type InspectorEntry, type Stratum, type TargetEntry } from '#domain';
import { countedTallyCondition } from '../burden/inspection-counts.js';
import { CONFLICT_RELATIONS, type ConflictRecord, type ConflictRelation, type LeavePeriodRecord } from '../inspectors/inspector.entity.js';
import type { Task } from '../plans/task.entity.js';

/**
 * The targets of a task before the 无事不扰 exclusion: active, shared with one of its departments,
 * inside its target filter and outside its excludeInspectedWithinDays window.
 */
const ELIGIBLE = `
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

/**
 * Firms inspected at least $8 times (distinct assignments, across departments) in $9..$7, counted as
 * the directory counts them (burden/inspection-counts.ts); none when $8 is null.
 */
const BURDENED = `
WITH burdened AS (
  SELECT x.credit_code FROM planning.inspection_tally x
  WHERE $8::int IS NOT NULL AND ${countedTallyCondition('x', '$9', '$7', '$10')}
  GROUP BY x.credit_code HAVING count(DISTINCT x.assignment_id) >= $8::int)`;

/** Whether target t is one of the burdened firms (only kinds tallied by their own credit code). */
const IS_BURDENED = `(t.credit_code IS NOT NULL AND t.kind = ANY($11::text[]) AND EXISTS (SELECT 1 FROM burdened b WHERE b.credit_code = t.credit_code))`;

/**
 * The eligible targets of a task, as one text value: a line `<id> <class> <credit code>` per target,
 * in canonical order (uuid order is the byte order of the lower-case text, i.e. COLLATE "C").
 * Aggregating in PostgreSQL moves a million targets in one round trip instead of a million rows.
 */
const TARGET_LINES = `${BURDENED}
SELECT coalesce(string_agg(t.id::text || ' ' || t.credit_class || ' ' || coalesce(t.credit_code, ''), E'\\n' ORDER BY t.id), '') AS lines
${ELIGIBLE}
  AND NOT ${IS_BURDENED}`;

/** How many targets the 无事不扰 exclusion left out. */
const BURDENED_COUNT = `${BURDENED}
SELECT count(*)::int AS n
${ELIGIBLE}
  AND ${IS_BURDENED}`;

/** The eligible population of a task and, when the task sets excludeInspectedAtLeast, the exclusion as it is announced. */
export interface EligibleTargets {
  lines: string;
  inspectionBurden: InspectionBurdenRule | null;
}

/**
 * Loads the task's eligible targets as of `today` (YYYY-MM-DD, the announcement date). Call inside a
 * transaction. Firms inspected at least `excludeInspectedAtLeast` times in the 12 months up to
 * `today` are left out here, before the population is frozen and hashed, so the draw over what
 * remains is verifiable like any other; the rule, its window and the number left out are published.
 */
export async function loadTargetLines(m: EntityManager, task: Task, today: string): Promise<EligibleTargets> {
  // The aggregate sorts in memory rather than spilling a million ids to disk.
  await m.query(`SET LOCAL work_mem = '256MB'`);
  const f = task.targetFilter;
  const window = trailingMonthsWindow(today);
  const params = [
    task.departments, f.kinds, f.categories, f.regionCodes.map((r) => `${r}%`), f.industries,
    task.excludeInspectedWithinDays, today, task.excludeInspectedAtLeast, window.from, NOT_AN_INSPECTION_OUTCOMES, TALLIED_TARGET_KINDS,
  ];
  const [row] = (await m.query(TARGET_LINES, params)) as { lines: string }[];
  if (task.excludeInspectedAtLeast == null) return { lines: row.lines, inspectionBurden: null };
  const [excluded] = (await m.query(BURDENED_COUNT, params)) as { n: number }[];
  return { lines: row.lines, inspectionBurden: { excludeInspectedAtLeast: task.excludeInspectedAtLeast, window, excludedTargets: excluded.n } };
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
