/**
 * The task wizard's pure rules (≤ 5 steps: items → target filter and ratios → inspectors → dates →
 * review): what each step needs before the next, the sample size a ratio gives (as planning's draw
 * rules compute it: rounded up, ratios to 6 decimals), and the CreateTaskDto body.
 */
export const CLASSES = ['A', 'B', 'C', 'D'] as const;
export type CreditClass = (typeof CLASSES)[number];

export interface WizardState {
  name: string;
  itemCodes: string[];
  kinds: string[];
  categories: string;
  regionCodes: string;
  /** Percent per credit class (0 < p ≤ 100). */
  ratios: Record<CreditClass, number>;
  inspectorsPerTarget: number;
  departments: string;
  excludeInspectedWithinDays: number | null;
  excludeInspectedAtLeast: number | null;
  maxAssignmentsPerInspector: number | null;
  inspectionFrom: string;
  dueDate: string;
}

export const STEP_TITLES = ['抽查事项', '对象范围与比例', '检查人员', '时间安排', '确认'] as const;

const RATIO_SCALE = 1_000_000;

/** The sample of a stratum of `size` targets at `percent`: rounded up (no stratum is exempt). */
export function sampleSize(percent: number, size: number): number {
  if (!(size > 0) || !(percent > 0)) return 0;
  const scaled = Math.round((percent / 100) * RATIO_SCALE) * size;
  const remainder = scaled % RATIO_SCALE;
  return (scaled - remainder) / RATIO_SCALE + (remainder > 0 ? 1 : 0);
}

/** Splits a list typed with commas, 顿号, semicolons or spaces. */
export function splitList(text: string): string[] {
  return text.split(/[,，;；、\s]+/).map((s) => s.trim()).filter(Boolean);
}

/** What is wrong at one step (0-based), in words; empty when the step may be left. */
export function stepProblems(step: number, s: WizardState): string[] {
  const p: string[] = [];
  if (step === 0) {
    if (!s.name.trim()) p.push('请填写任务名称');
    if (s.name.length > 200) p.push('任务名称最多 200 个字符');
    if (!s.itemCodes.length) p.push('请选择至少一个抽查事项');
  }
  if (step === 1) {
    for (const c of CLASSES) {
      const r = s.ratios[c];
      if (!(r > 0) || r > 100) p.push(`${c} 类抽查比例须大于 0 且不超过 100%`);
    }
    if (splitList(s.regionCodes).some((r) => !/^\d{2,6}$/.test(r))) p.push('行政区划代码前缀为 2–6 位数字');
  }
  if (step === 2) {
    if (!Number.isInteger(s.inspectorsPerTarget) || s.inspectorsPerTarget < 2 || s.inspectorsPerTarget > 20) p.push('每个对象须由 2–20 名执法人员检查（行政处罚法第四十二条）');
    if (s.maxAssignmentsPerInspector !== null && !(s.maxAssignmentsPerInspector >= 1)) p.push('每人任务上限至少为 1');
  }
  if (step === 3) {
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!date.test(s.inspectionFrom)) p.push('请选择检查开始日期');
    if (!date.test(s.dueDate)) p.push('请选择完成期限');
    if (date.test(s.inspectionFrom) && date.test(s.dueDate) && s.dueDate < s.inspectionFrom) p.push('完成期限不能早于检查开始日期');
  }
  return p;
}

/** The CreateTaskDto body of the wizard. */
export function taskBody(s: WizardState) {
  const categories = splitList(s.categories);
  const regionCodes = splitList(s.regionCodes);
  const departments = splitList(s.departments);
  const targetFilter = {
    ...(s.kinds.length ? { kinds: s.kinds } : {}),
    ...(categories.length ? { categories } : {}),
    ...(regionCodes.length ? { regionCodes } : {}),
  };
  return {
    name: s.name.trim(),
    itemCodes: s.itemCodes,
    ...(Object.keys(targetFilter).length ? { targetFilter } : {}),
    sampling: Object.fromEntries(CLASSES.map((c) => [c, { ratio: Math.round((s.ratios[c] / 100) * RATIO_SCALE) / RATIO_SCALE }])),
    inspectorsPerTarget: s.inspectorsPerTarget,
    ...(departments.length ? { departments } : {}),
    ...(s.excludeInspectedWithinDays ? { excludeInspectedWithinDays: s.excludeInspectedWithinDays } : {}),
    ...(s.excludeInspectedAtLeast ? { excludeInspectedAtLeast: s.excludeInspectedAtLeast } : {}),
    ...(s.maxAssignmentsPerInspector ? { maxAssignmentsPerInspector: s.maxAssignmentsPerInspector } : {}),
    inspectionFrom: s.inspectionFrom,
    dueDate: s.dueDate,
  };
}
