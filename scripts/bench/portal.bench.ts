/**
 * bench:portal: search latency of the portal over 1,000,000 notices with realistic Chinese text.
 *
 *   npm run bench:portal            (BENCH_NOTICES=200000 for a quicker run; BENCH_RATE, BENCH_SECONDS)
 *
 * 1. A test database; the portal's migrations; 1M notices generated inside PostgreSQL (party names,
 *    document numbers, titles and bodies composed from a water-bureau vocabulary), indexes built after
 *    the load, ANALYZE.
 * 2. The portal app starts in this process; a second process (autocannon) sends search requests at a
 *    fixed rate for each scenario (2-, 3-, 4-character terms, with and without filters), recording
 *    every response time.
 * 3. Baseline in the same run: the very SQL the service runs (searchSql), sent straight to PostgreSQL
 *    at the same rate and concurrency with pg. Printed: p50/p95/p99 of both and their ratio.
 * Goal (issue 6): p95 < 50 ms for a 2-character term at 200 requests/s; the service adds ≤ 50 %.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createTestDatabase } from '#persistence';
import { loadConfig, startApp } from '#platform';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { searchSql } from '../../apps/portal/src/notices/notice-query.service.js';
import type { NoticeSearchDto } from '../../apps/portal/src/notices/search-query.dto.js';

const N = Number(process.env.BENCH_NOTICES ?? 1_000_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const run = promisify(execFile);

const VOCAB = {
  places: ['城关', '东江', '西山', '南湖', '北岭', '青石', '白沙', '龙潭', '凤凰', '桃源', '新河', '清溪', '金华', '长乐', '安平', '永兴'],
  trades: ['砂石', '水电', '建筑工程', '水产养殖', '矿业', '农业开发', '供水', '环保科技', '房地产开发', '物流', '混凝土', '石材'],
  suffix: ['有限公司', '有限责任公司', '股份有限公司', '水电站', '砂场', '合作社', '经营部'],
  titles: {
    licence: ['取水许可决定书', '河道管理范围内建设项目工程建设方案审查决定', '水土保持方案审批决定', '河道采砂许可决定', '水工程建设规划同意书'],
    penalty: ['行政处罚决定书', '水行政处罚决定书', '责令停止违法行为并罚款的处罚决定'],
    spot_check: ['双随机抽查结果公示', '取水单位监督检查结果', '河道采砂专项检查结果', '水土保持监督检查结果'],
  },
  phrases: [
    '当事人未经批准擅自在河道管理范围内采砂', '未按照取水许可规定条件取水', '擅自设置入河排污口', '在堤防保护范围内进行爆破作业',
    '未编制水土保持方案擅自开工建设', '拒不执行水量调度指令', '在水库库区内围湖造地', '未安装计量设施取水',
    '违反规定倾倒建筑垃圾阻碍行洪', '在河道内修建妨碍行洪的建筑物', '非法占用水域岸线', '未按规定缴纳水资源费',
    '依据《中华人民共和国水法》第六十五条', '依据《中华人民共和国防洪法》第五十七条', '依据《河道管理条例》第四十四条',
    '依据《取水许可和水资源费征收管理条例》第四十九条', '责令停止违法行为，限期恢复原状', '处罚款人民币二万元', '处罚款人民币五万元',
    '没收违法所得', '没收采砂船舶及作业工具', '经现场检查未发现问题', '发现问题已责令改正', '检查取水计量台账和取水量统计资料',
    '核查水土保持设施运行维护情况', '对堤防工程安全运行进行巡查', '检查河道采砂现场作业范围', '整改完成后组织复查',
    '水利工程建设质量监督检查', '水资源论证报告书审查', '取水工程验收合格', '准予行政许可', '许可有效期五年',
  ],
  departments: ['区水利水电局', '区水政监察大队', '区水资源管理科', '区河道管理所'],
  penaltyTypes: ['罚款', '警告', '没收违法所得', '没收非法财物', '责令停产停业', '暂扣许可证'],
};

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;
const pick = (arr: string) => `(${arr})[1 + floor(random() * array_length(${arr}, 1))::int]`;

async function load(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = Date.now();
  await c.query(`SET maintenance_work_mem = '1GB'`);
  await c.query(`SET synchronous_commit = off`);
  for (const ix of ['ix_notice_public_bigrams', 'ix_notice_public_recent', 'ix_notice_public_kind_recent', 'ix_notice_public_credit_code', 'ix_notice_stats']) {
    await c.query(`DROP INDEX IF EXISTS portal.${ix}`);
  }
  const phrases = sqlArray(VOCAB.phrases);
  const kinds = `ARRAY['licence','penalty','spot_check']::text[]`;
  const batch = 100_000;
  for (let start = 0; start < N; start += batch) {
    await c.query(`
      INSERT INTO portal.notice (id, version, kind, status, department, region, title, party_name, credit_code, document_number, decision_date,
        stats_date, published_at, first_published_at, penalty_types, on_time, body, search_text, fields)
      SELECT 'bench-' || g, 1, k.kind, 'public', ${pick(sqlArray(VOCAB.departments))}, ${pick(sqlArray(VOCAB.places))} || '镇',
        t.title, p.party, p.code, '区水' || CASE k.kind WHEN 'licence' THEN '许' WHEN 'penalty' THEN '罚' ELSE '查' END || '〔' || d.y || '〕' || (g % 997) || '号',
        d.day, d.day, d.day + interval '2 days', d.day + interval '2 days',
        CASE WHEN k.kind = 'penalty' THEN ARRAY[${pick(sqlArray(VOCAB.penaltyTypes))}] ELSE '{}'::text[] END, true, b.body,
        lower(p.party || chr(10) || p.code || chr(10) || t.title || chr(10) || b.body), '{}'::jsonb
      FROM generate_series(${start + 1}, ${Math.min(N, start + batch)}) AS g
      CROSS JOIN LATERAL (SELECT (${kinds})[1 + (g % 3)] AS kind) k
      CROSS JOIN LATERAL (SELECT date '2016-01-01' + (g % 3650) AS day, 2016 + (g % 3650) / 365 AS y) d
      CROSS JOIN LATERAL (SELECT ${pick(sqlArray(VOCAB.places))} || ${pick(sqlArray(VOCAB.trades))} || ${pick(sqlArray(VOCAB.suffix))} || (g % 5000) AS party,
        '91330100MA' || lpad(to_hex(g), 7, '0') || 'X' AS code, g AS gg) p
      CROSS JOIN LATERAL (SELECT CASE k.kind WHEN 'licence' THEN ${pick(sqlArray(VOCAB.titles.licence))} WHEN 'penalty' THEN ${pick(sqlArray(VOCAB.titles.penalty))}
        ELSE ${pick(sqlArray(VOCAB.titles.spot_check))} END AS title, g AS gg) t
      CROSS JOIN LATERAL (SELECT string_agg(${pick(phrases)}, '，') || '。' AS body FROM generate_series(1, 4 + (g % 4)) AS s WHERE s > 0 AND g > 0) b`);
    process.stdout.write(`\r  loaded ${Math.min(N, start + batch).toLocaleString('en')} / ${N.toLocaleString('en')} notices (${Math.round((Date.now() - t0) / 1000)} s)`);
  }
  console.log();
  const t1 = Date.now();
  await c.query(`CREATE INDEX ix_notice_public_bigrams ON portal.notice USING gin (bigrams) WITH (fastupdate = off) WHERE status = 'public'`);
  await c.query(`CREATE INDEX ix_notice_public_recent ON portal.notice (decision_date, id) WHERE status = 'public'`);
  await c.query(`CREATE INDEX ix_notice_public_kind_recent ON portal.notice (kind, decision_date, id) WHERE status = 'public'`);
  await c.query(`CREATE INDEX ix_notice_public_credit_code ON portal.notice (credit_code, decision_date) WHERE status = 'public'`);
  await c.query(`CREATE INDEX ix_notice_stats ON portal.notice (kind, stats_date)`);
  await c.query(`VACUUM ANALYZE portal.notice`);
  const [{ size }] = (await c.query(`SELECT pg_size_pretty(pg_total_relation_size('portal.notice')) AS size`)).rows as { size: string }[];
  console.log(`  indexes built and analysed in ${Math.round((Date.now() - t1) / 1000)} s; table with indexes: ${size}`);
  await c.end();
}

interface Latency {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx?: number;
  errors?: number;
}

/** The baseline: the service's SQL straight on PostgreSQL, open loop at RATE per second, CONNECTIONS at most in flight. */
async function direct(pool: pg.Pool, queries: NoticeSearchDto[]): Promise<Latency> {
  const times: number[] = [];
  const total = RATE * SECONDS;
  const started = Date.now();
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const jobs: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= CONNECTIONS) await new Promise<void>((r) => waiting.push(r));
    inFlight++;
    const { sql, params } = searchSql(queries[i % queries.length]);
    const t = performance.now();
    jobs.push(
      pool.query(sql, params).then(() => {
        times.push(performance.now() - t);
        inFlight--;
        waiting.shift()?.();
      }),
    );
  }
  await Promise.all(jobs);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { requests: times.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function viaHttp(url: string, paths: string[]): Promise<Latency> {
  const script = path.join(import.meta.dirname, 'portal-load.js');
  const { stdout } = await run(process.execPath, [script, url, String(RATE), String(SECONDS), String(CONNECTIONS), ...paths], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Latency;
}

const SCENARIOS: { name: string; queries: NoticeSearchDto[] }[] = [
  { name: '2 chars', queries: ['采砂', '堤防', '罚款', '取水', '排污', '行洪'].map((q) => ({ q })) },
  { name: '2 chars + filters', queries: ['采砂', '堤防', '罚款', '取水', '排污', '行洪'].map((q) => ({ q, kind: 'penalty', department: '区水政监察大队', from: '2020-01-01', to: '2022-12-31' })) },
  { name: '3 chars', queries: ['水电站', '排污口', '水土保', '计量设', '防洪法', '砂石有'].map((q) => ({ q })) },
  { name: '3 chars + filters', queries: ['水电站', '排污口', '水土保', '计量设', '防洪法', '砂石有'].map((q) => ({ q, kind: 'licence', region: '东江镇' })) },
  { name: '4 chars', queries: ['河道采砂', '取水许可', '水土保持', '责令改正', '围湖造地', '建筑垃圾'].map((q) => ({ q })) },
  { name: '4 chars + filters', queries: ['河道采砂', '取水许可', '水土保持', '责令改正', '围湖造地', '建筑垃圾'].map((q) => ({ q, kind: 'spot_check', from: '2018-01-01', to: '2019-12-31' })) },
];

const toPath = (q: NoticeSearchDto) => `/api/v1/notices?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`;
const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;

async function main(): Promise<void> {
  console.log(`bench:portal: ${N.toLocaleString('en')} notices, ${RATE} requests/s for ${SECONDS} s per scenario, ${CONNECTIONS} connections`);
  const db = await createTestDatabase('portalbench');
  const env = {
    NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', EVENTS_PREFIX: `bench_${Date.now().toString(36)}`,
    AUTH_LOCAL_SECRET: 'bench-secret-0123456789abcdef0123456789', LOG_LEVEL: 'warn', DB_POOL_SIZE: String(CONNECTIONS),
  };
  const start = () =>
    startApp({ serviceName: 'portal', title: 'portal', description: 'bench', config: loadConfig(env), module: (c, b) => PortalAppModule.forRoot(c, b, { rateLimit: { limit: 1e9, ttlMs: 60_000 } }) });
  try {
    (await start()).close(); // migrations
    await load(db.url);
    const app = await start();
    const pool = new pg.Pool({ connectionString: db.url, max: CONNECTIONS });
    try {
      // Warm both paths (plans, shared buffers) before measuring.
      for (const s of SCENARIOS) for (const q of s.queries) { const { sql, params } = searchSql(q); await pool.query(sql, params); await fetch(app.url + toPath(q)); }
      const rows: string[] = [];
      for (const s of SCENARIOS) {
        const base = await direct(pool, s.queries);
        const http = await viaHttp(app.url, s.queries.map(toPath));
        const ratio = http.p95 / base.p95;
        rows.push(
          `${s.name.padEnd(18)} | HTTP p50 ${ms(http.p50)} p95 ${ms(http.p95)} p99 ${ms(http.p99)} (${http.requests} req, ${http.non2xx ?? 0} non-2xx)` +
            ` | SQL p50 ${ms(base.p50)} p95 ${ms(base.p95)} p99 ${ms(base.p99)} | p95 ratio ${ratio.toFixed(2)}`,
        );
        console.log(rows[rows.length - 1]);
      }
    } finally {
      await pool.end();
      await app.close();
    }
  } finally {
    if (!process.env.BENCH_KEEP_DB) await db.drop();
  }
}

await main();
