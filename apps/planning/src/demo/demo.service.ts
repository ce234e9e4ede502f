import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ItemsPublished } from '#contracts';
import { usccCheckCharacter } from '#domain';
import { OutboxService } from '#messaging';
import type { Principal } from '#auth';
import { Draw } from '../draws/draw.entity.js';
import { publishDirectoryChanges } from '../inspectors/directory-events.js';
import { DrawsService } from '../draws/draws.service.js';
import { ItemVersion } from '../items/item.entity.js';
import { toPublished } from '../items/items.service.js';
import { AnnualPlan } from '../plans/annual-plan.entity.js';
import type { CreateTaskDto } from '../plans/dto/plan.dto.js';
import { PlansService } from '../plans/plans.service.js';
import { Task } from '../plans/task.entity.js';
import { DEMO_2020_TASKS, DEMO_2020_YEAR } from './draws-2020.js';
import { DEMO_ITEMS, DEMO_REGION, DEMO_UNITS, demoInspectors, demoTargets } from './water-bureau.js';

/** Marks the demo's rows, so loading twice changes nothing. */
export const DEMO_IMPORT_ID = '00000000-0000-4000-8000-00000000de00';

export interface DemoLoadResult {
  items: number;
  inspectors: number;
  targets: number;
  plans: number;
  alreadyLoaded: boolean;
}

export interface Demo2020Result {
  year: number;
  plans: { department: string; planId: string }[];
  tasks: { taskId: string; number: string; name: string; department: string; drawId: string; status: string; sampleSize: number; executedAt: string | null }[];
  /** Steps done by this call (0 when everything was there already). */
  steps: number;
}

/** Who does the demo's historical steps: the admin demo path only. */
const DEMO_ADMIN: Principal = { sub: 'demo', roles: ['admin'], name: '示例数据' };

