import type { EntityManager } from 'typeorm';
import { checkTarget } from '../targets/target-rules.js';
import type { RowError } from './import-job.entity.js';
import { splitList, type SheetRow } from './read-rows.js';
import type { ImportPlan } from './import-plan.js';

const HEADERS: Record<string, string> = {
  name: 'name', 名称: 'name', 对象名称: 'name',
  kind: 'kind', 类型: 'kind', 对象类型: 'kind',
  category: 'category', 对象类别: 'category', 类别: 'category',
  credit_code: 'credit_code', 统一社会信用代码: 'credit_code',
  region_code: 'region_code', 行政区划代码: 'region_code',
  industry: 'industry', 行业: 'industry',
  credit_class: 'credit_class', 信用风险等级: 'credit_class', 信用等级: 'credit_class',
  status: 'status', 状态: 'status',
  departments: 'departments', 检查部门: 'departments',
  last_inspected_on: 'last_inspected_on', 最近检查日期: 'last_inspected_on',
  address: 'address', 地址: 'address', 注册地址: 'address',
  latitude: 'latitude', 纬度: 'latitude',
  longitude: 'longitude', 经度: 'longitude',
};

/** Chinese names of the kinds, as a bureau's spreadsheet writes them. */
const KIND_ALIASES: Record<string, string> = {
  法人及非法人组织: 'organisation', 法人: 'organisation', 单位: 'organisation',
  个体工商户: 'individual_business',
  场所: 'site', 点位: 'site',
  项目: 'project', 工程项目: 'project',
};

const STATUS_ALIASES: Record<string, string> = { 正常: 'active', 存续: 'active', 注销: 'closed', 关闭: 'closed' };

const SEP = '\u001f';
const BATCH = 10_000;

/** Bulk import of the target directory: validated in one pass, written with batched unnest INSERTs. */
export class TargetImport implements ImportPlan {
  readonly required = ['name', 'kind', 'category', 'credit_class'];
  private readonly cols = {
    departments: [] as string[], kind: [] as string[], category: [] as string[], name: [] as string[],
    creditCode: [] as (string | null)[], regionCode: [] as (string | null)[], industry: [] as (string | null)[],
    creditClass: [] as string[], status: [] as string[], lastInspectedOn: [] as (string | null)[],
    address: [] as (string | null)[], latitude: [] as (number | null)[], longitude: [] as (number | null)[],
  };
  private readonly rows: number[] = [];
  private readonly codeRow = new Map<string, number>();

  constructor(
    private readonly department: string,
    private readonly today: string,
  ) {}

  columnOf(header: string): string | undefined {
    return HEADERS[header] ?? HEADERS[header.toLowerCase()];
  }

  get size(): number {
    return this.rows.length;
  }

  add({ row, cells }: SheetRow): RowError[] {
    const kind = cells.kind ? (KIND_ALIASES[cells.kind.trim()] ?? cells.kind) : undefined;
    const status = cells.status ? (STATUS_ALIASES[cells.status.trim()] ?? cells.status) : undefined;
    const departments = splitList(cells.departments);
    const { value, problems } = checkTarget(
      {
        department: this.department,
        departments: departments.length ? departments : undefined,
        kind, category: cells.category, name: cells.name, creditCode: cells.credit_code, regionCode: cells.region_code,
        industry: cells.industry, creditClass: cells.credit_class, status, lastInspectedOn: cells.last_inspected_on,
        address: cells.address, latitude: cells.latitude, longitude: cells.longitude,
      },
      this.today,
    );
    const errors: RowError[] = problems.map((p) => ({ row, column: p.column, message: p.message }));
    if (!value) return errors;
    if (value.creditCode && (value.kind === 'organisation' || value.kind === 'individual_business')) {
      const earlier = this.codeRow.get(value.creditCode);
      if (earlier !== undefined) errors.push({ row, column: 'credit_code', message: `credit code ${value.creditCode} also on row ${earlier}` });
      else this.codeRow.set(value.creditCode, row);
    }
    if (errors.length) return errors;
    const c = this.cols;
    c.departments.push(value.departments.join(SEP));
    c.kind.push(value.kind);
    c.category.push(value.category);
    c.name.push(value.name);
    c.creditCode.push(value.creditCode);
    c.regionCode.push(value.regionCode);
    c.industry.push(value.industry);
    c.creditClass.push(value.creditClass);
    c.status.push(value.status);
    c.lastInspectedOn.push(value.lastInspectedOn);
    c.address.push(value.address);
    c.latitude.push(value.latitude);
    c.longitude.push(value.longitude);
    this.rows.push(row);
    return [];
  }

  /** Credit codes already in the directory are errors of their rows (imports add, PATCH changes). */
  async checkAgainstDatabase(m: EntityManager): Promise<RowError[]> {
    if (!this.codeRow.size) return [];
    const rows = (await m.query(
      `SELECT credit_code FROM planning.target WHERE kind IN ('organisation', 'individual_business') AND credit_code = ANY($1::text[])`,
      [[...this.codeRow.keys()]],
    )) as { credit_code: string }[];
    return rows.map((r) => ({ row: this.codeRow.get(r.credit_code)!, column: 'credit_code', message: `credit code ${r.credit_code} is already in the directory` }));
  }

  async write(m: EntityManager, importId: string, progress: (written: number) => Promise<void>): Promise<number> {
    const c = this.cols;
    for (let start = 0; start < this.rows.length; start += BATCH) {
      const end = Math.min(start + BATCH, this.rows.length);
      const department = new Array<string>(end - start).fill(this.department);
      await m.query(
        `INSERT INTO planning.target (department, departments, kind, category, name, credit_code, region_code, industry, credit_class, status, last_inspected_on, import_id, address, latitude, longitude)
         SELECT d, string_to_array(ds, E'\\x1f'), k, c, n, cc, rc, ind, cl, st, li::date, $12::uuid, addr, lat, lon
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $13::text[], $14::float8[], $15::float8[])
           AS u(d, ds, k, c, n, cc, rc, ind, cl, st, li, addr, lat, lon)`,
        [
          department, c.departments.slice(start, end), c.kind.slice(start, end), c.category.slice(start, end), c.name.slice(start, end),
          c.creditCode.slice(start, end), c.regionCode.slice(start, end), c.industry.slice(start, end), c.creditClass.slice(start, end),
          c.status.slice(start, end), c.lastInspectedOn.slice(start, end), importId,
          c.address.slice(start, end), c.latitude.slice(start, end), c.longitude.slice(start, end),
        ],
      );
      await progress(end);
    }
    return this.rows.length;
  }
}
