import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '#domain';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { bigramsOf, chinaToday, searchTerms } from '../common/search-text.js';
import type { NoticeFilterDto, NoticeSearchDto } from './search-query.dto.js';
import { toDetail, toHistory, toSummary, type NoticeDetail, type NoticeRow, type NoticeSummary } from './notice.view.js';

export const COUNT_CAP = 10_000;

export interface Facets {
  departments: string[];
  regions: string[];
  penaltyTypes: string[];
}

export interface SearchPage {
  items: NoticeSummary[];
  /** Cursor of the next page, absent on the last one. */
  next?: string;
  total?: { value: number; exact: boolean };
}

const SUMMARY_COLUMNS = `id, version, kind, title, party_name, party_kind, credit_code, document_number, decision_date::text AS decision_date,
  published_at, display_until::text AS display_until, department, region, penalty_types, inspection_kind, outcome, left(body, 600) AS body`;
const DETAIL_COLUMNS = `${SUMMARY_COLUMNS.replace('left(body, 600) AS body', 'body')}, channel, task_id, draw_id, items,
  inspection_date_text, fields, on_time, first_published_at, updated_at, status, removal_reason, removed_at`;

/**
 * How common each character pair is: `most_common_elems` of the `bigrams` column in pg_stats (ANALYZE's
 * sample; a pair not listed is rarer than the rarest listed), and how many rows the table has.
 */
export interface BigramStats {
  freq: ReadonlyMap<string, number>;
  rows: number;
}

export const BIGRAM_STATS_SQL = `SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, c.reltuples::float8 AS rows
  FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
  LEFT JOIN pg_stats s ON s.schemaname = 'portal' AND s.tablename = 'notice' AND s.attname = 'bigrams'
  WHERE ns.nspname = 'portal' AND c.relname = 'notice'`;

/** Reads the pair frequencies; undefined before the first ANALYZE. */
export async function loadBigramStats(query: (sql: string) => Promise<unknown[]>): Promise<BigramStats | undefined> {
  const [row] = (await query(BIGRAM_STATS_SQL)) as { elems: string[] | null; freqs: number[] | null; rows: number }[];
  if (!row?.elems?.length || !row.freqs || !(row.rows > 0)) return undefined;
  const freq = new Map<string, number>();
  row.elems.forEach((e, i) => freq.set(e, Number(row.freqs![i])));
  return { freq, rows: Number(row.rows) };
}

/** Walk length when there are no statistics yet (a new or small table). */
export const DEFAULT_WALK = 1000;

/**
 * How many rows (newest first, filters applied) a date-sorted search walks before it turns to the
 * GIN index; 0 to go to the index at once. The two ways to find the newest `limit` matches:
 * - walk the date index and check each row: cheap when the term is common (21 matches of a term in
 *   15 % of notices are among the first ~140 rows), hopeless when it is rare (a whole-table walk);
 * - ask the GIN index for every row holding all pairs, check them, sort: cheap when the term is rare,
 *   hopeless when it is common (150,000 rows read and sorted for 21).
 * The planner picks one from its estimate, and its estimate multiplies the frequencies of a term's
 * pairs as if they were independent, when they overlap and occur together (水电站 → 水电, 电站): it
 * underestimated common three- and four-character terms up to 100-fold and read them through the
 * index (1 s instead of 0.3 ms on 1M notices). The choice is made here instead, at run time: walk
 * as many rows as the index path is expected to read (the same independence estimate: the pairs'
 * frequencies from pg_stats times the rows), then, if the walk found fewer than `limit`, take the
 * index path. Whichever the truth, the cost is at most about twice that of the better path (the
 * ski-rental argument). A term with a pair too rare to be in the statistics goes to the index at once.
 */
export function walkLength(terms: string[], limit: number, stats?: BigramStats): number {
  const pairs = [...new Set(terms.flatMap(bigramsOf))];
  if (!pairs.length) return Infinity; // one-character terms: no index can help; walk until found
  if (!stats) return DEFAULT_WALK;
  let estimate = stats.rows;
  for (const pair of pairs) {
    const f = stats.freq.get(pair);
    if (f === undefined) return 0;
    estimate *= f;
  }
  const walk = Math.ceil(estimate);
  return walk < 2 * limit ? 0 : walk;
}

/**
 * The pairs the GIN condition names. Every pair is exact enough (strpos checks the term), so this
 * only decides how much of the index is read: with statistics, the rarest pairs first, and no pair
 * in more than a tenth of the rows after the first (a credit code's 91, 13, 33… are in nearly every
 * row: intersecting their posting lists costs more than checking the few rows the rare pairs give).
 */
