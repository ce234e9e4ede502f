import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '#domain';

export interface DrawSummary {
  drawId: string;
  url: string;
  taskId: string;
  taskName: string;
  taskNumber: string | null;
  year: number | null;
  department: string;
  departments: string[];
  items: { code: string; name: string }[];
  announcedAt: string | null;
  dueDate: string | null;
  executedAt: string | null;
  revealedAt: string | null;
  /** announced → executed → revealed. */
  stage: 'announced' | 'executed' | 'revealed';
  totalAssignments: number | null;
}

export interface DrawDetail extends DrawSummary {
  commitment: string | null;
  publicRandomnessSource: string | null;
  targetPopulationHash: string | null;
  inspectorPopulationHash: string | null;
  targetPopulationSize: number | null;
  inspectorPopulationSize: number | null;
  strata: { stratum: string; size: number; sampleSize: number }[] | null;
  algorithm: string | null;
  rules: Record<string, unknown> | null;
  seed: string | null;
  bundleUrl: string | null;
  /**
   * Whether the bureau publishes the credit class of each drawn firm for this draw (fixed at its
   * announcement; draws announced before the setting existed: withheld). When withheld, the classes
   * are public only per stratum (`strata`: sizes and sample sizes), never beside a firm.
   */
  creditClass: 'published' | 'withheld';
  /** The drawn targets and teams: public only once the draw is revealed. `stratum` is null unless the class is published. */
  assignments: { targetId: string; targetName: string; targetCode: string | null; targetKind: string; region: string | null; stratum: string | null; inspectors: { name: string; department: string }[] }[];
}

interface DrawRow {
  draw_id: string; task_id: string; task_name: string; task_number: string | null; year: number | null; department: string; departments: string[];
  items: { code: string; name: string }[]; announced_at: Date | null; due_date: string | null; executed_at: Date | null; revealed_at: Date | null;
  total_assignments: number | null; has_bundle: boolean; commitment: string | null; public_randomness_source: string | null;
  target_population_hash: string | null; inspector_population_hash: string | null; target_population_size: number | null;
  inspector_population_size: number | null; strata: DrawDetail['strata']; algorithm: string | null; rules: Record<string, unknown> | null; seed: string | null;
}

const COLUMNS = `draw_id, task_id, task_name, task_number, year, department, departments, items, announced_at, due_date::text AS due_date,
  executed_at, revealed_at, total_assignments, bundle IS NOT NULL AS has_bundle, commitment, public_randomness_source, target_population_hash,
  inspector_population_hash, target_population_size, inspector_population_size, strata, algorithm, rules, seed`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function summary(r: DrawRow): DrawSummary {
  return {
    drawId: r.draw_id,
    url: `/tasks/${encodeURIComponent(r.draw_id)}`,
    taskId: r.task_id,
    taskName: r.task_name,
    taskNumber: r.task_number,
    year: r.year,
    department: r.department,
    departments: r.departments,
    items: (r.items ?? []).map((i) => ({ code: i.code, name: i.name })),
    announcedAt: iso(r.announced_at),
    dueDate: r.due_date,
    executedAt: iso(r.executed_at),
    revealedAt: r.has_bundle ? iso(r.revealed_at) : null,
    stage: r.has_bundle ? 'revealed' : r.executed_at ? 'executed' : 'announced',
    totalAssignments: r.total_assignments,
  };
}

/**
 * The bureau's setting for one draw, from the announcement planning sent with the rules: only a
 * version-2 announcement saying `creditClass: 'published'` lets the portal name drawn firms' classes.
 */
export function creditClassOf(rules: Record<string, unknown> | null): 'published' | 'withheld' {
  const announcement = rules?.announcement as { creditClass?: unknown } | undefined;
  return announcement?.creditClass === 'published' ? 'published' : 'withheld';
}

/** Reads of announced and revealed draws. A draw is public from its announcement on. */
@Injectable()
export class DrawQueryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(year?: number): Promise<DrawSummary[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM portal.draw WHERE announced_at IS NOT NULL ${year ? 'AND year = $1' : ''} ORDER BY announced_at DESC, draw_id LIMIT 500`,
      year ? [year] : [],
    )) as DrawRow[];
    return rows.map(summary);
  }

  async detail(drawId: string): Promise<DrawDetail> {
    const [r] = (await this.db.query(`SELECT ${COLUMNS} FROM portal.draw WHERE draw_id = $1 AND announced_at IS NOT NULL`, [drawId])) as DrawRow[];
    if (!r) throw new DomainError('not_found', `no announced draw ${drawId}`);
    const creditClass = creditClassOf(r.rules);
    const published = creditClass === 'published';
    // Withheld: neither the class nor an order by class (which would group the firms by class).
    const assignments = r.has_bundle
      ? ((await this.db.query(
          `SELECT target_id, target_name, target_code, target_kind, region, ${published ? 'stratum' : 'NULL::text AS stratum'}, inspectors
           FROM portal.draw_assignment WHERE draw_id = $1 ORDER BY ${published ? 'stratum, target_id' : 'target_name, target_id'}`,
          [drawId],
        )) as { target_id: string; target_name: string; target_code: string | null; target_kind: string; region: string | null; stratum: string | null; inspectors: { name: string; department: string }[] }[])
      : [];
    return {
      ...summary(r),
      commitment: r.commitment,
      publicRandomnessSource: r.public_randomness_source,
      targetPopulationHash: r.target_population_hash,
      inspectorPopulationHash: r.inspector_population_hash,
      targetPopulationSize: r.target_population_size,
      inspectorPopulationSize: r.inspector_population_size,
      strata: r.strata,
      algorithm: r.algorithm,
      rules: r.rules,
      seed: r.has_bundle ? r.seed : null,
      bundleUrl: r.has_bundle ? `/api/v1/draws/${encodeURIComponent(r.draw_id)}/bundle` : null,
      creditClass,
      assignments: assignments.map((a) => ({
        targetId: a.target_id, targetName: a.target_name, targetCode: a.target_code, targetKind: a.target_kind, region: a.region, stratum: a.stratum,
        inspectors: a.inspectors.map((i) => ({ name: i.name, department: i.department })),
      })),
    };
  }

  /** The revealed bundle as published (JSON text), for the verifier. */
  async bundle(drawId: string): Promise<string> {
    const [r] = (await this.db.query(`SELECT bundle FROM portal.draw WHERE draw_id = $1`, [drawId])) as { bundle: string | null }[];
    if (!r) throw new DomainError('not_found', `no draw ${drawId}`);
    if (!r.bundle) throw new DomainError('not_found', `draw ${drawId} is not revealed yet`);
    return r.bundle;
  }
}
