import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { assertCanRead, type Principal } from '#auth';
import { bundleVersionOf, checkExclusionOpening, notFound, openExclusions, type AnyDrawAnnouncement, type ExclusionOpening } from '#domain';
import { readableDepartment } from '../common/department.js';
import type { Page } from '../common/pagination.js';
import { Task } from '../plans/task.entity.js';
import { Draw } from './draw.entity.js';
import { buildBundle, loadFullDraw, privatePopulations } from './draw-bundle.builder.js';
import { DrawSnapshot } from './draw-snapshot.entity.js';
import { officerDraw, publicDraw } from './draw-views.js';
import type { AssignmentsQuery, ListDrawsQuery } from './dto/draw.dto.js';

/** Reading draws: officers' views, the public record and the verifiable bundle. */
@Injectable()
export class DrawQueriesService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(user: Principal, q: ListDrawsQuery) {
    const department = readableDepartment(user, q.department);
    const draws = await this.ds.getRepository(Draw).find({ where: { ...(department ? { department } : {}), ...(q.taskId ? { taskId: q.taskId } : {}) }, order: { announcedAt: 'DESC' }, take: 500 });
    const tasks = await this.tasksOf(draws);
    return draws.map((d) => officerDraw(d, tasks.get(d.taskId)!));
  }

  async get(user: Principal, id: string) {
    const draw = await this.ds.getRepository(Draw).findOneBy({ id });
    if (!draw) throw notFound(`draw ${id} not found`);
    assertCanRead(user, draw.department);
    return officerDraw(draw, await this.ds.getRepository(Task).findOneByOrFail({ id: draw.taskId }));
  }

  /** The drawn targets and their current teams, with names (officers only). */
  async assignments(user: Principal, id: string, q: AssignmentsQuery): Promise<Page<unknown>> {
    const draw = await this.ds.getRepository(Draw).findOneBy({ id });
    if (!draw) throw notFound(`draw ${id} not found`);
    assertCanRead(user, draw.department);
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM planning.assignment WHERE draw_id = $1`, [id])) as { total: number }[];
    const items = (await this.ds.query(
      `SELECT a.seq, a.stratum, t.id AS "targetId", t.name AS "targetName", t.credit_code AS "targetCode", t.kind AS "targetKind", t.category,
              a.due_date::text AS "dueDate",
              (SELECT json_agg(json_build_object('inspectorId', i.id, 'name', i.name, 'department', i.department, 'certificateNo', i.certificate_no) ORDER BY x.ord)
                 FROM unnest(a.inspector_ids) WITH ORDINALITY AS x(id, ord) JOIN planning.inspector i ON i.id = x.id) AS inspectors
       FROM planning.assignment a JOIN planning.target t ON t.id = a.target_id
       WHERE a.draw_id = $1 ORDER BY a.seq LIMIT $2 OFFSET $3`,
      [id, q.limit, q.offset],
    )) as unknown[];
    return { total, limit: q.limit, offset: q.offset, items };
  }

  async listPublic(department?: string) {
    const draws = await this.ds.getRepository(Draw).find({ where: department ? { department } : {}, order: { announcedAt: 'DESC' }, take: 500 });
    const tasks = await this.tasksOf(draws);
    return draws.map((d) => publicDraw(d, tasks.get(d.taskId)!));
  }

  async getPublic(id: string) {
    const draw = await this.ds.getRepository(Draw).findOneBy({ id });
    if (!draw) throw notFound(`draw ${id} not found`);
    return publicDraw(draw, await this.ds.getRepository(Task).findOneByOrFail({ id: draw.taskId }));
  }

  /** The bundle as JSON text, once the draw is revealed (before that the secret must stay secret). */
  async bundleJson(id: string): Promise<string> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const draw = await loadFullDraw(m, id);
      if (draw.status !== 'revealed') throw notFound(`draw ${id} is not revealed yet: its bundle is published at the reveal`);
      return JSON.stringify(await buildBundle(m, draw));
    });
  }

  /**
   * What opens one exclusion of a version-2 draw (its salt, the reason record and, for a conflict,
   * the target's id and salt): for an officer or auditor checking one reason against the published
   * commitment. Never public; one exclusion per request.
   */
  async exclusionOpening(user: Principal, id: string, index: number): Promise<ExclusionOpening & { index: number; valid: boolean }> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const draw = await loadFullDraw(m, id);
      assertCanRead(user, draw.department);
      const announcement = draw.announcement as unknown as AnyDrawAnnouncement;
      if (bundleVersionOf(announcement) !== 2) throw notFound(`draw ${id} is a version-1 draw: its bundle states leave and conflicts in clear, there is nothing to open`);
      const snapshot = await m.findOneByOrFail(DrawSnapshot, { drawId: id });
      const openings = openExclusions(privatePopulations(draw, snapshot, announcement), { sha256: () => createHash('sha256') });
      const opening = openings[index];
      if (!opening) throw notFound(`draw ${id} has ${openings.length} exclusions (0 to ${openings.length - 1}); there is no exclusion ${index}`);
      return { index, ...opening, valid: checkExclusionOpening(opening.exclusion, opening).length === 0 };
    });
  }

  private async tasksOf(draws: Draw[]): Promise<Map<string, Task>> {
    const tasks = await this.ds.getRepository(Task).findBy({ id: In(draws.map((d) => d.taskId)) });
    return new Map(tasks.map((t) => [t.id, t]));
  }
}
