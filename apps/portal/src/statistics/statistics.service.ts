import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '#domain';
import { chinaYear } from '../common/search-text.js';

/** The annual figures of docs/portal.md "Statistics", for one year and one department (or all). */
export interface Statistics {
  year: number;
  department: string | null;
  licenceDecisions: number;
  penaltyDecisions: number;
  spotChecks: { total: number; random: number; immediate: number; mobile: number; publishedOnTime: number };
  items: { covered: number; categories: string[]; listed: number; coveredListed: number };
  tasks: { executed: number; completed: number; assignments: number; inspectorsDrawn: number };
  rates: { taskCompletion: number | null; resultPublication: number | null; mobileEnforcement: number | null; itemCoverage: number | null };
  /** Notices per month (1–12) and kind, by the date statistics attribute them to. */
  monthly: { licence: number[]; penalty: number[]; spot_check: number[] };
  /** The national annual-report template's 主动公开 table (第二十条第（五）（六）项). */
  activeDisclosure: { row: '行政许可' | '行政处罚' | '行政强制'; decisions: number }[];
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/**
 * Computes the statistics from the read model. Withdrawn notices (revoked decisions) are not
 * counted; expired ones are (they were validly published in their year). Results are cached for
 * 30 s: the figures change only as events arrive, and a year's figures are read far more than written.
 */
@Injectable()
export class StatisticsService {
  private readonly cache = new Map<string, { at: number; value: Promise<Statistics> }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The current calendar year in China: the default when the read model has no year yet. */
  currentYear(): number {
    return chinaYear(this.clock.now());
  }

