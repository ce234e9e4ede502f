/**
 * The demo bureau's 2020 "双随机" draws: the random half of the 101 spot-checks of its 2020 annual
 * report (13 targets, 2 inspectors each; the other 88 were 即时检查, recorded through inspection).
 *
 * Three tasks, one of them joint, because the report says "抽取执法人员20余人次" and the portal counts
 * distinct inspectors: with a workload cap of 1 in the 水政监察大队 task (4 targets, 8 inspectors) and
 * in the joint 水土保持站 + 水资源管理科 task (5 targets, one inspector of each unit per team) and a cap
 * of 2 in the 河湖管理科 task (4 targets, 6 inspectors), at least 8 + 10 + 4 = 22 different inspectors
 * are drawn whatever the secret. Each task draws at least one target of every non-empty credit class
 * (no class is exempt), which is why the filters pick categories with few classes.
 */
import type { DemoUnit } from './water-bureau.js';

export interface Demo2020Task {
  department: DemoUnit;
  /** Further participating departments (joint task: one inspector of each department per team). */
  departments?: string[];
  name: string;
  itemCodes: string[];
  targetFilter?: { kinds?: string[]; categories?: string[] };
  sampling: Record<'A' | 'B' | 'C' | 'D', { count: number } | { ratio: number }>;
  maxAssignmentsPerInspector: number;
  inspectionFrom: string;
  dueDate: string;
  /** When the task was entered, announced, executed (with the public value and the witness) and revealed (Beijing time). */
  createdAt: string;
  announcedAt: string;
  executedAt: string;
  revealedAt: string;
  publicRandomnessSource: string;
  publicRandomnessValue: string;
  witnessName: string;
  witnessRole: string;
}

/** Plans of 2020, one per unit (the units' annual plans; the tasks below belong to them). */
export const DEMO_2020_YEAR = 2020;

export const DEMO_2020_TASKS: Demo2020Task[] = [
  {
    department: '水政监察大队',
    name: '2020年水工程管理和保护范围内活动随机抽查',
    itemCodes: ['SL-YB-08'],
    targetFilter: { categories: ['水工程保护范围'] },
    // The 10 protection zones are of classes B (6), C (3) and D (1): 2 + 1 + 1.
    sampling: { A: { ratio: 0.05 }, B: { count: 2 }, C: { count: 1 }, D: { count: 1 } },
    maxAssignmentsPerInspector: 1,
    inspectionFrom: '2020-03-10',
    dueDate: '2020-05-29',
    createdAt: '2020-02-24T09:30:00+08:00',
    announcedAt: '2020-03-02T10:00:00+08:00',
    executedAt: '2020-03-09T10:00:00+08:00',
    revealedAt: '2020-06-08T09:00:00+08:00',
    publicRandomnessSource: '中国福利彩票3D游戏2020年3月8日开奖号码（百位、十位、个位，以空格分隔）',
    publicRandomnessValue: '6 0 9',
    witnessName: '陈晓红',
    witnessRole: '局办公室代表',
  },
  {
    department: '河湖管理科',
    name: '2020年河道管理范围内建设项目及洪水影响评价许可实施情况随机抽查',
    itemCodes: ['SL-YB-03', 'SL-YB-04'],
    // The 25 projects touching rivers are of every class: one of each.
    sampling: { A: { count: 1 }, B: { count: 1 }, C: { count: 1 }, D: { count: 1 } },
    maxAssignmentsPerInspector: 2,
    inspectionFrom: '2020-04-15',
    dueDate: '2020-06-30',
    createdAt: '2020-03-30T14:00:00+08:00',
    announcedAt: '2020-04-07T10:00:00+08:00',
    executedAt: '2020-04-14T10:00:00+08:00',
    revealedAt: '2020-07-06T09:00:00+08:00',
    publicRandomnessSource: '中国福利彩票3D游戏2020年4月13日开奖号码（百位、十位、个位，以空格分隔）',
    publicRandomnessValue: '2 7 4',
    witnessName: '陈晓红',
    witnessRole: '局办公室代表',
  },
  {
    department: '水土保持站',
    departments: ['水资源管理科'],
    name: '2020年生产建设项目水土保持与施工取用水联合随机抽查',
    itemCodes: ['SL-ZD-04', 'SL-YB-01'],
    targetFilter: { kinds: ['project'], categories: ['生产建设项目'] },
    sampling: { A: { count: 1 }, B: { count: 2 }, C: { count: 1 }, D: { count: 1 } },
    maxAssignmentsPerInspector: 1,
    inspectionFrom: '2020-08-11',
    dueDate: '2020-10-30',
    createdAt: '2020-07-27T15:00:00+08:00',
    announcedAt: '2020-08-03T10:00:00+08:00',
    executedAt: '2020-08-10T10:00:00+08:00',
    revealedAt: '2020-11-09T09:00:00+08:00',
    publicRandomnessSource: '中国福利彩票3D游戏2020年8月9日开奖号码（百位、十位、个位，以空格分隔）',
    publicRandomnessValue: '8 3 5',
    witnessName: '吴国平',
    witnessRole: '局办公室代表',
  },
];
