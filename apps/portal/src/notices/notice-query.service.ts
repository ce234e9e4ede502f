import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '#domain';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { bigramsOf, chinaToday, searchTerms } from '../common/search-text.js';
import type { NoticeFilterDto, NoticeSearchDto } from './search-query.dto.js';
import { toDetail, toSummary, type NoticeDetail, type NoticeRow, type NoticeSummary } from './notice.view.js';

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

/** Builds the WHERE clause of a search; parameters are appended to `params`. */
function whereOf(f: NoticeFilterDto, params: unknown[]): { sql: string; terms: string[] } {
  const p = (v: unknown) => `$${params.push(v)}`;
  const where = [`status = 'public'`, `(display_until IS NULL OR display_until >= ${p(chinaToday())}::date)`];
  const terms = searchTerms(f.q);
  const bigrams = [...new Set(terms.flatMap(bigramsOf))];
  // The GIN index narrows to rows holding every character pair; strpos then checks the exact
  // substring (pairs alone would also match 水…利). One-character terms have no pair: strpos alone.
  if (bigrams.length) where.push(`bigrams @> ${p(bigrams)}::text[]`);
  for (const t of terms) where.push(`strpos(search_text, ${p(t)}) > 0`);
  if (f.kind) where.push(`kind = ${p(f.kind)}`);
  if (f.department) where.push(`department = ${p(f.department)}`);
  if (f.region) where.push(`region = ${p(f.region)}`);
  if (f.from) where.push(`decision_date >= ${p(f.from)}::date`);
  if (f.to) where.push(`decision_date <= ${p(f.to)}::date`);
  if (f.penaltyType) where.push(`penalty_types @> ARRAY[${p(f.penaltyType)}]::text[]`);
  if (f.creditCode) where.push(`credit_code = ${p(f.creditCode)}`);
  if (f.from && f.to && f.from > f.to) throw new DomainError('invalid', 'from must not be after to');
  return { sql: where.join(' AND '), terms };
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

/**
 * The SQL of one search page (limit + 1 rows). Exported so the benchmark runs exactly this SQL
 * directly on PostgreSQL as its baseline.
 */
export function searchSql(f: NoticeSearchDto, columns = SUMMARY_COLUMNS): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const { sql: where, terms } = whereOf(f, params);
  const limit = (f.limit ?? 20) + 1;
  const cursor = f.after ? decodeCursor(f.after) : undefined;
  if (f.sort === 'relevance' && terms.length) {
    const score = scoreOf(terms, params);
    const keyset = cursor ? `WHERE (score, sort_date, id) < ($${params.push(cursor.s ?? 0)}, $${params.push(cursor.t)}::date, $${params.push(cursor.id)})` : '';
    return {
      sql: `SELECT * FROM (SELECT ${columns}, n.decision_date AS sort_date, ${score} AS score FROM portal.notice n WHERE ${where}) AS matches ${keyset}
         ORDER BY score DESC, sort_date DESC, id DESC LIMIT ${limit}`,
      params,
    };
  }
  const keyset = cursor ? ` AND (decision_date, id) < ($${params.push(cursor.t)}::date, $${params.push(cursor.id)})` : '';
  // Qualified: the select list's `decision_date::text AS decision_date` must not become the sort key
  // (sorting that text cannot use the index).
  return { sql: `SELECT ${columns} FROM portal.notice n WHERE ${where}${keyset} ORDER BY n.decision_date DESC, n.id DESC LIMIT ${limit}`, params };
}

/** Every read of public notices. Hand-written SQL over the read model: the search is the product. */
@Injectable()
export class NoticeQueryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One page of a search, newest decision first (or by relevance), with a keyset cursor for the next.
   * Sorting by the column the date filter uses lets a date-range search walk one index range.
   */
  async search(f: NoticeSearchDto, columns = SUMMARY_COLUMNS): Promise<SearchPage> {
    const rows = await this.searchRows(f, columns);
    const limit = f.limit ?? 20;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const result: SearchPage = { items: page.map((r) => toSummary(r, searchTerms(f.q))) };
    if (rows.length > limit && last) {
      result.next = encodeCursor({ t: last.decision_date!, id: last.id, ...(f.sort === 'relevance' ? { s: Number(last.score) } : {}) });
    }
    if (f.count === 'true') result.total = await this.count(f);
    return result;
  }

  /** Raw rows of one page plus one (to know whether there is a next page). */
  async searchRows(f: NoticeSearchDto, columns = SUMMARY_COLUMNS): Promise<(NoticeRow & { score?: number })[]> {
    const { sql, params } = searchSql(f, columns);
    return this.db.query(sql, params);
  }

  /** How many notices match, exact up to COUNT_CAP (beyond that "more than 10,000"). */
  async count(f: NoticeFilterDto): Promise<{ value: number; exact: boolean }> {
    const params: unknown[] = [];
    const { sql } = whereOf(f, params);
    const [row] = (await this.db.query(`SELECT count(*)::int AS c FROM (SELECT 1 FROM portal.notice WHERE ${sql} LIMIT ${COUNT_CAP + 1}) AS m`, params)) as { c: number }[];
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
    const today = chinaToday();
    if (row.status === 'withdrawn') throw new DomainError('gone', '该公示已撤回（the notice was withdrawn）', { status: 'withdrawn' });
    if (row.status === 'expired' || (row.display_until && row.display_until < today)) {
      throw new DomainError('gone', '该公示已过公示期（the notice is past its display period）', { status: 'expired' });
    }
    return toDetail(row);
  }

  /** Name under which a credit code was last published (for the firm page heading). */
  async firmName(creditCode: string): Promise<string | undefined> {
    const [row] = (await this.db.query(
      `SELECT party_name FROM portal.notice WHERE status = 'public' AND credit_code = $1 ORDER BY decision_date DESC LIMIT 1`,
      [creditCode],
    )) as { party_name: string }[];
    return row?.party_name;
  }

  private facetCache?: { at: number; value: Promise<Facets> };

  /** Values for the filter drop-downs: departments, regions, penalty types in use (cached 60 s: a full scan). */
  facets(): Promise<Facets> {
    if (this.facetCache && Date.now() - this.facetCache.at < 60_000) return this.facetCache.value;
    const value = this.loadFacets();
    this.facetCache = { at: Date.now(), value };
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
