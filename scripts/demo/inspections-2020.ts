/**
 * The bureau's 88 即时检查 of 2020 (its annual report: 101 spot-checks, 88 of them 即时检查), as the
 * officers would have opened them: which items, why, when, and what the inspectors found. The
 * targets and teams are picked from the live directories by seed-demo.ts; this file only holds the
 * shapes and the vocabulary, so that the data set is the same on every machine.
 */
import { workingDay2020 } from './demo-dates.js';
import { between, pick, seededRandom } from './demo-random.js';

export type Trigger = 'complaint' | 'tip_off' | 'patrol' | 'referral' | 'other';

/** A kind of 即时检查: the items it covers, where, who opens it, and why such inspections happen. */
interface InspectionKind {
  items: string[];
  /** Target categories of the directory it applies to. */
  categories: string[];
  department: string;
  count: number;
  reasons: [Trigger, string][];
}

/**
 * 88 in all; with the 13 draw-based inspections (SL-YB-08, SL-YB-03/04, SL-ZD-04 + SL-YB-01) every one
 * of the 13 items of both categories is inspected in 2020, most of them several times.
 */
const KINDS: InspectionKind[] = [
  { items: ['SL-ZD-02'], categories: ['采砂点'], department: '河湖管理科', count: 14, reasons: [
    ['complaint', '群众举报该河段夜间有采砂船作业'], ['patrol', '日常巡查发现采砂作业超出许可范围迹象'], ['referral', '上级交办：河道采砂专项整治行动'], ['tip_off', '媒体反映河道采砂后砂石堆放占用河道'],
  ] },
  { items: ['SL-ZD-05', 'SL-YB-01'], categories: ['取水单位'], department: '水资源管理科', count: 8, reasons: [
    ['complaint', '群众举报该单位超量取用地下水'], ['referral', '上级交办：取水工程（设施）核查登记问题整改复查'], ['patrol', '日常巡查发现取水计量设施异常'],
  ] },
  { items: ['SL-ZD-05'], categories: ['取水单位'], department: '水资源管理科', count: 6, reasons: [
    ['patrol', '日常巡查发现取水井标识牌缺失'], ['referral', '上级交办：取水许可证到期延续前核查'],
  ] },
  { items: ['SL-YB-01'], categories: ['取水单位'], department: '水资源管理科', count: 4, reasons: [
    ['complaint', '群众举报疑似无证取水'], ['patrol', '日常巡查发现新增取水口'],
  ] },
  { items: ['SL-YB-02'], categories: ['用水单位'], department: '水资源管理科', count: 6, reasons: [
    ['referral', '上级交办：用水大户节水检查'], ['patrol', '日常巡查发现用水量明显超出定额'], ['complaint', '群众反映长流水浪费'],
  ] },
  { items: ['SL-YB-06'], categories: ['农村供水工程'], department: '水资源管理科', count: 5, reasons: [
    ['complaint', '村民反映供水水质浑浊'], ['referral', '上级交办：农村饮用水安全专项检查'], ['patrol', '汛后农村供水工程巡查'],
  ] },
  { items: ['SL-ZD-01'], categories: ['在建水利工程项目'], department: '水政监察大队', count: 8, reasons: [
    ['referral', '上级交办：汛前在建水利工程安全生产检查'], ['patrol', '日常巡查发现施工现场安全防护缺失'], ['complaint', '群众举报工程质量问题'],
  ] },
  { items: ['SL-YB-05'], categories: ['水利工程质量检测单位'], department: '水政监察大队', count: 3, reasons: [
    ['referral', '上级交办：质量检测单位专项检查'], ['tip_off', '建设单位反映检测报告数据存疑'],
  ] },
  { items: ['SL-YB-07'], categories: ['水文监测设施'], department: '水政监察大队', count: 3, reasons: [
    ['patrol', '日常巡查发现水文站测验河段有施工活动'], ['referral', '水文部门移送：监测环境受影响'],
  ] },
  { items: ['SL-YB-08'], categories: ['水工程保护范围'], department: '水政监察大队', count: 7, reasons: [
    ['patrol', '日常巡查发现堤防保护范围内堆放物料'], ['complaint', '群众举报在水工程保护范围内取土'], ['referral', '上级交办：妨碍河道行洪突出问题排查整治'],
  ] },
  { items: ['SL-ZD-03'], categories: ['水库管理单位'], department: '河湖管理科', count: 6, reasons: [
    ['referral', '上级交办：汛前水库大坝安全检查'], ['patrol', '强降雨后水库巡查'], ['referral', '上级交办：小型水库安全运行专项检查'],
  ] },
  { items: ['SL-YB-03', 'SL-YB-04'], categories: ['涉河建设项目'], department: '河湖管理科', count: 4, reasons: [
    ['patrol', '日常巡查发现涉河工程施工'], ['complaint', '群众举报涉河施工影响行洪'],
  ] },
  { items: ['SL-YB-03'], categories: ['涉河建设项目'], department: '河湖管理科', count: 4, reasons: [
    ['patrol', '日常巡查发现涉河工程未按批准位置施工迹象'], ['referral', '上级交办：河湖“四乱”问题排查'],
  ] },
  { items: ['SL-ZD-04'], categories: ['生产建设项目'], department: '水土保持站', count: 10, reasons: [
    ['patrol', '遥感监管发现疑似水土保持违法违规图斑'], ['complaint', '群众举报施工弃土流入河道'], ['referral', '上级交办：生产建设项目水土保持监督检查'],
  ] },
];

