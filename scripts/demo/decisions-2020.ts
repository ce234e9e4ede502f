/**
 * The bureau's 2020 双公示 records for the demo: 236 licence decisions and 17 penalty decisions (the
 * figures of its 2020 annual report), as the CSV files an officer would import. Names of firms and
 * people are invented; the shapes follow public notices of Chinese water bureaus.
 */
import { plusDays, workingDay2020, workingDaysAfter } from './demo-dates.js';
import { BUREAU_CODE, BUREAU_NAME, demoCreditCode, demoIdNumber } from './demo-codes.js';
import { between, pick, seededRandom } from './demo-random.js';

export interface DecisionFile {
  department: string;
  kind: 'licence' | 'penalty';
  csv: string;
  rows: number;
  /** The 行政许可决定文书号 / 行政处罚决定书文号 of each row, in row order (the CSV has one line per row). */
  documentNumbers: string[];
  /** The years of the rows' decision dates (what the seed looks their document numbers up by). */
  years: number[];
}

export const RIVERS = ['苕溪', '天目溪', '昌化溪', '锦溪', '南苕溪', '灵溪'];
export const TOWNS = ['锦城街道', '玲珑街道', '青山湖街道', '太湖源镇', '於潜镇', '昌化镇', '河桥镇', '清凉峰镇', '高虹镇', '板桥镇'];
const FIRM_STEMS = ['清源', '绿洲', '天目', '锦溪', '青山', '德润', '恒泰', '汇丰', '瑞丰', '华水', '临溪', '金石', '宏达', '众诚', '康源', '浙西'];
const FIRM_KINDS = ['水务有限公司', '建设工程有限公司', '食品有限公司', '纺织有限公司', '砂石有限公司', '农业开发有限公司', '酒店管理有限公司', '新材料股份有限公司', '房地产开发有限公司', '交通建设集团有限公司'];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '欧阳'];
export const GIVEN = ['建国', '海峰', '丽娟', '志强', '秀英', '伟', '明华', '国庆', '小燕', '立新'];

export interface LicenceKind {
  department: string;
  count: number;
  documentName: string;
  certificate: string;
  category: string;
  prefix: string;
  content: (rnd: () => number) => string;
  years: number | null;
}

export const LICENCE_KINDS: LicenceKind[] = [
  {
    department: '水资源管理科', count: 96, documentName: '取水许可决定书', certificate: '取水许可证', category: '普通', prefix: '取水', years: 5,
    content: (r) => `准予在${pick(r, TOWNS)}${pick(r, RIVERS)}取用${pick(r, ['地表水', '地下水'])}，年取水量${between(r, 2, 120)}万立方米，用途：${pick(r, ['工业用水', '生活用水', '农业灌溉', '水产养殖'])}。`,
  },
  {
    department: '河湖管理科', count: 12, documentName: '河道采砂许可决定书', certificate: '河道采砂许可证', category: '特许', prefix: '采砂', years: 1,
    content: (r) => `准予在${pick(r, RIVERS)}${pick(r, TOWNS)}段采砂，控制开采量${between(r, 1, 8)}万吨，采用${pick(r, ['旱采', '水采'])}方式，须按规定时段作业。`,
  },
  {
    department: '河湖管理科', count: 48, documentName: '河道管理范围内建设项目工程建设方案审批决定书', certificate: '', category: '普通', prefix: '涉河', years: null,
    content: (r) => `同意在${pick(r, RIVERS)}${pick(r, TOWNS)}段实施${pick(r, ['桥梁', '管线穿越', '护岸', '取水口', '排水口', '码头'])}工程建设方案，须落实防洪补救措施。`,
  },
  {
    department: '水土保持站', count: 64, documentName: '生产建设项目水土保持方案审批决定书', certificate: '', category: '普通', prefix: '水保', years: null,
    content: (r) => `批准${pick(r, TOWNS)}${pick(r, ['道路', '厂房', '住宅小区', '光伏电站', '矿山复绿', '物流园'])}项目水土保持方案，防治责任范围${between(r, 1, 60)}公顷。`,
  },
  {
    department: '水资源管理科', count: 16, documentName: '洪水影响评价类审批决定书', certificate: '', category: '普通', prefix: '洪评', years: null,
    content: (r) => `同意${pick(r, TOWNS)}${pick(r, ['开发区', '产业园', '安置小区', '学校'])}项目洪水影响评价报告，须按批复落实防洪措施。`,
  },
];

