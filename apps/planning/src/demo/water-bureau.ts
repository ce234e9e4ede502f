/**
 * The demo bureau of docs/demo.md: a district water-resources bureau (区水利水电局)
 * with 4 inspecting units, 25 inspectors and 13 items in 2 categories. Names of firms and people are
 * invented; the shapes follow public documents of Chinese water bureaus.
 */
import type { ConflictRelation } from '../inspectors/inspector.entity.js';

export const DEMO_UNITS = ['水政监察大队', '水资源管理科', '河湖管理科', '水土保持站'] as const;
export type DemoUnit = (typeof DEMO_UNITS)[number];
export const DEMO_REGION = '330106';

export interface DemoItem {
  code: string;
  name: string;
  category: '重点' | '一般';
  department: (typeof DEMO_UNITS)[number];
  legalBasis: string;
  method: string;
  checkPoints: string[];
  scope: { kinds: string[]; categories: string[]; description: string };
  certificationCategory: string;
  ratios: { A: number; B: number; C: number; D: number };
  frequency: number;
}

const field = (description: string, categories: string[], kinds: string[] = []) => ({ kinds, categories, description });
/** Credit-differentiated ratios around a base ratio: A lower, C and D higher (国市监信发〔2022〕6号). */
const around = (base: number) => ({ A: Math.max(0.01, +(base / 2).toFixed(3)), B: base, C: Math.min(1, +(base * 3).toFixed(6)), D: 1 });

