/**
 * Planning's API through the console (/api/planning/…): the directories (两库), the item list (一单)
 * and imports. Field names follow the DTO classes of apps/planning/src (the truth for them).
 */
import { get, patch, post, put, request, type Page } from './http';

const BASE = '/api/planning';

export const TARGET_KINDS = ['organisation', 'individual_business', 'site', 'project'] as const;
export const TARGET_KIND_LABELS: Record<string, string> = { organisation: '法人及非法人组织', individual_business: '个体工商户', site: '场所', project: '项目' };
export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const;
export const TARGET_STATUS_LABELS: Record<string, string> = { active: '正常', closed: '注销/关闭' };
export const INSPECTOR_STATUS_LABELS: Record<string, string> = { active: '在岗', suspended: '暂停', retired: '离岗' };
export const CONFLICT_RELATIONS = ['本人或近亲属为当事人', '近亲属任职', '曾在该单位任职', '投资或持股', '其他利害关系'] as const;
export const ITEM_CATEGORIES = ['重点', '一般'] as const;

export interface Target {
  id: string;
  department: string;
  departments: string[];
  kind: string;
  category: string;
  name: string;
  creditCode: string | null;
  regionCode: string | null;
  industry: string | null;
  creditClass: string;
  status: string;
  lastInspectedOn: string | null;
  importId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** CreateTargetDto / UpdateTargetDto. */
export interface TargetInput {
  department?: string;
  departments?: string[];
  kind: string;
  category: string;
  name: string;
  creditCode?: string | null;
  regionCode?: string | null;
  industry?: string | null;
  creditClass: string;
  status?: string;
  lastInspectedOn?: string | null;
}

export interface TargetQuery {
  department?: string;
  creditClass?: string;
  kind?: string;
  category?: string;
  status?: string;
  q?: string;
  limit: number;
  offset: number;
}

export interface LeavePeriod {
  from: string;
  to: string;
  note?: string;
}

export interface Conflict {
  targetId?: string;
  creditCode?: string;
  relation: string;
  note?: string;
}

export interface Inspector {
  id: string;
  certificateNo: string;
  name: string;
  department: string;
  regionCode: string | null;
  certifiedCategories: string[];
  /** Present only when the API gives them to this user. */
  leavePeriods?: LeavePeriod[];
  conflicts?: Conflict[];
  status: string;
  certificateValidFrom: string | null;
  certificateValidUntil: string | null;
}

/** CreateInspectorDto / UpdateInspectorDto. */
export interface InspectorInput {
  certificateNo: string;
  name: string;
  department?: string;
  regionCode?: string | null;
  certifiedCategories: string[];
  leavePeriods?: LeavePeriod[];
  conflicts?: Conflict[];
  status?: string;
  certificateValidFrom?: string | null;
  certificateValidUntil?: string | null;
}

export interface InspectorQuery {
  department?: string;
  status?: string;
  category?: string;
  limit: number;
  offset: number;
}

/** The published item list (GET public/items) and its versions. */
export interface PublishedItem {
  code: string;
  name: string;
  category: string;
  legalBasis: string;
  department: string;
  method: string;
  checkPoints: string[];
  targetScope: string;
  defaultRatio: number;
  defaultRatios: Record<'A' | 'B' | 'C' | 'D', number>;
  frequency: number;
  version: number;
}

export interface ItemVersion extends PublishedItem {
  retired: boolean;
  current: boolean;
  changeNote: string | null;
  createdAt: string;
}

/** ItemFieldsDto (+ code and department for CreateItemDto). */
export interface ItemInput {
  code?: string;
  department?: string;
  name: string;
  category: string;
  legalBasis: string;
  method: string;
  checkPoints: string[];
  targetScope: { kinds: string[]; categories: string[]; description: string };
  certificationCategory: string;
  defaultRatios: Record<'A' | 'B' | 'C' | 'D', number>;
  frequencyPerYear: number;
  changeNote?: string;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportJob {
  id: string;
  kind: 'targets' | 'inspectors';
  department: string;
  format: 'csv' | 'xlsx';
  filename: string | null;
  status: 'validating' | 'writing' | 'succeeded' | 'failed';
  processedRows: number;
  totalRows: number | null;
  insertedRows: number;
  errorCount: number;
  errors: RowError[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const planningApi = {
  targets: (q: TargetQuery) => get<Page<Target>>(`${BASE}/targets`, { ...q }),
  target: (id: string) => get<Target>(`${BASE}/targets/${encodeURIComponent(id)}`),
  createTarget: (body: TargetInput) => post<Target>(`${BASE}/targets`, body),
  updateTarget: (id: string, body: Partial<TargetInput>) => patch<Target>(`${BASE}/targets/${encodeURIComponent(id)}`, body),

  inspectors: (q: InspectorQuery) => get<Page<Inspector>>(`${BASE}/inspectors`, { ...q }),
  createInspector: (body: InspectorInput) => post<Inspector>(`${BASE}/inspectors`, body),
  updateInspector: (id: string, body: Partial<InspectorInput>) => patch<Inspector>(`${BASE}/inspectors/${encodeURIComponent(id)}`, body),

  items: (department?: string) => get<PublishedItem[]>(`${BASE}/public/items`, { department }),
  itemVersions: (code: string) => get<ItemVersion[]>(`${BASE}/public/items/${encodeURIComponent(code)}/versions`),
  createItem: (body: ItemInput) => post<unknown>(`${BASE}/items`, body),
  reviseItem: (code: string, body: ItemInput) => put<unknown>(`${BASE}/items/${encodeURIComponent(code)}`, body),
  retireItem: (code: string, note?: string) => post<unknown>(`${BASE}/items/${encodeURIComponent(code)}/retire`, note ? { note } : {}),

  /** Starts an import (202 at once); poll importJob for progress and the row errors. */
  startImport: (kind: 'targets' | 'inspectors', file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportJob>('POST', `${BASE}/imports/${kind}`, { form });
  },
  importJob: (id: string) => get<ImportJob>(`${BASE}/imports/${encodeURIComponent(id)}`),
};

export interface Plan {
  id: string;
  year: number;
  title: string;
  description: string | null;
  department: string;
  tasks?: Task[];
}

export interface Task {
  id: string;
  planId: string;
  number?: number;
  name: string;
  year: number;
  department: string;
  departments: string[];
  items: { code: string; name: string; version: number }[];
  inspectorsPerTarget: number;
  inspectionFrom: string;
  dueDate: string;
  status?: string;
  consentsMissing?: string[];
}

export interface TaskInput {
  name: string;
  itemCodes: string[];
  targetFilter?: { kinds?: string[]; categories?: string[]; regionCodes?: string[]; industries?: string[] };
  sampling?: Record<string, { ratio: number } | { count: number }>;
  inspectorsPerTarget: number;
  departments?: string[];
  excludeInspectedWithinDays?: number;
  excludeInspectedAtLeast?: number;
  maxAssignmentsPerInspector?: number;
  inspectionFrom: string;
  dueDate: string;
}

export interface PopulationSummary {
  size?: number;
  hash?: string;
  idsHash?: string;
  strata?: Record<string, { size?: number; hash?: string } | number>;
  [k: string]: unknown;
}

export interface DrawView {
  id: string;
  status: 'announced' | 'executed' | 'revealed' | string;
  task: { id: string; number?: number; name: string; year: number; department: string; departments: string[]; items: { code: string; name: string; version: number }[]; dueDate: string };
  announcedAt: string;
  algorithm: string;
  commitment: string;
  publicRandomnessSource: string;
  bundleVersion: number;
  populations: { targets: PopulationSummary; inspectors: PopulationSummary; exclusions?: unknown };
  sampleSizes: Record<string, number>;
  executedAt: string | null;
  publicRandomnessValue: string | null;
  witnessed: boolean;
  witnessRole: string | null;
  witnessName?: string | null;
  revealedAt: string | null;
  seed: string | null;
  substitutionCount: number;
  substitutions?: { targetId: string; out: string; in: string; reason: string; [k: string]: unknown }[];
  bundleUrl: string | null;
}

export interface DrawnAssignment {
  seq: number;
  stratum: string;
  targetId: string;
  targetName: string;
  targetCode: string | null;
  targetKind: string;
  category: string;
  dueDate: string;
  inspectors: { inspectorId: string; name: string; department: string; certificateNo: string }[];
}

export const SUBSTITUTION_REASONS = ['当事人申请回避', '本人申请回避', '发现利害关系需回避', '因公务不能参加', '因个人原因不能参加', '执法资格暂停或撤销', '其他客观原因'] as const;

export const plansApi = {
  plans: (year?: number) => get<Plan[]>(`${BASE}/plans`, { year }),
  createPlan: (body: { year: number; title: string; description?: string }) => post<Plan>(`${BASE}/plans`, body),
  tasks: (planId?: string) => get<Task[]>(`${BASE}/tasks`, { planId }),
  task: (id: string) => get<Task>(`${BASE}/tasks/${encodeURIComponent(id)}`),
  createTask: (planId: string, body: TaskInput) => post<Task>(`${BASE}/plans/${encodeURIComponent(planId)}/tasks`, body),
  consent: (taskId: string) => post<Task>(`${BASE}/tasks/${encodeURIComponent(taskId)}/consent`, {}),
  /** Counts active targets of a filter (the list's total), for the wizard's live population. */
  countTargets: (q: { kind?: string; category?: string; creditClass?: string }) => get<Page<Target>>(`${BASE}/targets`, { ...q, status: 'active', limit: 1, offset: 0 }).then((p) => p.total),

  draws: (taskId: string) => get<DrawView[]>(`${BASE}/draws`, { taskId }),
  draw: (id: string) => get<DrawView>(`${BASE}/draws/${encodeURIComponent(id)}`),
  announce: (taskId: string, publicRandomnessSource: string) => post<DrawView>(`${BASE}/tasks/${encodeURIComponent(taskId)}/draw`, { publicRandomnessSource }),
  execute: (drawId: string, body: { publicRandomnessValue: string; witnessName: string; witnessRole?: string }) => post<DrawView>(`${BASE}/draws/${encodeURIComponent(drawId)}/execute`, body),
  reveal: (drawId: string) => post<unknown>(`${BASE}/draws/${encodeURIComponent(drawId)}/reveal`),
  assignments: (drawId: string, limit: number, offset: number) => get<Page<DrawnAssignment>>(`${BASE}/draws/${encodeURIComponent(drawId)}/assignments`, { limit, offset }),
  substitute: (drawId: string, body: { targetId: string; inspectorId: string; reason: string; note?: string }) => post<unknown>(`${BASE}/draws/${encodeURIComponent(drawId)}/substitutions`, body),
};

/** GET /burden/summary: the directory's tallied firms by inspections in the last 12 months (无事不扰). */
export interface BurdenSummary {
  department: string | null;
  window: { from: string; to: string };
  firms: number;
  buckets: { inspections: 0 | 1 | 2 | 3; firms: number }[];
}

export const burdenApi = {
  summary: (department?: string) => get<BurdenSummary>(`${BASE}/burden/summary`, { department }),
};