export function indexedPairs(terms: string[], stats?: BigramStats): string[] {
  const pairs = [...new Set(terms.flatMap(bigramsOf))];
  if (!stats) return pairs;
  const freq = (pair: string) => stats.freq.get(pair) ?? 0;
  const sorted = pairs.sort((a, b) => freq(a) - freq(b));
  return sorted.filter((pair, i) => i === 0 || (i < 4 && freq(pair) <= 0.1));
}

interface Where {
  /** Status, display period, filters and keyset (what the walk applies before looking at the text). */
  filters: string[];
  /** `bigrams @> …` (the GIN condition), absent without pairs or when not asked for. */
  pairs?: string;
  /** One exact check per term, on the column given. */
  termChecks: (column: string) => string[];
  terms: string[];
}

/**
 * The conditions of a search; parameters are appended to `params`. `pairs`: the GIN condition
 * (`false` for the walk, which reads no index of the text: PostgreSQL refuses a parameter that the
 * statement does not use).
 */
function whereOf(f: NoticeSearchDto, params: unknown[], o: { today: string; pairs: boolean; stats?: BigramStats; keyset?: boolean }): Where {
  const p = (v: unknown) => `$${params.push(v)}`;
  const filters = [`n.status = 'public'`, `(n.display_until IS NULL OR n.display_until >= ${p(o.today)}::date)`];
  if (f.kind) filters.push(`n.kind = ${p(f.kind)}`);
  if (f.department) filters.push(`n.department = ${p(f.department)}`);
  if (f.region) filters.push(`n.region = ${p(f.region)}`);
  if (f.from) filters.push(`n.decision_date >= ${p(f.from)}::date`);
  if (f.to) filters.push(`n.decision_date <= ${p(f.to)}::date`);
  if (f.penaltyType) filters.push(`n.penalty_types @> ARRAY[${p(f.penaltyType)}]::text[]`);
  if (f.creditCode) filters.push(`n.credit_code = ${p(f.creditCode)}`);
  if (f.from && f.to && f.from > f.to) throw new DomainError('invalid', 'from must not be after to');
  if (o.keyset && f.after) {
    const cursor = decodeCursor(f.after);
    filters.push(`(n.decision_date, n.id) < (${p(cursor.t)}::date, ${p(cursor.id)})`);
  }
  const terms = searchTerms(f.q);
  const bigrams = o.pairs ? indexedPairs(terms, o.stats) : [];
  // The GIN index narrows to rows holding the character pairs; strpos then checks the exact
  // substring (pairs alone would also match 水…利). One-character terms have no pair: strpos alone.
  const pairs = bigrams.length ? `n.bigrams @> ${p(bigrams)}::text[]` : undefined;
  const refs = terms.map((t) => p(t));
  return { filters, pairs, termChecks: (column) => refs.map((ref) => `strpos(${column}, ${ref}) > 0`), terms };
}

/** All conditions of a search, joined. */
function allOf(w: Where): string {
  return [...w.filters, ...(w.pairs ? [w.pairs] : []), ...w.termChecks('n.search_text')].join(' AND ');
}

