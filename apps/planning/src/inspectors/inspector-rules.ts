import { DEPARTMENT_NAME, PLAIN_TEXT, isIsoDate, usccProblem } from '../common/validation.js';
import type { FieldProblem } from '../targets/target-rules.js';
import { CONFLICT_RELATIONS, INSPECTOR_STATUSES, type ConflictRecord, type InspectorStatus, type LeavePeriodRecord } from './inspector.entity.js';

export interface InspectorRecord {
  certificateNo: string;
  name: string;
  department: string;
  regionCode: string | null;
  certifiedCategories: string[];
  leavePeriods: LeavePeriodRecord[];
  conflicts: ConflictRecord[];
  status: InspectorStatus;
  certificateValidFrom: string | null;
  certificateValidUntil: string | null;
}

export interface InspectorFields {
  certificateNo?: string;
  name?: string;
  department?: string;
  regionCode?: string | null;
  certifiedCategories?: string[];
  leavePeriods?: LeavePeriodRecord[];
  conflicts?: ConflictRecord[];
  status?: string;
  /** YYYY-MM-DD; null or '' clears it. */
  certificateValidFrom?: string | null;
  certificateValidUntil?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checks one inspector and returns it normalised, or the problems found (each naming its field). */
export function checkInspector(f: InspectorFields): { value?: InspectorRecord; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fail = (column: string, message: string) => problems.push({ column, message });

  const certificateNo = f.certificateNo?.trim() ?? '';
  if (!/^[A-Za-z0-9-]{4,40}$/.test(certificateNo)) fail('certificate_no', `执法证号 '${certificateNo}' must be 4–40 letters, digits or '-'`);
  const name = f.name?.trim() ?? '';
  if (!name || name.length > 50 || !PLAIN_TEXT.test(name)) fail('name', 'name is required, at most 50 characters');
  const department = f.department?.trim() ?? '';
  if (!DEPARTMENT_NAME.test(department)) fail('department', 'department is required (no separators , ; |)');
  const regionCode = f.regionCode?.trim() || null;
  if (regionCode && !/^\d{6}$/.test(regionCode)) fail('region_code', `region code '${regionCode}' must be 6 digits`);

  const categories = [...new Set((f.certifiedCategories ?? []).map((c) => c.trim()).filter(Boolean))];
  if (!categories.length) fail('certified_categories', 'an inspector needs at least one certified category (执法类别)');
  for (const c of categories) if (c.length > 100 || !PLAIN_TEXT.test(c)) fail('certified_categories', `category '${c}' is too long or has control characters`);

  const leavePeriods: LeavePeriodRecord[] = [];
  for (const p of f.leavePeriods ?? []) {
    if (!isIsoDate(p?.from) || !isIsoDate(p?.to) || p.from > p.to) {
      fail('leave_periods', `leave period ${JSON.stringify(p)} must be from..to with dates YYYY-MM-DD, from not after to`);
    } else leavePeriods.push({ from: p.from, to: p.to, ...(p.note ? { note: String(p.note).slice(0, 200) } : {}) });
  }

  const conflicts: ConflictRecord[] = [];
  for (const c of f.conflicts ?? []) {
    const targetId = c?.targetId?.trim().toLowerCase() || undefined;
    const creditCode = c?.creditCode?.trim().toUpperCase() || undefined;
    const relation = c?.relation?.trim() ?? '';
    const note = c?.note == null ? '' : String(c.note).trim();
    if (!targetId && !creditCode) fail('conflicts', 'a declared conflict names a target id or a credit code');
    if (targetId && !UUID.test(targetId)) fail('conflicts', `conflict target '${targetId}' is not a target id`);
    if (creditCode) {
      const problem = usccProblem(creditCode);
      if (problem) fail('conflicts', problem);
    }
    if (!(CONFLICT_RELATIONS as readonly string[]).includes(relation)) {
      fail('conflicts', `conflict relation '${relation.slice(0, 50)}' is not one of ${CONFLICT_RELATIONS.join(', ')} (details go in the internal note)`);
    }
    if (note.length > 200 || !PLAIN_TEXT.test(note)) fail('conflicts', 'a conflict note is at most 200 characters, without control characters');
    conflicts.push({ ...(targetId ? { targetId } : {}), ...(creditCode ? { creditCode } : {}), relation, ...(note ? { note } : {}) });
  }

  const status = f.status?.trim() || 'active';
  if (!(INSPECTOR_STATUSES as readonly string[]).includes(status)) fail('status', `status '${status}' is not one of ${INSPECTOR_STATUSES.join(', ')}`);

  const certificateValidFrom = f.certificateValidFrom?.trim() || null;
  const certificateValidUntil = f.certificateValidUntil?.trim() || null;
  if (certificateValidFrom && !isIsoDate(certificateValidFrom)) fail('certificate_valid_from', `certificate valid from '${String(certificateValidFrom).slice(0, 20)}' must be a date YYYY-MM-DD`);
  if (certificateValidUntil && !isIsoDate(certificateValidUntil)) fail('certificate_valid_until', `certificate valid until '${String(certificateValidUntil).slice(0, 20)}' must be a date YYYY-MM-DD`);
  if (isIsoDate(certificateValidFrom) && isIsoDate(certificateValidUntil) && certificateValidFrom > certificateValidUntil) {
    fail('certificate_valid_until', `certificate validity ${certificateValidFrom}..${certificateValidUntil}: the end is before the start`);
  }
  if (problems.length) return { problems };
  return {
    problems,
    value: { certificateNo, name, department, regionCode, certifiedCategories: categories, leavePeriods, conflicts, status: status as InspectorStatus, certificateValidFrom, certificateValidUntil },
  };
}
