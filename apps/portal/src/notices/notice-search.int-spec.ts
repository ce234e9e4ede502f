import { DataSource } from 'typeorm';
import { createTestDatabase, openAppDataSource, type TestDatabase } from '#persistence';
import { encodeCursor } from '../common/cursor.js';
import { PORTAL_ENTITIES, PORTAL_MIGRATIONS } from '../persistence.js';
import { loadBigramStats, runSearchPlan, searchPlan, walkLength, type BigramStats } from './notice-query.service.js';
import type { NoticeSearchDto } from './search-query.dto.js';

/**
 * The search's plans (walk of the date index, GIN index, walk then index) must all return exactly
 * what a brute-force LIKE returns, in order, page after page: whichever path a query takes only
 * changes its cost. Rows are written straight into the read model (no events needed here).
 */
describe('notice search plans (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let stats: BigramStats | undefined;

  const WORDS = ['水利', '采砂', '罚款', '河道', '取水', '许可', '水电站', '堤防', '监测', '整改', '利水', '水', '砂石', '工程', '围湖造地', '91330100MA'];
  const REGIONS = ['东江镇', '西山镇', '南湖镇'];
  const DEPARTMENTS = ['区水利水电局', '区水政监察大队'];
  /** The service's "today", pinned: display periods are compared with it. */
  const today = '2026-11-20';

  beforeAll(async () => {
    db = await createTestDatabase('portalsearch');
    ds = await openAppDataSource({ url: db.url, schema: 'portal', entities: PORTAL_ENTITIES, migrations: PORTAL_MIGRATIONS, poolSize: 2 });
    // 3,000 notices: common words (most rows), rare ones (a few rows), a few withdrawn or expired,
    // many on the same decision date (the id breaks ties).
    await ds.query(
      `INSERT INTO portal.notice (id, version, kind, status, department, region, title, party_name, credit_code, decision_date, display_until, body, search_text)
       SELECT 'n-' || lpad(g::text, 5, '0'), 1, (ARRAY['licence','penalty','spot_check'])[1 + g % 3],
         CASE WHEN g % 97 = 0 THEN 'withdrawn' ELSE 'public' END, ($1::text[])[1 + g % 2], ($2::text[])[1 + (g / 7) % 3],
         t.title, t.party, '91330100MA' || lpad(to_hex(g), 7, '0') || 'X', date '2020-01-01' + (g % 400),
         CASE WHEN g % 89 = 0 THEN date '2000-01-01' END, t.body, lower(t.party || chr(10) || t.title || chr(10) || t.body)
       FROM generate_series(1, 3000) AS g
       CROSS JOIN LATERAL (SELECT
         ($3::text[])[1 + (g * 7) % 16] || '有限公司' || (g % 50) AS party,
         ($3::text[])[1 + (g * 11) % 16] || '决定' AS title,
         (SELECT string_agg(($3::text[])[1 + (g * s * 13 + s) % 16], '，') FROM generate_series(1, 1 + g % 5) AS s) || CASE WHEN g % 500 = 0 THEN '罕见词语' ELSE '' END AS body) t`,
      [DEPARTMENTS, REGIONS, WORDS],
    );
    await ds.query(`ANALYZE portal.notice`);
    stats = await loadBigramStats((sql) => ds.query(sql));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** Brute force: every public, displayed notice whose search text contains every term, newest first. */
  async function expected(f: NoticeSearchDto): Promise<string[]> {
    const terms = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const params: unknown[] = [today];
    const where = [`status = 'public'`, `(display_until IS NULL OR display_until >= $1::date)`];
    for (const t of terms) where.push(`search_text LIKE '%' || $${params.push(t)} || '%'`);
    if (f.kind) where.push(`kind = $${params.push(f.kind)}`);
    if (f.region) where.push(`region = $${params.push(f.region)}`);
    if (f.department) where.push(`department = $${params.push(f.department)}`);
    if (f.from) where.push(`decision_date >= $${params.push(f.from)}::date`);
    if (f.to) where.push(`decision_date <= $${params.push(f.to)}::date`);
    const rows = (await ds.query(`SELECT id FROM portal.notice WHERE ${where.join(' AND ')} ORDER BY decision_date DESC, id DESC`, params)) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Every page of a search through one plan, concatenated. */
  async function paged(f: NoticeSearchDto, o: { stats?: BigramStats; walk?: number }): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 1000; pages++) {
      const plan = searchPlan({ ...f, after }, today, o.stats, undefined, o.walk);
      const rows = await runSearchPlan(plan, (sql, params) => ds.query(sql, params) as Promise<{ id: string; decision_date: string }[]>);
      const page = rows.slice(0, f.limit ?? 20);
      ids.push(...page.map((r) => r.id));
      if (rows.length <= page.length) return ids;
      const last = page[page.length - 1];
      after = encodeCursor({ t: last.decision_date, id: last.id });
    }
    throw new Error('no end of pages');
  }

  const TERMS = ['水利', '采砂', '利水', '水', '水电站', '围湖造地', '罕见词语', '见词', '91330100ma', '公司1', '砂石 工程', '水 许可', '不存在', '有限公司49'];
  const FILTERS: Partial<NoticeSearchDto>[] = [{}, { kind: 'penalty' }, { region: '东江镇', department: '区水政监察大队' }, { from: '2020-03-01', to: '2020-09-30', kind: 'licence' }];

  it('has statistics to plan with', () => {
    expect(stats?.rows).toBeGreaterThan(2000);
    expect(walkLength(['水利'], 21, stats)).toBeGreaterThan(0);
  });

  it.each(TERMS)('finds exactly what LIKE finds for %s, through every plan and page size', async (q) => {
    for (const filters of FILTERS) {
      const f = { q, ...filters } as NoticeSearchDto;
      const want = await expected(f);
      for (const limit of [7, 100]) {
        // walk 0: index only; 10: the walk runs out and the index takes over; 100,000: walk only;
        // statistics: the planned mix; none: the default walk.
        for (const o of [{ walk: 0 }, { walk: 10 }, { walk: 100_000 }, { stats }, {}]) {
          expect({ q, filters, limit, o: 'walk' in o ? o.walk : o.stats ? 'stats' : 'none', ids: await paged({ ...f, limit }, o) }).toEqual({
            q, filters, limit, o: 'walk' in o ? o.walk : o.stats ? 'stats' : 'none', ids: want,
          });
        }
      }
    }
  });
});