  compute(year: number, department?: string): Promise<Statistics> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('invalid', 'year must be a year from 2000 to 2100');
    const key = `${year}|${department ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && performance.now() - hit.at < 30_000) return hit.value;
    const value = this.run(year, department);
    this.cache.set(key, { at: performance.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  /** Years with any notice or draw, newest first; and the departments seen. */
  async dimensions(): Promise<{ years: number[]; departments: string[] }> {
    const [row] = (await this.db.query(`
      SELECT
        (SELECT coalesce(array_agg(y ORDER BY y DESC), '{}') FROM (
           SELECT DISTINCT extract(year FROM stats_date)::int AS y FROM portal.notice WHERE stats_date IS NOT NULL
           UNION SELECT DISTINCT year FROM portal.draw WHERE year IS NOT NULL) a) AS years,
        (SELECT coalesce(array_agg(d ORDER BY d), '{}') FROM (
           SELECT DISTINCT department AS d FROM portal.notice WHERE status <> 'withdrawn' AND department <> ''
           UNION SELECT DISTINCT department FROM portal.item_list) b) AS departments`)) as { years: number[]; departments: string[] }[];
    return row;
  }

  private async run(year: number, department?: string): Promise<Statistics> {
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    const dep = department ?? null;
    const notices = `status <> 'withdrawn' AND stats_date >= $1::date AND stats_date < $2::date AND ($3::text IS NULL OR department = $3)`;
    const params = [from, to, dep];

    const [counts] = (await this.db.query(
      `SELECT
         count(*) FILTER (WHERE kind = 'licence')::int AS licence,
         count(*) FILTER (WHERE kind = 'penalty')::int AS penalty,
         count(*) FILTER (WHERE kind = 'spot_check')::int AS spot,
         count(*) FILTER (WHERE kind = 'spot_check' AND inspection_kind = 'random')::int AS random,
         count(*) FILTER (WHERE kind = 'spot_check' AND inspection_kind = 'immediate')::int AS immediate,
         count(*) FILTER (WHERE kind = 'spot_check' AND channel = 'mobile')::int AS mobile,
         count(*) FILTER (WHERE kind = 'spot_check' AND on_time IS TRUE)::int AS on_time
       FROM portal.notice WHERE ${notices}`,
      params,
    )) as Record<string, number>[];

    const monthlyRows = (await this.db.query(
      `SELECT kind, extract(month FROM stats_date)::int AS m, count(*)::int AS n FROM portal.notice WHERE ${notices} GROUP BY kind, m`,
      params,
    )) as { kind: 'licence' | 'penalty' | 'spot_check'; m: number; n: number }[];
    const monthly = { licence: Array<number>(12).fill(0), penalty: Array<number>(12).fill(0), spot_check: Array<number>(12).fill(0) };
    for (const r of monthlyRows) if (monthly[r.kind]) monthly[r.kind][r.m - 1] = r.n;

    // Items: those inspected in the year, against the lists in force at the end of the year
    // (per department: the newest list published before the year ended, else its first list).
    const itemRows = (await this.db.query(
      `WITH covered AS (
         SELECT DISTINCT i->>'code' AS code FROM portal.notice, jsonb_array_elements(items) AS i WHERE kind = 'spot_check' AND ${notices}),
       lists AS (
         SELECT DISTINCT ON (department) department, published_at FROM portal.item_list
         WHERE $3::text IS NULL OR department = $3
         ORDER BY department, (published_at < $2::timestamptz) DESC, CASE WHEN published_at < $2::timestamptz THEN published_at END DESC, published_at ASC),
       listed AS (
         SELECT DISTINCT ON (it.code) it.code, it.category FROM portal.item it JOIN lists l ON l.department = it.department AND l.published_at = it.list_published_at
         ORDER BY it.code)
       SELECT coalesce(c.code, l.code) AS code, l.category, c.code IS NOT NULL AS covered, l.code IS NOT NULL AS listed
       FROM covered c FULL JOIN listed l ON l.code = c.code`,
      params,
    )) as { code: string; category: string | null; covered: boolean; listed: boolean }[];
    const covered = itemRows.filter((r) => r.covered);
    const listed = itemRows.filter((r) => r.listed);
    const coveredListed = covered.filter((r) => r.listed).length;
    const categories = [...new Set(covered.map((r) => r.category ?? '未列入清单'))].sort();

    // Tasks: draws executed in the year. A task is complete when published random spot-check
    // results name at least as many distinct targets as it drew.
    const [tasks] = (await this.db.query(
      `WITH d AS (
         SELECT draw_id, coalesce(total_assignments, 0) AS drawn FROM portal.draw
         WHERE executed_at IS NOT NULL AND year = $1 AND ($2::text IS NULL OR department = $2 OR $2 = ANY(departments))),
       done AS (
         SELECT n.draw_id, count(DISTINCT coalesce(n.credit_code, n.party_name))::int AS inspected FROM portal.notice n JOIN d ON d.draw_id = n.draw_id
         WHERE n.kind = 'spot_check' AND n.status <> 'withdrawn' GROUP BY n.draw_id)
       SELECT count(*)::int AS executed,
         count(*) FILTER (WHERE coalesce(done.inspected, 0) >= d.drawn)::int AS completed,
         coalesce(sum(d.drawn), 0)::int AS assignments,
         (SELECT count(DISTINCT i->>'inspectorId')::int FROM portal.draw_assignment a JOIN d d2 ON d2.draw_id = a.draw_id, jsonb_array_elements(a.inspectors) AS i) AS inspectors
       FROM d LEFT JOIN done ON done.draw_id = d.draw_id`,
      [year, dep],
    )) as { executed: number; completed: number; assignments: number; inspectors: number }[];

    return {
      year,
      department: dep,
      licenceDecisions: counts.licence,
      penaltyDecisions: counts.penalty,
      spotChecks: { total: counts.spot, random: counts.random, immediate: counts.immediate, mobile: counts.mobile, publishedOnTime: counts.on_time },
      items: { covered: covered.length, categories, listed: listed.length, coveredListed },
      tasks: { executed: tasks.executed, completed: tasks.completed, assignments: tasks.assignments, inspectorsDrawn: tasks.inspectors },
      rates: {
        taskCompletion: ratio(tasks.completed, tasks.executed),
        resultPublication: ratio(counts.on_time, counts.spot),
        mobileEnforcement: ratio(counts.mobile, counts.spot),
        itemCoverage: ratio(coveredListed, listed.length),
      },
      monthly,
      activeDisclosure: [
        { row: '行政许可', decisions: counts.licence },
        { row: '行政处罚', decisions: counts.penalty },
        // The portal receives no 行政强制 decisions (no such notice kind): the row is reported as 0.
        { row: '行政强制', decisions: 0 },
      ],
    };
  }
}
