import type { EntityManager } from 'typeorm';
import { NOT_AN_INSPECTION_OUTCOMES, TALLIED_TARGET_KINDS, type DateWindow } from '#domain';

/**
 * SQL condition of a tally row `alias` that counts: a firm's code, a date in the window, an outcome
 * that is an inspection (`from`, `to`, `outcomes`: the placeholders of the window's ends and of
 * NOT_AN_INSPECTION_OUTCOMES). Shared by the directory's counts and the draw's exclusion so both
 * count the same way.
 */
export function countedTallyCondition(alias: string, from: string, to: string, outcomes: string): string {
  return `${alias}.credit_code IS NOT NULL AND ${alias}.inspection_date BETWEEN ${from}::date AND ${to}::date AND ${alias}.outcome <> ALL(${outcomes}::text[])`;
}

/** Distinct inspections (assignments) of each firm in the window, and the same per department. */
export interface FirmInspections {
  total: number;
  byDepartment: { department: string; count: number }[];
}

/** Whether a target's inspections are tallied (docs/planning.md "Inspection burden"): an organisation or individual business with a code. */
export function isTallied(target: { kind: string; creditCode: string | null }): boolean {
  return target.creditCode !== null && TALLIED_TARGET_KINDS.includes(target.kind);
}

/** How often each of `codes` was inspected in `window`, across departments. Codes not inspected are absent. */
export async function inspectionCounts(m: EntityManager, codes: readonly string[], window: DateWindow): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = (await m.query(
    `SELECT x.credit_code, count(DISTINCT x.assignment_id)::int AS n FROM planning.inspection_tally x
     WHERE x.credit_code = ANY($1::text[]) AND ${countedTallyCondition('x', '$2', '$3', '$4')} GROUP BY x.credit_code`,
    [codes, window.from, window.to, NOT_AN_INSPECTION_OUTCOMES],
  )) as { credit_code: string; n: number }[];
  return new Map(rows.map((r) => [r.credit_code, r.n]));
}

/** One firm's inspections in `window`, with the departments that made them (a joint inspection appears under each). */
export async function firmInspections(m: EntityManager, code: string, window: DateWindow): Promise<FirmInspections> {
  const rows = (await m.query(
    `SELECT d.department, count(DISTINCT x.assignment_id)::int AS n, (SELECT count(DISTINCT y.assignment_id)::int FROM planning.inspection_tally y
       WHERE y.credit_code = $1 AND ${countedTallyCondition('y', '$2', '$3', '$4')}) AS total
     FROM planning.inspection_tally x CROSS JOIN LATERAL unnest(x.departments) AS d(department)
     WHERE x.credit_code = $1 AND ${countedTallyCondition('x', '$2', '$3', '$4')}
     GROUP BY d.department ORDER BY n DESC, d.department COLLATE "C"`,
    [code, window.from, window.to, NOT_AN_INSPECTION_OUTCOMES],
  )) as { department: string; n: number; total: number }[];
  return { total: rows[0]?.total ?? 0, byDepartment: rows.map((r) => ({ department: r.department, count: r.n })) };
}

/** How many of a directory's tallied firms were inspected 0, 1, 2 and 3 or more times in `window` (the last bucket holds 3+). */
export interface BurdenBucket {
  inspections: 0 | 1 | 2 | 3;
  firms: number;
}

/**
 * The inspection burden of a directory (docs/planning.md "Inspection burden"): its active tallied
 * firms (of `department`, or all) by how often any department inspected them in `window`.
 */
export async function burdenBuckets(m: EntityManager, department: string | undefined, window: DateWindow): Promise<BurdenBucket[]> {
  const rows = (await m.query(
    `SELECT least(coalesce(c.n, 0), 3)::int AS inspections, count(*)::int AS firms
     FROM planning.target t
     LEFT JOIN (SELECT x.credit_code, count(DISTINCT x.assignment_id)::int AS n FROM planning.inspection_tally x
                WHERE ${countedTallyCondition('x', '$3', '$4', '$5')} GROUP BY x.credit_code) c ON c.credit_code = t.credit_code
     WHERE t.status = 'active' AND t.credit_code IS NOT NULL AND t.kind = ANY($1::text[]) AND ($2::text IS NULL OR t.department = $2)
     GROUP BY 1`,
    [TALLIED_TARGET_KINDS, department ?? null, window.from, window.to, NOT_AN_INSPECTION_OUTCOMES],
  )) as { inspections: number; firms: number }[];
  const found = new Map(rows.map((r) => [r.inspections, r.firms]));
  return ([0, 1, 2, 3] as const).map((inspections) => ({ inspections, firms: found.get(inspections) ?? 0 }));
}
