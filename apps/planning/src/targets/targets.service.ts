import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { assertCanRead, canReadDepartment, type Principal } from '#auth';
import { conflict, invalid, notFound, todayInShanghai, trailingMonthsWindow, type DateWindow } from '#domain';
import { firmInspections, inspectionCounts, isTallied, type FirmInspections } from '../burden/inspection-counts.js';
import { readableDepartment, writableDepartment } from '../common/department.js';
import type { Page } from '../common/pagination.js';
import { checkTarget, type TargetFields } from './target-rules.js';
import { CODED_KINDS, Target } from './target.entity.js';
import type { CreateTargetDto, ListTargetsQuery, UpdateTargetDto } from './dto/target.dto.js';

/**
 * A directory entry as the API answers it: with how often the firm was inspected, across
 * departments, in the last 12 months up to today (China's date); null where inspections are not
 * tallied (sites, projects, no credit code).
 */
export type TargetView = Target & { inspectionsLast12Months: number | null };
/** One entry: also the window and the departments that inspected. */
export type TargetDetail = TargetView & { inspectionsWindow: DateWindow; inspectionsByDepartment: FirmInspections['byDepartment'] };

/** The 检查对象名录库: one entry at a time (bulk changes go through imports). */
@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: Principal, q: ListTargetsQuery): Promise<Page<TargetView>> {
    const department = readableDepartment(user, q.department);
    const qb = this.ds.getRepository(Target).createQueryBuilder('t');
    if (department) qb.andWhere('t.department = :department', { department });
    if (q.creditClass) qb.andWhere('t.credit_class = :cc', { cc: q.creditClass });
    if (q.kind) qb.andWhere('t.kind = :kind', { kind: q.kind });
    if (q.category) qb.andWhere('t.category = :category', { category: q.category });
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.q) qb.andWhere('(t.name ILIKE :like OR t.credit_code = :code)', { like: `%${q.q.replace(/[%_\\]/g, '\\$&')}%`, code: q.q.toUpperCase() });
    const [items, total] = await qb.orderBy('t.id').limit(q.limit).offset(q.offset).getManyAndCount();
    const counts = await inspectionCounts(this.ds.manager, items.filter(isTallied).map((t) => t.creditCode!), this.window());
    return { total, limit: q.limit, offset: q.offset, items: items.map((t) => ({ ...t, inspectionsLast12Months: isTallied(t) ? (counts.get(t.creditCode!) ?? 0) : null })) };
  }

  async get(user: Principal, id: string): Promise<TargetDetail> {
    const target = await this.ds.getRepository(Target).findOneBy({ id });
    if (!target) throw notFound(`target ${id} not found`);
    assertCanRead(user, target.department);
    const window = this.window();
    const inspections = isTallied(target) ? await firmInspections(this.ds.manager, target.creditCode!, window) : null;
    return { ...target, inspectionsLast12Months: inspections?.total ?? null, inspectionsWindow: window, inspectionsByDepartment: inspections?.byDepartment ?? [] };
  }

  /** The last 12 months up to today in China (both ends included). */
  private window(): DateWindow {
    return trailingMonthsWindow(todayInShanghai(this.clock.now()));
  }

  async create(user: Principal, dto: CreateTargetDto): Promise<Target> {
    const department = writableDepartment(user, dto.department);
    const record = this.check({ ...dto, department });
    // Filing a target into another department's pool is that department's decision (admins excepted).
    for (const d of record.departments) writableDepartment(user, d);
    return this.ds.transaction(async (m) => {
      await this.assertCodeFree(m, user, record.kind, record.creditCode);
      return m.save(m.create(Target, { ...record, importId: null }));
    });
  }

  async update(user: Principal, id: string, dto: UpdateTargetDto): Promise<Target> {
    return this.ds.transaction(async (m) => {
      const existing = await m.findOne(Target, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!existing) throw notFound(`target ${id} not found`);
      writableDepartment(user, existing.department);
      if (dto.department && dto.department !== existing.department) writableDepartment(user, dto.department);
      const merged: TargetFields = { ...existing, ...dto } as TargetFields;
      const record = this.check(merged);
      for (const d of record.departments) if (!existing.departments.includes(d)) writableDepartment(user, d);
      if (record.creditCode !== existing.creditCode || record.kind !== existing.kind) {
        await this.assertCodeFree(m, user, record.kind, record.creditCode, id);
      }
      Object.assign(existing, record);
      return m.save(existing);
    });
  }

  private check(fields: TargetFields) {
    const { value, problems } = checkTarget(fields, todayInShanghai(this.clock.now()));
    if (!value) throw invalid(problems.map((p) => p.message).join('; '), problems);
    return value;
  }

  /** One entry per credit code. The existing entry is named only to a caller who may read it. */
  private async assertCodeFree(m: EntityManager, user: Principal, kind: string, code: string | null, exceptId?: string): Promise<void> {
    if (!code || !(CODED_KINDS as readonly string[]).includes(kind)) return;
    const rows = (await m.query(
      `SELECT id, department FROM planning.target WHERE credit_code = $1 AND kind IN ('organisation', 'individual_business') AND ($2::uuid IS NULL OR id <> $2)`,
      [code, exceptId ?? null],
    )) as { id: string; department: string }[];
    if (!rows.length) return;
    if (canReadDepartment(user, rows[0].department)) throw conflict(`credit code ${code} is already in the directory (target ${rows[0].id})`);
    throw conflict(`credit code ${code} is already in the directory of another department (${rows[0].department}): ask them to add your department to its inspecting departments`);
  }
}