/** Relevance: a term in the party name counts 4, in the title or document number 2, elsewhere 1. */
function scoreOf(terms: string[], params: unknown[]): string {
  if (!terms.length) return '0';
  return terms
    .map((t) => {
      const ref = `$${params.push(t)}`;
      return `(CASE WHEN strpos(lower(party_name), ${ref}) > 0 THEN 4 WHEN strpos(lower(title), ${ref}) > 0 OR strpos(lower(coalesce(document_number, '')), ${ref}) > 0 THEN 2 ELSE 1 END)`;
    })
    .join(' + ');
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The statements of one search page (limit + 1 rows): `first`, and `fallback` to run instead of
 * its result when `first` returns fewer than limit + 1 rows (the walk ran out, see walkLength).
 * Exported so the benchmark runs exactly these statements directly on PostgreSQL as its baseline;
 * `walk` overrides walkLength (tests).
 */
export function searchPlan(f: NoticeSearchDto, today: string, stats?: BigramStats, columns = SUMMARY_COLUMNS, walk?: number): { limit: number; first: Statement; fallback?: Statement } {
  const limit = (f.limit ?? 20) + 1;
  const terms = searchTerms(f.q);
  if (f.sort === 'relevance' && terms.length) {
    const params: unknown[] = [];
    const w = whereOf(f, params, { today, pairs: true, stats });
    const score = scoreOf(w.terms, params);
    const cursor = f.after ? decodeCursor(f.after) : undefined;
    const keyset = cursor ? `WHERE (score, sort_date, id) < ($${params.push(cursor.s ?? 0)}, $${params.push(cursor.t)}::date, $${params.push(cursor.id)})` : '';
    const sql = `SELECT * FROM (SELECT ${columns}, n.decision_date AS sort_date, ${score} AS score FROM portal.notice n WHERE ${allOf(w)}) AS matches ${keyset}
         ORDER BY score DESC, sort_date DESC, id DESC LIMIT ${limit}`;
    return { limit, first: { sql, params } };
  }
  const k = walk ?? walkLength(terms, limit, stats);
  // Qualified: the select list's `decision_date::text AS decision_date` must not become the sort key
  // (sorting that text cannot use the index).
  const order = 'ORDER BY n.decision_date DESC, n.id DESC';
  const params: unknown[] = [];
  const w = whereOf(f, params, { today, pairs: true, stats, keyset: true });
  if (!w.pairs || k === Infinity) {
    // No term, or one-character terms only: walk newest first until `limit` rows match.
    return { limit, first: { sql: `SELECT ${columns} FROM portal.notice n WHERE ${allOf(w)} ${order} LIMIT ${limit}`, params } };
  }
  // The index path: every row holding the pairs (GIN), checked, sorted. MATERIALIZED keeps the
  // planner from turning it back into a walk of the date index; the page's columns are computed
  // for its rows only.
  const indexed: Statement = {
    sql: `WITH indexed AS MATERIALIZED (SELECT n.id, n.decision_date FROM portal.notice n WHERE ${allOf(w)})
      SELECT ${columns} FROM portal.notice n WHERE n.id IN (SELECT i.id FROM indexed i ORDER BY i.decision_date DESC, i.id DESC LIMIT ${limit}) ${order}`,
    params,
  };
  if (k === 0) return { limit, first: indexed };
  // The walk: the first k rows, newest first, that pass the filters (an index range), each checked
  // for the terms. The inner LIMIT bounds it; its order carries through (no sort).
  const walkParams: unknown[] = [];
  const ww = whereOf(f, walkParams, { today, pairs: false, keyset: true });
  const walked: Statement = {
    sql: `SELECT ${columns} FROM (SELECT * FROM portal.notice n WHERE ${ww.filters.join(' AND ')} ${order} LIMIT ${k}) AS n
      WHERE ${ww.termChecks('n.search_text').join(' AND ')} ${order} LIMIT ${limit}`,
    params: walkParams,
  };
  return { limit, first: walked, fallback: indexed };
}

/** Runs a search plan with `run` (the service's DataSource, or the benchmark's pool). */
export async function runSearchPlan<R>(plan: ReturnType<typeof searchPlan>, run: (sql: string, params: unknown[]) => Promise<R[]>): Promise<R[]> {
  const rows = await run(plan.first.sql, plan.first.params);
  if (rows.length >= plan.limit || !plan.fallback) return rows;
  return run(plan.fallback.sql, plan.fallback.params);
}

/** Every read of public notices. Hand-written SQL over the read model: the search is the product. */
@Injectable()
export class NoticeQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Today in China: notices past their display period leave every public surface on the next day. */
  private today(): string {
    return chinaToday(this.clock.now());
  }

  private statsCache?: { at: number; value: Promise<BigramStats | undefined> };

  /**
   * Pair frequencies from pg_stats, re-read every 10 minutes (autovacuum's ANALYZE refreshes them as
   * the table grows). A failure only means every pair is named, as before the first ANALYZE.
   */
  bigramStats(): Promise<BigramStats | undefined> {
    const now = performance.now();
    if (this.statsCache && now - this.statsCache.at < 600_000) return this.statsCache.value;
    const value = loadBigramStats((sql) => this.db.query(sql)).catch(() => undefined);
    // Before the first ANALYZE there is nothing to cache for long: look again in a minute.
    this.statsCache = { at: now, value };
    void value.then((v) => {
      if (!v && this.statsCache?.value === value) this.statsCache.at = now - 540_000;
    });
    return value;
  }

  /**
   * One page of a search, newest decision first (or by relevance), with a keyset cursor for the next.
   * Sorting by the column the date filter uses lets a date-range search walk one index range.
   */
  async search(f: NoticeSearchDto, columns = SUMMARY_COLUMNS): Promise<SearchPage> {
    const rows = await this.searchRows(f, columns);
    const limit = f.limit ?? 20;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const terms = searchTerms(f.q);
    const result: SearchPage = { items: page.map((r) => toSummary(r, terms)) };
    if (rows.length > limit && last) {
      result.next = encodeCursor({ t: last.decision_date!, id: last.id, ...(f.sort === 'relevance' ? { s: Number(last.score) } : {}) });
    }
    if (f.count === 'true') result.total = await this.count(f);
    return result;
  }

  /** Raw rows of one page plus one (to know whether there is a next page). */
  async searchRows(f: NoticeSearchDto, columns = SUMMARY_COLUMNS): Promise<(NoticeRow & { score?: number })[]> {
    const plan = searchPlan(f, this.today(), await this.bigramStats(), columns);
    return runSearchPlan(plan, (sql, params) => this.db.query(sql, params));
  }

  /** How many notices match, exact up to COUNT_CAP (beyond that "more than 10,000"). */
  async count(f: NoticeFilterDto): Promise<{ value: number; exact: boolean }> {
    const params: unknown[] = [];
    const where = allOf(whereOf(f, params, { today: this.today(), pairs: true, stats: await this.bigramStats() }));
    const [row] = (await this.db.query(`SELECT count(*)::int AS c FROM (SELECT 1 FROM portal.notice n WHERE ${where} LIMIT ${COUNT_CAP + 1}) AS m`, params)) as { c: number }[];
    return row.c > COUNT_CAP ? { value: COUNT_CAP, exact: false } : { value: row.c, exact: true };
  }

  /**
   * Every match, newest first, in pages of `batch` rows: a keyset loop, so an export of a million
   * rows holds one batch in memory at a time.
   */
  async *scan(f: NoticeFilterDto, batch = 1000): AsyncGenerator<NoticeRow[]> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.searchRows({ ...f, sort: 'date', after, limit: batch }, DETAIL_COLUMNS.replace('inspection_date_text', 'NULL AS inspection_date_text'));
      const page = rows.slice(0, batch);
      if (page.length) yield page;
      if (rows.length <= batch) return;
      const last = page[page.length - 1];
      after = encodeCursor({ t: last.decision_date!, id: last.id });
    }
  }

  /** A notice by id: 404 if never seen, 410 once withdrawn or expired. */
  async detail(id: string): Promise<NoticeDetail> {
    const [row] = (await this.db.query(
      `SELECT ${DETAIL_COLUMNS.replace('inspection_date_text', `(CASE WHEN kind = 'spot_check' THEN stats_date::text END) AS inspection_date_text`)}
       FROM portal.notice WHERE id = $1`,
      [id],
    )) as NoticeRow[];
    if (!row) throw new DomainError('not_found', `no notice ${id}`);
    const today = this.today();
    if (row.status === 'withdrawn') throw new DomainError('gone', '该公示已撤回（the notice was withdrawn）', { status: 'withdrawn' });
    if (row.status === 'expired' || (row.display_until && row.display_until < today)) {
      throw new DomainError('gone', '该公示已过公示期（the notice is past its display period）', { status: 'expired' });
    }
    // Dates in China; versions above the one held (a correction whose content has not arrived) are not shown.
    const history = (await this.db.query(
      `SELECT version, to_char(changed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date, reason
       FROM portal.notice_history WHERE notice_id = $1 AND version <= $2 ORDER BY version`,
      [id, row.version],
    )) as { version: number; date: string; reason: string | null }[];
    return toDetail(row, toHistory(history));
  }

  /** Name under which a credit code was last published, among notices still on display (for the firm page heading). */
  async firmName(creditCode: string): Promise<string | undefined> {
    const [row] = (await this.db.query(
      `SELECT party_name FROM portal.notice
       WHERE status = 'public' AND (display_until IS NULL OR display_until >= $2::date) AND credit_code = $1
       ORDER BY decision_date DESC LIMIT 1`,
      [creditCode, this.today()],
    )) as { party_name: string }[];
    return row?.party_name;
  }

  private facetCache?: { at: number; value: Promise<Facets> };

  /** Values for the filter drop-downs: departments, regions, penalty types in use (cached 60 s: a full scan). */
  facets(): Promise<Facets> {
    if (this.facetCache && performance.now() - this.facetCache.at < 60_000) return this.facetCache.value;
    const value = this.loadFacets();
    this.facetCache = { at: performance.now(), value };
    value.catch(() => (this.facetCache = undefined));
    return value;
  }

  private async loadFacets(): Promise<Facets> {
    const [row] = (await this.db.query(`
      SELECT
        (SELECT coalesce(array_agg(d ORDER BY d), '{}') FROM (SELECT DISTINCT department AS d FROM portal.notice WHERE status = 'public') a) AS departments,
        (SELECT coalesce(array_agg(r ORDER BY r), '{}') FROM (SELECT DISTINCT region AS r FROM portal.notice WHERE status = 'public' AND region IS NOT NULL) b) AS regions,
        (SELECT coalesce(array_agg(t ORDER BY t), '{}') FROM (SELECT DISTINCT unnest(penalty_types) AS t FROM portal.notice WHERE status = 'public' AND kind = 'penalty') c) AS penalty_types`)) as {
      departments: string[];
      regions: string[];
      penalty_types: string[];
    }[];
    return { departments: row.departments, regions: row.regions, penaltyTypes: row.penalty_types };
  }
}