export const DEMO_ITEMS: DemoItem[] = [
  { code: 'SL-ZD-01', name: '对在建水利工程质量与安全生产的行政检查', category: '重点', department: '水政监察大队', legalBasis: '《建设工程质量管理条例》第四十七条；《水利工程质量管理规定》；《建设工程安全生产管理条例》第四十条', method: '现场检查、查阅资料', checkPoints: ['质量管理体系建立与运行', '安全生产责任制落实', '危险性较大工程专项方案', '施工质量检验与评定资料', '安全隐患排查治理台账'], scope: field('在建水利工程项目', ['在建水利工程项目'], ['project']), certificationCategory: '水利工程建设', ratios: { A: 0.2, B: 0.3, C: 1, D: 1 }, frequency: 2 },
  { code: 'SL-ZD-02', name: '对河道采砂的行政检查', category: '重点', department: '河湖管理科', legalBasis: '《中华人民共和国水法》第三十九条；《中华人民共和国河道管理条例》第二十五条', method: '现场检查', checkPoints: ['河道采砂许可证有效', '采砂范围、深度与许可一致', '采砂作业时间符合规定', '采砂机具数量与许可一致', '砂石堆放与清运'], scope: field('采砂许可持有人/采砂点', ['采砂点']), certificationCategory: '河道采砂', ratios: around(0.1), frequency: 2 },
  { code: 'SL-ZD-03', name: '对水库大坝安全管理的行政检查', category: '重点', department: '河湖管理科', legalBasis: '《水库大坝安全管理条例》第四条、第二十二条', method: '现场检查、查阅资料', checkPoints: ['大坝安全责任制落实', '大坝安全鉴定情况', '调度运用方案与应急预案', '安全监测设施运行', '汛期巡查记录'], scope: field('水库管理单位', ['水库管理单位']), certificationCategory: '水库大坝安全', ratios: { A: 0.5, B: 0.5, C: 1, D: 1 }, frequency: 1 },
  { code: 'SL-ZD-04', name: '对生产建设项目水土保持方案实施情况的行政检查', category: '重点', department: '水土保持站', legalBasis: '《中华人民共和国水土保持法》第二十五条、第二十九条、第四十三条', method: '现场检查、查阅资料', checkPoints: ['水土保持方案审批情况', '水土保持措施落实', '水土保持监测与监理', '水土保持设施验收', '水土保持补偿费缴纳'], scope: field('生产建设项目', ['生产建设项目'], ['project']), certificationCategory: '水土保持', ratios: around(0.03), frequency: 3 },
  { code: 'SL-ZD-05', name: '对取水许可实施情况的行政检查', category: '重点', department: '水资源管理科', legalBasis: '《取水许可和水资源费征收管理条例》第四十四条、第五十条', method: '现场检查、查阅资料', checkPoints: ['取水井标识牌', '取水许可证有效且信息准确', '取水地点与方式符合批准文件', '当年用水台账', '是否超许可水量取水', '用水计划', '是否超定额用水', '节水制度与措施', '一、二级水表完好', '退水方式符合批准文件'], scope: field('取水单位', ['取水单位']), certificationCategory: '水资源', ratios: { A: 0.02, B: 0.05, C: 1, D: 1 }, frequency: 1 },
  { code: 'SL-YB-01', name: '对单位/个人取用水行为的行政检查', category: '一般', department: '水资源管理科', legalBasis: '《中华人民共和国水法》第四十八条；《取水许可和水资源费征收管理条例》', method: '现场检查', checkPoints: ['是否无证取水', '计量设施安装与运行', '水资源费（税）缴纳'], scope: field('取水单位', ['取水单位']), certificationCategory: '水资源', ratios: around(0.1), frequency: 2 },
  { code: 'SL-YB-02', name: '对节约用水的行政检查', category: '一般', department: '水资源管理科', legalBasis: '《中华人民共和国水法》第八条、第五十一条；《节约用水条例》', method: '现场检查、查阅资料', checkPoints: ['用水定额执行', '节水设施“三同时”', '用水计量与统计'], scope: field('用水单位', ['取水单位', '用水单位']), certificationCategory: '节约用水', ratios: around(0.1), frequency: 2 },
  { code: 'SL-YB-03', name: '对河道管理范围内建设项目的行政检查', category: '一般', department: '河湖管理科', legalBasis: '《中华人民共和国防洪法》第二十七条；《中华人民共和国河道管理条例》第十一条', method: '现场检查', checkPoints: ['工程建设方案审查同意情况', '按批准位置和界限施工', '防洪补救措施落实'], scope: field('涉河建设项目', ['涉河建设项目'], ['project']), certificationCategory: '河湖管理', ratios: around(0.05), frequency: 1 },
  { code: 'SL-YB-04', name: '对洪水影响评价类许可实施情况的行政检查', category: '一般', department: '河湖管理科', legalBasis: '《中华人民共和国防洪法》第三十三条', method: '查阅资料、现场检查', checkPoints: ['洪水影响评价报告批复', '防洪措施落实'], scope: field('涉河建设项目', ['涉河建设项目'], ['project']), certificationCategory: '防洪', ratios: around(0.05), frequency: 1 },
  { code: 'SL-YB-05', name: '对水利工程质量检测单位的行政检查', category: '一般', department: '水政监察大队', legalBasis: '《水利工程质量检测管理规定》第二十五条', method: '查阅资料、现场检查', checkPoints: ['检测资质有效', '检测报告真实规范', '仪器设备检定校准'], scope: field('水利工程质量检测单位', ['水利工程质量检测单位'], ['organisation']), certificationCategory: '水利工程建设', ratios: around(0.2), frequency: 1 },
  { code: 'SL-YB-06', name: '对农村供水工程运行管理的行政检查', category: '一般', department: '水资源管理科', legalBasis: '《中华人民共和国水法》；地方农村供水管理办法', method: '现场检查', checkPoints: ['水源保护', '净化消毒设施运行', '水质检测记录'], scope: field('农村供水工程', ['农村供水工程']), certificationCategory: '农村供水', ratios: around(0.1), frequency: 1 },
  { code: 'SL-YB-07', name: '对水文监测环境和设施保护的行政检查', category: '一般', department: '水政监察大队', legalBasis: '《中华人民共和国水文条例》第三十三条、第三十七条', method: '现场检查', checkPoints: ['监测环境保护范围内是否有违法活动', '水文设施完好'], scope: field('水文监测设施', ['水文监测设施']), certificationCategory: '水文', ratios: around(0.1), frequency: 1 },
  { code: 'SL-YB-08', name: '对水工程管理和保护范围内活动的行政检查', category: '一般', department: '水政监察大队', legalBasis: '《中华人民共和国水法》第四十三条；《中华人民共和国河道管理条例》', method: '现场检查', checkPoints: ['是否有危害水工程安全的活动', '爆破、打井、取土等是否经批准'], scope: field('水工程保护范围', ['水工程保护范围']), certificationCategory: '水政', ratios: around(0.05), frequency: 1 },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐';
const GIVEN = ['建国', '志强', '海燕', '晓东', '丽华', '国栋', '文静', '立新', '春梅', '伟民', '秀英', '明辉', '红霞', '振华', '雪梅', '俊杰', '玉兰', '德明', '慧敏', '永刚', '淑芬', '子豪', '思远', '佳怡', '宏伟'];
const CERTIFIED: Record<(typeof DEMO_UNITS)[number], string[][]> = {
  水政监察大队: [['水政', '水利工程建设', '水文'], ['水政', '河道采砂'], ['水政', '水资源', '水利工程建设']],
  水资源管理科: [['水资源', '节约用水'], ['水资源', '农村供水'], ['水资源', '节约用水', '农村供水']],
  河湖管理科: [['河湖管理', '防洪', '河道采砂'], ['河湖管理', '水库大坝安全'], ['河道采砂', '防洪', '水库大坝安全']],
  水土保持站: [['水土保持'], ['水土保持', '水利工程建设']],
};
const PER_UNIT = [8, 6, 6, 5];

export interface DemoInspector {
  certificateNo: string;
  name: string;
  department: string;
  certifiedCategories: string[];
  leavePeriods: { from: string; to: string }[];
  /** 执法证有效期 (the demo's certificates are valid through the 2026 tasks). */
  certificateValidFrom: string;
  certificateValidUntil: string;
  /** Index into DEMO targets whose credit code this inspector declared a conflict with. */
  conflictWith?: { targetIndex: number; relation: ConflictRelation };
}

/** A plausible 执法证 validity: issued in 2022–2025 on a spread of dates, valid five years to the day before. */
function demoValidity(n: number): { certificateValidFrom: string; certificateValidUntil: string } {
  const year = 2022 + (n % 4);
  const month = String(1 + ((n * 5) % 12)).padStart(2, '0');
  const day = String(1 + ((n * 7) % 28)).padStart(2, '0');
  const until = new Date(Date.UTC(year + 5, Number(month) - 1, Number(day)) - 86_400_000).toISOString().slice(0, 10);
  return { certificateValidFrom: `${year}-${month}-${day}`, certificateValidUntil: until };
}

export function demoInspectors(): DemoInspector[] {
  const out: DemoInspector[] = [];
  let n = 0;
  DEMO_UNITS.forEach((unit, u) => {
    for (let k = 0; k < PER_UNIT[u]; k++, n++) {
      out.push({
        certificateNo: `SL330106${String(20001 + n)}`,
        name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`,
        department: unit,
        certifiedCategories: CERTIFIED[unit][k % CERTIFIED[unit].length],
        leavePeriods: n % 9 === 4 ? [{ from: '2026-12-01', to: '2026-12-15' }] : [],
        // Issued in different years (a certificate is renewed on its own cycle), each valid five years.
        ...demoValidity(n),
        ...(n % 6 === 1 ? { conflictWith: { targetIndex: (n * 11) % 120, relation: n % 12 === 1 ? '近亲属任职' : '曾在该单位任职' } } : {}),
      });
    }
  });
  return out;
}

const PLACES = ['东江', '西溪', '南山', '北岭', '青溪', '白沙', '金桥', '龙潭', '桃源', '清河', '梅岭', '石门', '云栖', '凤凰', '翠屏', '长乐', '新塘', '兴隆', '双溪', '古荡'];
const SUFFIX: Record<string, string[]> = {
  取水单位: ['水务有限公司', '食品有限公司', '印染有限公司', '酿造有限公司', '纺织有限公司', '热电有限公司'],
  用水单位: ['酒店管理有限公司', '物业服务有限公司', '洗涤服务部'],
  采砂点: ['采砂点'],
  在建水利工程项目: ['堤防加固工程', '水闸除险加固工程', '灌区节水改造工程'],
  水库管理单位: ['水库管理所'],
  生产建设项目: ['安置房建设项目', '道路工程', '光伏电站项目', '产业园一期工程'],
  涉河建设项目: ['跨河桥梁工程', '沿河绿道工程', '排涝泵站工程'],
  水利工程质量检测单位: ['工程检测有限公司'],
  农村供水工程: ['村级供水站'],
  水文监测设施: ['水文站'],
};

/** [category, kind, count, departments that inspect it] */
const TARGET_PLAN: [string, 'organisation' | 'individual_business' | 'site' | 'project', number, string[]][] = [
  ['取水单位', 'organisation', 110, ['水资源管理科', '水政监察大队']],
  ['用水单位', 'individual_business', 30, ['水资源管理科']],
  ['采砂点', 'site', 25, ['河湖管理科', '水政监察大队']],
  ['在建水利工程项目', 'project', 20, ['水政监察大队']],
  ['水库管理单位', 'organisation', 10, ['河湖管理科']],
  ['生产建设项目', 'project', 40, ['水土保持站']],
  ['涉河建设项目', 'project', 25, ['河湖管理科']],
  ['水利工程质量检测单位', 'organisation', 8, ['水政监察大队']],
  ['农村供水工程', 'site', 15, ['水资源管理科']],
  ['水文监测设施', 'site', 7, ['水政监察大队']],
  ['水工程保护范围', 'site', 10, ['水政监察大队']],
];

export interface DemoTarget {
  department: string;
  departments: string[];
  kind: string;
  category: string;
  name: string;
  creditCode: string | null;
  creditClass: 'A' | 'B' | 'C' | 'D';
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 300 targets; organisations get deterministic, valid credit codes (check character computed). */
export function demoTargets(checkCharacter: (first17: string) => string): DemoTarget[] {
  const out: DemoTarget[] = [];
  let seed = 20201;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  let n = 0;
  for (const [category, kind, count, departments] of TARGET_PLAN) {
    for (let k = 0; k < count; k++, n++) {
      const suffixes = SUFFIX[category] ?? [category];
      const name = `${PLACES[(n * 7 + k) % PLACES.length]}${PLACES[(n * 3 + 1) % PLACES.length].slice(0, 1)}${suffixes[k % suffixes.length]}${kind === 'site' || kind === 'project' ? `（${k + 1}号）` : ''}`;
      let body = kind === 'individual_business' ? '92' : '91';
      body += DEMO_REGION;
      for (let i = 0; i < 9; i++) body += CODE_ALPHABET[next() % CODE_ALPHABET.length];
      const coded = kind === 'organisation' || kind === 'individual_business' || category === '采砂点';
      const r = n % 20;
      out.push({
        department: departments[0], departments, kind, category, name: `${name}`,
        creditCode: coded ? body + checkCharacter(body) : null,
        creditClass: r < 4 ? 'A' : r < 16 ? 'B' : r < 19 ? 'C' : 'D',
      });
    }
  }
  return out;
}
