/**
 * The data set of bench:portal: notices generated inside PostgreSQL from a water-bureau vocabulary
 * (party names, document numbers, titles, bodies), indexes built after the load.
 *
 *   node dist/scripts/bench/portal-data.js [notices]
 * on its own creates a test database, migrates it, loads it and prints its URL (kept: pass it to the
 * benchmark as BENCH_DATABASE_URL to measure again without reloading; drop it when done).
 */
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createTestDatabase, openAppDataSource } from '#persistence';
import { PORTAL_ENTITIES, PORTAL_MIGRATIONS } from '../../apps/portal/src/persistence.js';

/** Runs the portal's migrations on a database (no app, no NATS). */
export async function migratePortal(url: string): Promise<void> {
  const ds = await openAppDataSource({ url, schema: 'portal', entities: PORTAL_ENTITIES, migrations: PORTAL_MIGRATIONS, poolSize: 1 });
  await ds.destroy();
}

export const VOCAB = {
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

/** Loads `n` notices (indexes dropped during the load, rebuilt after it), then VACUUM ANALYZE. */
export async function loadNotices(url: string, N: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = Date.now();
  await c.query(`SET maintenance_work_mem = '1GB'`);
  await c.query(`SET synchronous_commit = off`);
  // Every secondary index as the migrations define it: dropped for the load, rebuilt from its own
  // definition after it (faster than maintaining a GIN index row by row).
  const { rows: indexes } = (await c.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'portal' AND tablename = 'notice' AND indexname NOT IN
       (SELECT conname FROM pg_constraint WHERE conrelid = 'portal.notice'::regclass)`,
  )) as { rows: { indexname: string; indexdef: string }[] };
  for (const ix of indexes) await c.query(`DROP INDEX portal."${ix.indexname}"`);
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
  for (const ix of indexes) await c.query(ix.indexdef);
  await c.query(`VACUUM ANALYZE portal.notice`);
  const [{ size }] = (await c.query(`SELECT pg_size_pretty(pg_total_relation_size('portal.notice')) AS size`)).rows as { size: string }[];
  console.log(`  indexes built and analysed in ${Math.round((Date.now() - t1) / 1000)} s; table with indexes: ${size}`);
  await c.end();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const db = await createTestDatabase('portalbench');
  await migratePortal(db.url);
  await loadNotices(db.url, n);
  console.log(db.url);
}