/** What an inspector writes when a check point is not met (item code → [check point index, finding]). */
export const PROBLEMS: Record<string, [number, string][]> = {
  'SL-ZD-01': [[4, '安全隐患排查治理台账记录不完整，缺少近一个月的排查记录'], [1, '现场专职安全员未到岗']],
  'SL-ZD-02': [[4, '砂石堆放占用河道管理范围，影响行洪'], [1, '局部采砂深度超出许可控制高程']],
  'SL-ZD-03': [[4, '汛期巡查记录不全，个别时段未记录'], [3, '部分渗压监测设施未正常运行']],
  'SL-ZD-04': [[1, '临时堆土未采取苫盖、拦挡措施'], [2, '未按规定开展水土保持监测']],
  'SL-ZD-05': [[8, '二级计量水表损坏未及时更换'], [3, '当年用水台账未按月登记']],
  'SL-YB-01': [[1, '取水计量设施未正常运行']],
  'SL-YB-02': [[2, '未建立用水统计台账']],
  'SL-YB-03': [[2, '防洪补救措施未按批复落实到位']],
  'SL-YB-04': [[1, '洪水影响评价批复的防洪措施未完全落实']],
  'SL-YB-05': [[2, '部分检测仪器超过检定有效期']],
  'SL-YB-06': [[2, '水质检测记录不完整']],
  'SL-YB-07': [[0, '在水文监测环境保护范围内堆放杂物']],
  'SL-YB-08': [[0, '在堤防保护范围内堆放建筑材料']],
};

/** Places of the district (the 2020 demo's map pins). */
const PLACE = { latitude: 30.23, longitude: 119.72 };

export interface ImmediatePlan {
  index: number;
  items: string[];
  categories: string[];
  department: string;
  trigger: Trigger;
  reason: string;
  inspectionDate: string;
  /** 0–1: picks the target among those of the categories. */
  targetPick: number;
  /** 0–1 each: pick the two inspectors. */
  teamPick: [number, number];
  /** A problem found and ordered corrected (the rest: 未发现问题). */
  problem: boolean;
  hour: number;
  location: { latitude: number; longitude: number; accuracyMeters: number };
}

/** Inspections per month of 2020: few in the February of the epidemic, more in the flood season. */
const PER_MONTH = [4, 2, 7, 9, 9, 10, 9, 8, 8, 6, 9, 7];

/** The 88 即时检查 of 2020, in date order. */
export function immediatePlans2020(): ImmediatePlan[] {
  const r = seededRandom(2020_3);
  const kinds = KINDS.flatMap((k) => Array.from({ length: k.count }, () => k));
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const dates = PER_MONTH.flatMap((n, m) => Array.from({ length: n }, () => workingDay2020(r, m + 1))).sort();
  return kinds.map((k, index) => {
    const [trigger, reason] = pick(r, k.reasons);
    return {
      index, items: k.items, categories: k.categories, department: k.department, trigger, reason, inspectionDate: dates[index],
      targetPick: r(), teamPick: [r(), r()], problem: r() < 0.16, hour: between(r, 9, 16),
      location: { latitude: +(PLACE.latitude + (r() - 0.5) * 0.3).toFixed(5), longitude: +(PLACE.longitude + (r() - 0.5) * 0.5).toFixed(5), accuracyMeters: between(r, 5, 30) },
    };
  });
}

export const IMMEDIATE_COUNT = KINDS.reduce((n, k) => n + k.count, 0);