/** The columns of a licence import (the 双公示 standard's names). */
export const LICENCE_HEADER = ['行政相对人名称', '行政相对人类别', '统一社会信用代码', '法定代表人', '行政许可决定文书名称', '行政许可决定文书号', '许可类别', '许可证书名称', '许可编号', '许可内容', '许可决定日期', '有效期自', '有效期至', '许可机关', '许可机关统一社会信用代码', '当前状态', '数据来源单位', '数据来源单位统一社会信用代码', '身份证号', '公示日期'];
/** The columns of a penalty import. */
export const PENALTY_HEADER = ['行政相对人名称', '行政相对人类别', '统一社会信用代码', '法定代表人', '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '处罚内容', '罚款金额（万元）', '没收违法所得、没收非法财物的金额（万元）', '处罚决定日期', '处罚机关', '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码', '处罚程序', '身份证号', '公示日期'];

const csvCell = (v: string | number): string => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const toCsv = (header: string[], rows: (string | number)[][]): string => [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

/** A 公示日期 1–3 working days after the decision: well within the 7 working days the rules allow. */
export const publishedOn = (decision: string, r: () => number): string => workingDaysAfter(decision, between(r, 1, 3));

/** Invented firms, numbered from `first` so that every call of a generator gives the same codes. */
export function firms(first: number) {
  let serial = first;
  return (r: () => number): { name: string; code: string; rep: string } => {
    serial++;
    return { name: `${pick(r, TOWNS).replace(/街道|镇/, '')}${pick(r, FIRM_STEMS)}${pick(r, FIRM_KINDS)}`, code: demoCreditCode(serial), rep: `${pick(r, SURNAMES)}${pick(r, GIVEN)}` };
  };
}

export function licenceFiles2020(): DecisionFile[] {
  const r = seededRandom(2020_1);
  const firm = firms(1000);
  const header = LICENCE_HEADER;
  const byDepartment = new Map<string, (string | number)[][]>();
  let serial = 0;
  for (const kind of LICENCE_KINDS) {
    for (let i = 0; i < kind.count; i++) {
      serial++;
      const decided = workingDay2020(r);
      // About one 取水 licence in eight goes to a farmer drawing water himself: a natural person.
      const person = kind.prefix === '取水' && r() < 0.125;
      const f = firm(r);
      const name = person ? `${pick(r, SURNAMES)}${pick(r, GIVEN)}` : f.name;
      const number = `临水${kind.prefix}〔2020〕${serial}号`;
      byDepartment.set(kind.department, [
        ...(byDepartment.get(kind.department) ?? []),
        [
          name, person ? '自然人' : '法人及非法人组织', person ? '' : f.code, person ? '' : f.rep, kind.documentName, number, kind.category,
          kind.certificate, kind.certificate ? `C330112${2020}${String(serial).padStart(5, '0')}` : '', kind.content(r), decided, decided,
          kind.years ? plusDays(decided, 365 * kind.years - 1) : '长期', BUREAU_NAME, BUREAU_CODE, '有效', BUREAU_NAME, BUREAU_CODE,
          person ? demoIdNumber(serial) : '', publishedOn(decided, r),
        ],
      ]);
    }
  }
  return [...byDepartment].map(([department, rows]) => ({
    department, kind: 'licence', csv: toCsv(header, rows), rows: rows.length, documentNumbers: rows.map((row) => String(row[5])), years: [2020],
  }));
}

interface PenaltyCase {
  type: string;
  basis: string;
  facts: (who: string, r: () => number) => string;
  penaltyTypes: string[];
}

const PENALTY_CASES: PenaltyCase[] = [
  {
    type: '未经许可擅自采砂', basis: '《中华人民共和国水法》第七十二条、《浙江省河道管理条例》第四十四条', penaltyTypes: ['罚款', '没收违法所得'],
    facts: (who, r) => `${who}于2020年在${pick(r, RIVERS)}${pick(r, TOWNS)}段未取得河道采砂许可证擅自采砂约${between(r, 200, 3000)}吨，违法所得${between(r, 1, 9)}万元。`,
  },
  {
    type: '未经批准擅自取水', basis: '《中华人民共和国水法》第六十九条', penaltyTypes: ['罚款'],
    facts: (who, r) => `${who}未依照批准的取水许可规定条件取水，在${pick(r, TOWNS)}擅自取用地下水约${between(r, 1, 30)}万立方米。`,
  },
  {
    type: '未按水土保持方案落实防治措施', basis: '《中华人民共和国水土保持法》第五十三条', penaltyTypes: ['罚款'],
    facts: (who, r) => `${who}在${pick(r, TOWNS)}建设项目施工中未按批准的水土保持方案落实防治措施，造成水土流失面积约${between(r, 1, 9)}公顷。`,
  },
  {
    type: '在河道管理范围内弃置渣土', basis: '《中华人民共和国防洪法》第五十六条', penaltyTypes: ['罚款'],
    facts: (who, r) => `${who}在${pick(r, RIVERS)}河道管理范围内弃置建筑渣土约${between(r, 50, 800)}立方米，影响河道行洪。`,
  },
];

export function penaltyFiles2020(): DecisionFile[] {
  const r = seededRandom(2020_2);
  const firm = firms(3000);
  const header = PENALTY_HEADER;
  const rows: (string | number)[][] = [];
  for (let i = 1; i <= 17; i++) {
    const c = pick(r, PENALTY_CASES);
    const decided = workingDay2020(r);
    const person = i % 6 === 0; // a few individuals: their names are masked, their ID numbers never leave
    const f = firm(r);
    const name = person ? `${pick(r, SURNAMES)}${pick(r, GIVEN)}` : f.name;
    const id = person ? demoIdNumber(500 + i, '19680722') : '';
    // An officer pasted the party's ID number and phone into the facts: redaction must catch both.
    const facts = c.facts(person ? `当事人${name}（身份证号${id}，联系电话1390571${String(1000 + i).slice(-4)}）` : '当事人', r);
    const fine = (between(r, 5, 200) / 10).toFixed(1);
    const confiscated = c.penaltyTypes.includes('没收违法所得') ? (between(r, 10, 90) / 10).toFixed(1) : '';
    rows.push([
      name, person ? '自然人' : '法人及非法人组织', person ? '' : f.code, person ? '' : f.rep, `临水罚〔2020〕${i}号`, c.type, facts, c.basis,
      c.penaltyTypes.join('；'), `罚款人民币${fine}万元${confiscated ? `，没收违法所得${confiscated}万元` : ''}`, fine, confiscated, decided,
      BUREAU_NAME, BUREAU_CODE, BUREAU_NAME, BUREAU_CODE, '普通程序', id, publishedOn(decided, r),
    ]);
  }
  return [{ department: '水政监察大队', kind: 'penalty', csv: toCsv(header, rows), rows: rows.length, documentNumbers: rows.map((row) => String(row[4])), years: [2020] }];
}
