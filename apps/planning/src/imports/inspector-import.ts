import type { EntityManager } from 'typeorm';
import { checkInspector } from '../inspectors/inspector-rules.js';
import type { ConflictRecord, LeavePeriodRecord } from '../inspectors/inspector.entity.js';
import type { RowError } from './import-job.entity.js';
import type { ImportPlan } from './import-plan.js';
import { splitList, type SheetRow } from './read-rows.js';

const HEADERS: Record<string, string> = {
  certificate_no: 'certificate_no', 执法证号: 'certificate_no',
  name: 'name', 姓名: 'name',
  department: 'department', 所属单位: 'department', 部门: 'department',
  region_code: 'region_code', 行政区划代码: 'region_code',
  certified_categories: 'certified_categories', 执法类别: 'certified_categories',
  leave_periods: 'leave_periods', 请休假: 'leave_periods',
  conflicts: 'conflicts', 回避声明: 'conflicts',
  status: 'status', 状态: 'status',
  certificate_valid_from: 'certificate_valid_from', 有效期起: 'certificate_valid_from', 执法证有效期起: 'certificate_valid_from', 发证日期: 'certificate_valid_from',
  certificate_valid_until: 'certificate_valid_until', 有效期至: 'certificate_valid_until', 执法证有效期至: 'certificate_valid_until',
};
// 暂扣 / 注销 as the portal words them (docs/portal.md "Officer directory").
const STATUS_ALIASES: Record<string, string> = { 在岗: 'active', 暂停: 'suspended', 暂扣: 'suspended', 离岗: 'retired', 退休: 'retired', 注销: 'retired' };
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `2026-12-01~2026-12-10` (or `..`) entries. */
function parseLeave(cell: string | undefined): LeavePeriodRecord[] {
  return splitList(cell).map((entry) => {
    const [from, to] = entry.split(/~|\.\.|至/).map((s) => s.trim());
    return { from: from ?? '', to: to ?? from ?? '' };
  });
}

/**
 * `<credit code or target id>:<relation>[:<note>]` entries (full-width colons work too); the relation is
 * one of CONFLICT_RELATIONS, the optional note stays internal.
 */
function parseConflicts(cell: string | undefined): ConflictRecord[] {
  return splitList(cell).map((entry) => {
    const [key, rest] = splitAtColon(entry);
    const [relation, note] = splitAtColon(rest ?? '');
    return { ...(UUID.test(key) ? { targetId: key } : { creditCode: key }), relation, ...(note ? { note } : {}) };
  });
}

/** `a:b:c` → ['a', 'b:c']; `a` → ['a', undefined] (trimmed; a full-width colon works too). */
function splitAtColon(text: string): [string, string | undefined] {
  const at = text.search(/[:：]/);
  return at < 0 ? [text.trim(), undefined] : [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

/** Bulk import of the inspector directory. */
export class InspectorImport implements ImportPlan {
  readonly required = ['certificate_no', 'name', 'certified_categories'];
  private readonly records: (ReturnType<typeof checkInspector>['value'] & object)[] = [];
  private readonly rows: number[] = [];
  private readonly certificateRow = new Map<string, number>();
  private readonly targetRefs = new Map<string, number>();

  constructor(
    private readonly department: string,
    private readonly canWrite: (department: string) => boolean,
    /** Runs in the write's transaction once every row is in (the directory-change event). */
    private readonly afterWrite: (m: EntityManager, importId: string) => Promise<void>,
  ) {}

  columnOf(header: string): string | undefined {
    return HEADERS[header] ?? HEADERS[header.toLowerCase()];
  }

  get size(): number {
    return this.rows.length;
  }

  add({ row, cells }: SheetRow): RowError[] {
    const department = cells.department?.trim() || this.department;
    const { value, problems } = checkInspector({
      certificateNo: cells.certificate_no, name: cells.name, department, regionCode: cells.region_code,
      certifiedCategories: splitList(cells.certified_categories), leavePeriods: parseLeave(cells.leave_periods),
      conflicts: parseConflicts(cells.conflicts), status: cells.status ? (STATUS_ALIASES[cells.status.trim()] ?? cells.status) : undefined,
      certificateValidFrom: cells.certificate_valid_from, certificateValidUntil: cells.certificate_valid_until,
    });
    const errors: RowError[] = problems.map((p) => ({ row, column: p.column, message: p.message }));
    if (department !== this.department && !this.canWrite(department)) {
      errors.push({ row, column: 'department', message: `no write access to department ${department}` });
    }
    if (!value) return errors;
    const earlier = this.certificateRow.get(value.certificateNo);
    if (earlier !== undefined) errors.push({ row, column: 'certificate_no', message: `执法证号 ${value.certificateNo} also on row ${earlier}` });
    if (errors.length) return errors;
    this.certificateRow.set(value.certificateNo, row);
    for (const c of value.conflicts) if (c.targetId && !this.targetRefs.has(c.targetId)) this.targetRefs.set(c.targetId, row);
    this.records.push(value);
    this.rows.push(row);
    return [];
  }

  async checkAgainstDatabase(m: EntityManager): Promise<RowError[]> {
    const errors: RowError[] = [];
    const taken = (await m.query(`SELECT certificate_no FROM planning.inspector WHERE certificate_no = ANY($1::text[])`, [[...this.certificateRow.keys()]])) as { certificate_no: string }[];
    for (const t of taken) errors.push({ row: this.certificateRow.get(t.certificate_no)!, column: 'certificate_no', message: `执法证号 ${t.certificate_no} is already in the directory` });
    if (this.targetRefs.size) {
      const ids = [...this.targetRefs.keys()];
      const found = new Set(((await m.query(`SELECT id::text FROM planning.target WHERE id = ANY($1::uuid[])`, [ids])) as { id: string }[]).map((r) => r.id));
      for (const id of ids) if (!found.has(id)) errors.push({ row: this.targetRefs.get(id)!, column: 'conflicts', message: `declared conflict with unknown target ${id}` });
    }
    return errors;
  }

  async write(m: EntityManager, importId: string, progress: (written: number) => Promise<void>): Promise<number> {
    const BATCH = 2000;
    for (let start = 0; start < this.records.length; start += BATCH) {
      const batch = this.records.slice(start, start + BATCH);
      await m.query(
        `INSERT INTO planning.inspector (certificate_no, name, department, region_code, certified_categories, leave_periods, conflicts, status, certificate_valid_from, certificate_valid_until, import_id)
         SELECT r.certificate_no, r.name, r.department, r.region_code, ARRAY(SELECT jsonb_array_elements_text(r.certified_categories)), r.leave_periods, r.conflicts, r.status,
           r.certificate_valid_from, r.certificate_valid_until, $2::uuid
         FROM jsonb_to_recordset($1::jsonb) AS r(certificate_no text, name text, department text, region_code text, certified_categories jsonb, leave_periods jsonb, conflicts jsonb, status text,
           certificate_valid_from date, certificate_valid_until date)`,
        [
          JSON.stringify(batch.map((r) => ({
            certificate_no: r.certificateNo, name: r.name, department: r.department, region_code: r.regionCode,
            certified_categories: r.certifiedCategories, leave_periods: r.leavePeriods, conflicts: r.conflicts, status: r.status,
            certificate_valid_from: r.certificateValidFrom, certificate_valid_until: r.certificateValidUntil,
          }))),
          importId,
        ],
      );
      await progress(Math.min(start + BATCH, this.records.length));
    }
    await this.afterWrite(m, importId);
    return this.records.length;
  }
}
