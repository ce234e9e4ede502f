/**
 * A few current 双公示 records for the demo, besides the 2020 year: about 12 licence decisions and
 * 6 penalty decisions signed on working days of the last ~40 days before `today` (China date),
 * each published 1–3 working days later and never after `today`. The penalties are 普通程序 with
 * fines above the small-fine threshold, so their display period (3 years) is running and the portal
 * shows them; two go to natural persons whose ID number and phone an officer pasted into 违法事实,
 * so the masking is visible. Deterministic for a given `today`.
 *
 * Numbers and codes never meet the 2020 ones: document numbers run from 101 in their decision's
 * year (2020's run 1–236 and 1–17, and their year is 2020), credit codes from serial 7001/8001
 * (2020's: 1001–1236 and 3001–3017), ID numbers from serial 900.
 */
import {
  GIVEN, LICENCE_HEADER, LICENCE_KINDS, PENALTY_HEADER, RIVERS, SURNAMES, TOWNS, firms, toCsv, type DecisionFile,
} from './decisions-2020.js';
import { BUREAU_CODE, BUREAU_NAME, demoIdNumber } from './demo-codes.js';
import { plusDays, publishedBy, recentDecisionDays } from './demo-dates.js';
import { between, pick, seededRandom } from './demo-random.js';

/** How many recent decisions the demo adds, and over how many calendar days before today. */
export const RECENT_DECISIONS = { licences: 12, penalties: 6, naturalPersonPenalties: 2, days: 40 } as const;

/** The first number of a recent decision in its year. */
const FIRST_NUMBER = 101;

/** Which licences, by prefix of LICENCE_KINDS (12 in all, over the three licensing units). */
const RECENT_LICENCES: Record<string, number> = { 取水: 4, 采砂: 1, 涉河: 3, 水保: 3, 洪评: 1 };

interface RecentPenaltyCase {
  type: string;
  basis: string;
  penaltyTypes: string[];
  facts: (who: string, decided: string, r: () => number) => string;
}