/** Loads the water bureau of docs/demo.md, idempotently, in one transaction. */
@Injectable()
export class DemoService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly plans: PlansService,
    private readonly draws: DrawsService,
  ) {}

  async load(): Promise<DemoLoadResult> {
    return this.ds.transaction(async (m) => {
      // One loader at a time (two start scripts racing must not both insert).
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('planning.demo.load'))`);
      const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM planning.target WHERE import_id = $1`, [DEMO_IMPORT_ID])) as { n: number }[];
      if (n > 0) return { items: 0, inspectors: 0, targets: 0, plans: 0, alreadyLoaded: true };

      let items = 0;
      for (const it of DEMO_ITEMS) {
        const exists = await m.findOneBy(ItemVersion, { code: it.code });
        if (exists) continue;
        await m.insert(ItemVersion, {
          code: it.code, version: 1, current: true, retired: false, department: it.department, name: it.name, category: it.category,
          legalBasis: it.legalBasis, method: it.method, checkPoints: it.checkPoints, targetScope: it.scope,
          certificationCategory: it.certificationCategory, defaultRatios: it.ratios, frequencyPerYear: it.frequency, changeNote: '示例数据', createdBy: 'demo',
        });
        items++;
      }

      const targets = demoTargets(usccCheckCharacter);
      const inserted = (await m.query(
        `INSERT INTO planning.target (department, departments, kind, category, name, credit_code, region_code, credit_class, import_id)
         SELECT r.department, ARRAY(SELECT jsonb_array_elements_text(r.departments)), r.kind, r.category, r.name, r.credit_code, $2, r.credit_class, $3::uuid
         FROM jsonb_to_recordset($1::jsonb) AS r(department text, departments jsonb, kind text, category text, name text, credit_code text, credit_class text)
         ON CONFLICT DO NOTHING RETURNING id::text, credit_code`,
        [JSON.stringify(targets.map((t) => ({ department: t.department, departments: t.departments, kind: t.kind, category: t.category, name: t.name, credit_code: t.creditCode, credit_class: t.creditClass }))), DEMO_REGION, DEMO_IMPORT_ID],
      )) as { id: string; credit_code: string | null }[];

      const inspectors = demoInspectors();
      const rows = inspectors.map((i) => {
        const conflictCode = i.conflictWith ? targets[i.conflictWith.targetIndex].creditCode : null;
        return {
          certificate_no: i.certificateNo, name: i.name, department: i.department, certified_categories: i.certifiedCategories, leave_periods: i.leavePeriods,
          certificate_valid_from: i.certificateValidFrom, certificate_valid_until: i.certificateValidUntil,
          conflicts: conflictCode ? [{ creditCode: conflictCode, relation: i.conflictWith!.relation }] : [],
        };
      });
      const insertedInspectors = (await m.query(
        `INSERT INTO planning.inspector (certificate_no, name, department, region_code, certified_categories, leave_periods, conflicts, certificate_valid_from, certificate_valid_until, import_id)
         SELECT r.certificate_no, r.name, r.department, $2, ARRAY(SELECT jsonb_array_elements_text(r.certified_categories)), r.leave_periods, r.conflicts,
           r.certificate_valid_from, r.certificate_valid_until, $3::uuid
         FROM jsonb_to_recordset($1::jsonb) AS r(certificate_no text, name text, department text, certified_categories jsonb, leave_periods jsonb, conflicts jsonb,
           certificate_valid_from date, certificate_valid_until date)
         ON CONFLICT DO NOTHING RETURNING id`,
        [JSON.stringify(rows), DEMO_REGION, DEMO_IMPORT_ID],
      )) as unknown[];
      await publishDirectoryChanges(m, this.outbox, { importId: DEMO_IMPORT_ID }, this.clock.now());

      const plans = (await m.query(
        `INSERT INTO planning.annual_plan (department, year, title, description, created_by)
         SELECT d, 2026, d || '2026年度“双随机、一公开”抽查工作计划', '按随机抽查事项清单分批实施，重点事项按信用风险分类确定比例。', 'demo' FROM unnest($1::text[]) AS d
         ON CONFLICT DO NOTHING RETURNING id`,
        [[...DEMO_UNITS]],
      )) as unknown[];

      for (const department of DEMO_UNITS) {
        const list = await m.find(ItemVersion, { where: { department, current: true, retired: false }, order: { code: 'ASC' } });
        if (list.length && items) await this.outbox.enqueue(m, ItemsPublished, { department, publishedAt: this.clock.now().toISOString(), items: list.map(toPublished) });
      }
      return { items, inspectors: insertedInspectors.length, targets: inserted.length, plans: plans.length, alreadyLoaded: false };
    });
  }

  /** Serialises load2020 calls in this process (the demo runs on one planning instance). */
  private loading2020: Promise<unknown> = Promise.resolve();

  /**
   * The bureau's 2020 plans, tasks and draws (draws-2020.ts), announced, executed and revealed on
   * their 2020 dates through the real draw service, so they verify like any other draw. Loads the
   * demo bureau first. Idempotent and resumable: each step is done only if it is missing. Calls are
   * serialised in-process; across replicas a repeated announce, execute or reveal is refused (409)
   * by the draw service itself.
   */
  load2020(): Promise<Demo2020Result> {
    const run = this.loading2020.then(async () => {
      await this.load();
      return this.load2020Steps();
    });
    this.loading2020 = run.catch(() => undefined);
    return run;
  }

  private async load2020Steps(): Promise<Demo2020Result> {
    let steps = 0;
    const year = DEMO_2020_YEAR;
    const planRows = (await this.ds.query(
      `INSERT INTO planning.annual_plan (department, year, title, description, created_by)
       SELECT d, $2, d || '2020年度“双随机、一公开”抽查工作计划', '按随机抽查事项清单分批实施，抽查结果于检查完成后20个工作日内公示。', 'demo' FROM unnest($1::text[]) AS d
       ON CONFLICT DO NOTHING RETURNING id`,
      [[...DEMO_UNITS], year],
    )) as unknown[];
    steps += planRows.length;
    const plans = await this.ds.getRepository(AnnualPlan).findBy({ year });
    const planOf = (department: string) => plans.find((p) => p.department === department)!;

    const tasks: Demo2020Result['tasks'] = [];
    for (const t of DEMO_2020_TASKS) {
      const plan = planOf(t.department);
      let task = await this.ds.getRepository(Task).findOneBy({ planId: plan.id, name: t.name });
      if (!task) {
        const dto: CreateTaskDto = {
          name: t.name, itemCodes: t.itemCodes, targetFilter: t.targetFilter, sampling: t.sampling, inspectorsPerTarget: 2,
          departments: t.departments, maxAssignmentsPerInspector: t.maxAssignmentsPerInspector, inspectionFrom: t.inspectionFrom, dueDate: t.dueDate,
        };
        task = await this.plans.createTask(DEMO_ADMIN, plan.id, dto);
        await this.ds.query(`UPDATE planning.task SET created_at = $2 WHERE id = $1`, [task.id, new Date(t.createdAt)]);
        // The joint departments accepted the task when it was planned (their consent, on the task's date).
        const consents = Object.fromEntries(task.departments.filter((d) => d !== task!.department).map((d) => [d, { by: DEMO_ADMIN.sub, at: new Date(t.createdAt).toISOString() }]));
        await this.ds.getRepository(Task).update({ id: task.id }, { consents });
        task.consents = consents;
        steps++;
      }
      let draw = await this.ds.getRepository(Draw).findOneBy({ taskId: task.id });
      if (!draw) {
        // Published in 2020, before bundles were versioned: a version-1 bundle, every detail in clear as it was then.
        draw = await this.draws.announce(DEMO_ADMIN, task.id, { publicRandomnessSource: t.publicRandomnessSource }, { at: new Date(t.announcedAt), bundleVersion: 1 });
        steps++;
      }
      if (draw.status === 'announced') {
        draw = await this.draws.execute(DEMO_ADMIN, draw.id, { publicRandomnessValue: t.publicRandomnessValue, witnessName: t.witnessName, witnessRole: t.witnessRole }, { at: new Date(t.executedAt) });
        steps++;
      }
      if (draw.status === 'executed') {
        await this.draws.reveal(DEMO_ADMIN, draw.id, { at: new Date(t.revealedAt) });
        draw = await this.ds.getRepository(Draw).findOneByOrFail({ id: draw.id });
        steps++;
      }
      tasks.push({
        taskId: task.id, number: task.number, name: task.name, department: task.department, drawId: draw.id, status: draw.status,
        sampleSize: draw.sampleSize, executedAt: draw.executedAt?.toISOString() ?? null,
      });
    }
    return { year, plans: plans.map((p) => ({ department: p.department, planId: p.id })), tasks, steps };
  }
}
