import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DrawAnnounced,
  DrawCompleted,
  DrawRevealed,
  type DrawAnnouncedPayload,
  type DrawCompletedPayload,
  type DrawRevealedPayload,
} from '#contracts';
import { OnEvent, type EventContext } from '#messaging';
import { chinaYear } from '../common/search-text.js';

/**
 * Feeds the draw read model from planning's events. The three event types travel on different
 * consumers and may arrive in any order, so each one upserts only its own columns of the draw row.
 * The upsert also takes the row lock, so two replicas handling two chunks (or batches) of one draw
 * at once serialise, and the one that completes the set sees every part.
 */
@Injectable()
export class DrawIngestService {
  private readonly logger = new Logger('DrawIngest');

  @OnEvent(DrawAnnounced)
  async onAnnounced(p: DrawAnnouncedPayload, ctx: EventContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO portal.draw AS d (draw_id, task_id, task_name, task_number, year, department, departments, items, announced_at, due_date,
         commitment, public_randomness_source, target_population_hash, inspector_population_hash, target_population_size,
         inspector_population_size, strata, algorithm, rules, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now())
       ON CONFLICT (draw_id) DO UPDATE SET task_id = EXCLUDED.task_id, task_name = EXCLUDED.task_name, task_number = EXCLUDED.task_number,
         year = EXCLUDED.year, department = EXCLUDED.department, departments = EXCLUDED.departments, items = EXCLUDED.items,
         announced_at = EXCLUDED.announced_at, due_date = EXCLUDED.due_date, commitment = EXCLUDED.commitment,
         public_randomness_source = EXCLUDED.public_randomness_source, target_population_hash = EXCLUDED.target_population_hash,
         inspector_population_hash = EXCLUDED.inspector_population_hash, target_population_size = EXCLUDED.target_population_size,
         inspector_population_size = EXCLUDED.inspector_population_size, strata = EXCLUDED.strata, algorithm = EXCLUDED.algorithm,
         rules = EXCLUDED.rules, updated_at = now()`,
      [
        p.drawId, p.taskId, p.taskName, p.taskNumber ?? null, p.year, p.department, p.departments, JSON.stringify(p.items), p.announcedAt, p.dueDate,
        p.commitment, p.publicRandomnessSource, p.targetPopulationHash, p.inspectorPopulationHash, p.targetPopulationSize,
        p.inspectorPopulationSize, JSON.stringify(p.strata), p.algorithm, JSON.stringify(p.rules),
      ],
    );
  }

  @OnEvent(DrawCompleted)
  async onCompleted(p: DrawCompletedPayload, ctx: EventContext): Promise<void> {
    const m = ctx.manager;
    await m.query(
      `INSERT INTO portal.draw AS d (draw_id, task_id, task_name, task_number, year, department, departments, items, due_date, executed_at,
         batch_count, total_assignments, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
       ON CONFLICT (draw_id) DO UPDATE SET executed_at = EXCLUDED.executed_at, batch_count = EXCLUDED.batch_count,
         total_assignments = EXCLUDED.total_assignments, year = coalesce(d.year, EXCLUDED.year), updated_at = now()`,
      [p.drawId, p.taskId, p.taskName, p.taskNumber ?? null, chinaYear(new Date(p.executedAt)), p.department, p.departments, JSON.stringify(p.items), p.dueDate, p.executedAt, p.batchCount, p.totalAssignments],
    );
    await m.query(`INSERT INTO portal.draw_batch (draw_id, batch_index) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [p.drawId, p.batchIndex]);
    for (const a of p.assignments) {
      // Inspectors keep id, name and department; certificate numbers are not republished.
      const inspectors = a.inspectors.map((i) => ({ inspectorId: i.inspectorId, name: i.name, department: i.department }));
      await m.query(
        `INSERT INTO portal.draw_assignment (draw_id, target_id, target_name, target_code, target_kind, region, stratum, inspectors)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (draw_id, target_id) DO NOTHING`,
        [p.drawId, a.targetId, a.targetName, a.targetCode ?? null, a.targetKind, a.region ?? null, a.stratum, JSON.stringify(inspectors)],
      );
    }
  }

  @OnEvent(DrawRevealed)
  async onRevealed(p: DrawRevealedPayload, ctx: EventContext): Promise<void> {
    await this.storeChunk(ctx.manager, p);
  }

  async storeChunk(m: EntityManager, p: DrawRevealedPayload): Promise<void> {
    // Locks the draw row (created bare if the announcement has not arrived yet).
    await m.query(
      `INSERT INTO portal.draw AS d (draw_id, task_id, task_name, department, revealed_at, seed, chunk_count, updated_at)
       VALUES ($1, $2, '', '', NULL, $3, $4, now())
       ON CONFLICT (draw_id) DO UPDATE SET chunk_count = EXCLUDED.chunk_count, seed = EXCLUDED.seed, updated_at = now()`,
      [p.drawId, p.taskId, p.seed, p.chunkCount],
    );
    const [{ done }] = (await m.query(`SELECT bundle IS NOT NULL AS done FROM portal.draw WHERE draw_id = $1`, [p.drawId])) as { done: boolean }[];
    if (done) return; // a chunk delivered again after the bundle was assembled
    await m.query(
      `INSERT INTO portal.draw_reveal_chunk (draw_id, chunk_index, chunk_count, text) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [p.drawId, p.chunkIndex, p.chunkCount, p.bundleChunk],
    );
    const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM portal.draw_reveal_chunk WHERE draw_id = $1 AND chunk_index < $2`, [p.drawId, p.chunkCount])) as { n: number }[];
    if (n < p.chunkCount) return;
    const chunks = (await m.query(`SELECT text FROM portal.draw_reveal_chunk WHERE draw_id = $1 AND chunk_index < $2 ORDER BY chunk_index`, [p.drawId, p.chunkCount])) as { text: string }[];
    const bundle = chunks.map((c) => c.text).join('');
    try {
      JSON.parse(bundle);
    } catch {
      // Publish nothing rather than a broken bundle; the verifier page says it is not available.
      this.logger.error(`draw ${p.drawId}: the ${p.chunkCount} revealed chunks do not form JSON; bundle not published`);
      return;
    }
    await m.query(`UPDATE portal.draw SET bundle = $2, revealed_at = $3, seed = $4, updated_at = now() WHERE draw_id = $1`, [p.drawId, bundle, p.revealedAt, p.seed]);
    await m.query(`DELETE FROM portal.draw_reveal_chunk WHERE draw_id = $1`, [p.drawId]);
  }
}