const month = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`;

const RECENT_PENALTY_CASES: RecentPenaltyCase[] = [
  {
    type: '未经许可擅自采砂', basis: '《中华人民共和国水法》第七十二条、《浙江省河道管理条例》第四十四条', penaltyTypes: ['罚款', '没收违法所得'],
    facts: (who, decided, r) => `${who}于${month(plusDays(decided, -20))}在${pick(r, RIVERS)}${pick(r, TOWNS)}段未取得河道采砂许可证擅自采砂约${between(r, 200, 3000)}吨，违法所得${between(r, 1, 9)}万元。`,
  },
  {
    type: '未经批准擅自取水', basis: '《中华人民共和国水法》第六十九条', penaltyTypes: ['罚款'],
    facts: (who, _decided, r) => `${who}未依照批准的取水许可规定条件取水，在${pick(r, TOWNS)}擅自取用地下水约${between(r, 1, 30)}万立方米。`,
  },
  {
    type: '未按水土保持方案落实防治措施', basis: '《中华人民共和国水土保持法》第五十三条', penaltyTypes: ['罚款'],
    facts: (who, _decided, r) => `${who}在${pick(r, TOWNS)}建设项目施工中未按批准的水土保持方案落实防治措施，造成水土流失面积约${between(r, 1, 9)}公顷。`,
  },
  {
    type: '在河道管理范围内弃置渣土', basis: '《中华人民共和国防洪法》第五十六条', penaltyTypes: ['罚款'],
    facts: (who, _decided, r) => `${who}在${pick(r, RIVERS)}河道管理范围内弃置建筑渣土约${between(r, 50, 800)}立方米，影响河道行洪。`,
  },
];

/** A seed from the date, so that one day always gives the same records. */
const seedOf = (today: string, salt: number) => Number(today.replace(/-/g, '')) * 10 + salt;

/** `count` decision dates (ascending) among the recent working days, with their 公示日期. */
function decisionDates(r: () => number, today: string, count: number): { decided: string; published: string }[] {
  const days = recentDecisionDays(today, RECENT_DECISIONS.days);
  if (!days.length) throw new Error(`no working day in the ${RECENT_DECISIONS.days} days before ${today}`);
  return Array.from({ length: count }, () => pick(r, days))
    .sort()
    .map((decided) => ({ decided, published: publishedBy(decided, between(r, 1, 3), today) }));
}

/** Numbers 101, 102… in each decision's year, in date order (the dates are sorted). */
function numberer() {
  const next = new Map<string, number>();
  return (decided: string): { year: string; n: number } => {
    const year = decided.slice(0, 4);
    const n = next.get(year) ?? FIRST_NUMBER;
    next.set(year, n + 1);
    return { year, n };
  };
}

const yearsOf = (dates: { decided: string }[]) => [...new Set(dates.map((d) => Number(d.decided.slice(0, 4))))];

/** The recent licence decisions: one file per licensing unit. */
export function recentLicenceFiles(today: string): DecisionFile[] {
  const r = seededRandom(seedOf(today, 1));
  const firm = firms(7000);
  const kinds = LICENCE_KINDS.flatMap((k) => Array.from({ length: RECENT_LICENCES[k.prefix] ?? 0 }, () => k));
  const dates = decisionDates(r, today, kinds.length);
  const number = numberer();
  const byDepartment = new Map<string, { rows: (string | number)[][]; dates: typeof dates }>();
  // Shuffle which licence falls on which date (deterministically), so each unit's dates spread.
  const order = kinds.map((k) => ({ k, key: r() })).sort((a, b) => a.key - b.key).map((x) => x.k);
  order.forEach((kind, i) => {
    const { decided, published } = dates[i];
    const { year, n } = number(decided);
    // The first 取水 licence goes to a farmer drawing water himself: a natural person.
    const person = kind.prefix === '取水' && !order.slice(0, i).some((k) => k.prefix === '取水');
    const f = firm(r);
    const name = person ? `${pick(r, SURNAMES)}${pick(r, GIVEN)}` : f.name;
    const entry = byDepartment.get(kind.department) ?? { rows: [], dates: [] };
    entry.dates.push(dates[i]);
    entry.rows.push([
      name, person ? '自然人' : '法人及非法人组织', person ? '' : f.code, person ? '' : f.rep, kind.documentName, `临水${kind.prefix}〔${year}〕${n}号`, kind.category,
      kind.certificate, kind.certificate ? `C330112${year}${String(n).padStart(5, '0')}` : '', kind.content(r), decided, decided,
      kind.years ? plusDays(decided, 365 * kind.years - 1) : '长期', BUREAU_NAME, BUREAU_CODE, '有效', BUREAU_NAME, BUREAU_CODE,
      person ? demoIdNumber(900 + i, '19710418') : '', published,
    ]);
    byDepartment.set(kind.department, entry);
  });
  return [...byDepartment].map(([department, { rows, dates: ds }]) => ({
    department, kind: 'licence', csv: toCsv(LICENCE_HEADER, rows), rows: rows.length, documentNumbers: rows.map((row) => String(row[5])), years: yearsOf(ds),
  }));
}

/** The recent penalty decisions of 水政监察大队 (one file), two of them to natural persons. */
export function recentPenaltyFiles(today: string): DecisionFile[] {
  const r = seededRandom(seedOf(today, 2));
  const firm = firms(8000);
  const dates = decisionDates(r, today, RECENT_DECISIONS.penalties);
  const number = numberer();
  const rows = dates.map(({ decided, published }, i) => {
    const c = RECENT_PENALTY_CASES[i % RECENT_PENALTY_CASES.length];
    const person = i % 3 === 1; // the 2nd and the 5th
    const f = firm(r);
    const name = person ? `${pick(r, SURNAMES.filter((s) => s.length === 1))}${pick(r, GIVEN)}` : f.name;
    const id = person ? demoIdNumber(950 + i, '19820905') : '';
    // As in the 2020 file: an officer pasted the party's ID number and phone into the facts.
    const facts = c.facts(person ? `当事人${name}（身份证号${id}，联系电话1380571${String(2000 + i)}）` : '当事人', decided, r);
    // Above the small-fine threshold (5,000 yuan for a person, 50,000 for an organisation): 3 years' display.
    const fine = (person ? between(r, 6, 30) / 10 : between(r, 60, 200) / 10).toFixed(1);
    const confiscated = c.penaltyTypes.includes('没收违法所得') ? (between(r, 10, 90) / 10).toFixed(1) : '';
    const { year, n } = number(decided);
    return [
      name, person ? '自然人' : '法人及非法人组织', person ? '' : f.code, person ? '' : f.rep, `临水罚〔${year}〕${n}号`, c.type, facts, c.basis,
      c.penaltyTypes.join('；'), `罚款人民币${fine}万元${confiscated ? `，没收违法所得${confiscated}万元` : ''}`, fine, confiscated, decided,
      BUREAU_NAME, BUREAU_CODE, BUREAU_NAME, BUREAU_CODE, '普通程序', id, published,
    ];
  });
  return [{ department: '水政监察大队', kind: 'penalty', csv: toCsv(PENALTY_HEADER, rows), rows: rows.length, documentNumbers: rows.map((row) => String(row[4])), years: yearsOf(dates) }];
}

/** Both, as the seed imports them. */
export function recentDecisionFiles(today: string): DecisionFile[] {
  return [...recentLicenceFiles(today), ...recentPenaltyFiles(today)];
}
