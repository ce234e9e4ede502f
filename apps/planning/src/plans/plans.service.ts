import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { assertCanRead, type Principal } from '#auth';
import { conflict, forbidden, invalid, notFound } from '#domain';
import { readableDepartment, writableDepartment } from '../common/department.js';
import { DEPARTMENT_NAME } from '../common/validation.js';
import { ItemVersion } from '../items/item.entity.js';
import { AnnualPlan } from './annual-plan.entity.js';
import { checkSampling } from './sampling.js';
import { assertTakesPart, withConsentState, type TaskView } from './task-consent.js';
import { Task, type TargetFilter } from './task.entity.js';
import type { CreatePlanDto, CreateTaskDto, ListPlansQuery, ListTasksQuery } from './dto/plan.dto.js';

/** Annual plans and their tasks (batches). */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async createPlan(user: Principal, dto: CreatePlanDto): Promise<AnnualPlan> {
    const department = writableDepartment(user, dto.department);
    const existing = await this.ds.getRepository(AnnualPlan).findOneBy({ department, year: dto.year });
    if (existing) throw conflict(`${department} already has a plan for ${dto.year} (${existing.id})`);
    return this.ds.getRepository(AnnualPlan).save({ department, year: dto.year, title: dto.title.trim(), description: dto.description ?? '', createdBy: user.sub });
  }

  async listPlans(user: Principal, q: ListPlansQuery): Promise<AnnualPlan[]> {
    const department = readableDepartment(user, q.department);
    return this.ds.getRepository(AnnualPlan).find({ where: { ...(department ? { department } : {}), ...(q.year ? { year: q.year } : {}) }, order: { year: 'DESC', department: 'ASC' } });
  }

  async getPlan(user: Principal, id: string): Promise<AnnualPlan & { tasks: Task[] }> {
    const plan = await this.ds.getRepository(AnnualPlan).findOneBy({ id });
    if (!plan) throw notFound(`plan ${id} not found`);
    assertCanRead(user, plan.department);
    const tasks = await this.ds.getRepository(Task).find({ where: { planId: id }, order: { createdAt: 'ASC' } });
    return { ...plan, tasks };
  }

  async createTask(user: Principal, planId: string, dto: CreateTaskDto): Promise<TaskView> {
    const plan = await this.ds.getRepository(AnnualPlan).findOneBy({ id: planId });
    if (!plan) throw notFound(`plan ${planId} not found`);
    writableDepartment(user, plan.department);
    const problems: string[] = [];

    const codes = [...new Set(dto.itemCodes)];
    const items = await this.ds.getRepository(ItemVersion).findBy({ code: In(codes), current: true });
    for (const code of codes) {
      const item = items.find((i) => i.code === code);
      if (!item) problems.push(`unknown item code '${code}'`);
      else if (item.retired) problems.push(`item ${code} is retired`);
    }

    const departments = [plan.department, ...(dto.departments ?? []).map((d) => d.trim()).filter((d) => d !== plan.department)];
    if (new Set(departments).size !== departments.length) problems.push('departments must not repeat');
    for (const d of departments) if (!DEPARTMENT_NAME.test(d)) problems.push(`department name '${d}' is not valid`);
    if (dto.inspectorsPerTarget < departments.length) {
      problems.push(`inspectorsPerTarget (${dto.inspectorsPerTarget}) must be at least the number of departments (${departments.length}): each team includes one inspector of each`);
    }
    if (dto.inspectionFrom > dto.dueDate) problems.push(`inspectionFrom ${dto.inspectionFrom} is after dueDate ${dto.dueDate}`);

    const defaults = { A: 0, B: 0, C: 0, D: 0 };
    for (const item of items) for (const c of ['A', 'B', 'C', 'D'] as const) defaults[c] = Math.max(defaults[c], item.defaultRatios[c]);
    const sampling = checkSampling(dto.sampling, defaults);
    problems.push(...sampling.problems);
    if (problems.length) throw invalid(problems.join('; '), problems);

    const targetFilter: TargetFilter = {
      kinds: dto.targetFilter?.kinds ?? unionOrAny(items.map((i) => i.targetScope.kinds)),
      categories: dto.targetFilter?.categories ?? unionOrAny(items.map((i) => i.targetScope.categories)),
      regionCodes: dto.targetFilter?.regionCodes ?? [],
      industries: dto.targetFilter?.industries ?? [],
    };
    for (const r of targetFilter.regionCodes) if (!/^\d{2,6}$/.test(r)) throw invalid(`targetFilter.regionCodes: '${r}' is not a region code prefix (2–6 digits)`);

    return this.ds.transaction(async (m) => {
      // Serialise numbering within the plan.
      await m.query(`SELECT id FROM planning.annual_plan WHERE id = $1 FOR UPDATE`, [plan.id]);
      const count = await m.countBy(Task, { planId: plan.id });
      const number = `${plan.year}-${plan.department}-${String(count + 1).padStart(3, '0')}`;
      const saved = await m.save(m.create(Task, {
        planId: plan.id, number, name: dto.name.trim(), department: plan.department, year: plan.year, departments,
        items: codes.map((code) => {
          const i = items.find((x) => x.code === code)!;
          return { itemId: i.id, code: i.code, version: i.version, name: i.name, category: i.category, certificationCategory: i.certificationCategory };
        }),
        targetFilter, sampling: sampling.value!, inspectorsPerTarget: dto.inspectorsPerTarget,
        excludeInspectedWithinDays: dto.excludeInspectedWithinDays ?? null, excludeInspectedAtLeast: dto.excludeInspectedAtLeast ?? null, maxAssignmentsPerInspector: dto.maxAssignmentsPerInspector ?? null,
        inspectionFrom: dto.inspectionFrom, dueDate: dto.dueDate, status: 'draft', createdBy: user.sub, consents: {},
      }));
      return withConsentState(saved);
    });
  }

  /** A department's tasks: those it leads and the joint tasks it takes part in (to accept them). */
  async listTasks(user: Principal, q: ListTasksQuery): Promise<TaskView[]> {
    const department = readableDepartment(user, q.department);
    const qb = this.ds.getRepository(Task).createQueryBuilder('t');
    if (department) qb.andWhere(':department = ANY(t.departments)', { department });
    if (q.planId) qb.andWhere('t.plan_id = :planId', { planId: q.planId });
    const tasks = await qb.orderBy('t.created_at', 'DESC').take(500).getMany();
    return tasks.map(withConsentState);
  }

  async getTask(user: Principal, id: string): Promise<TaskView> {
    const task = await this.ds.getRepository(Task).findOneBy({ id });
    if (!task) throw notFound(`task ${id} not found`);
    assertTakesPart(user, task);
    return withConsentState(task);
  }

  /**
   * An officer of a participating department accepts a joint task for it (admins name the
   * department). Only a draft can be accepted; accepting twice changes nothing.
   */
  async consent(user: Principal, id: string, requested?: string): Promise<TaskView> {
    return this.ds.transaction(async (m) => {
      const task = await m.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw notFound(`task ${id} not found`);
      assertTakesPart(user, task);
      const department = writableDepartment(user, requested);
      if (department === task.department) throw invalid(`${department} leads task ${task.number}: only the other participating departments accept it`);
      if (!task.departments.includes(department)) throw forbidden(`${department} does not take part in task ${task.number}`);
      if (task.consents[department]) return withConsentState(task);
      if (task.status !== 'draft') throw conflict(`task ${task.number} is ${task.status}: consent is given before the draw is announced`);
      task.consents = { ...task.consents, [department]: { by: user.sub, at: this.clock.now().toISOString() } };
      await m.update(Task, { id }, { consents: task.consents });
      return withConsentState(task);
    });
  }
}

/** The union of the lists, or [] (= any) when one of them is unrestricted. */
function unionOrAny(lists: string[][]): string[] {
  if (lists.some((l) => l.length === 0)) return [];
  return [...new Set(lists.flat())].sort();
}
