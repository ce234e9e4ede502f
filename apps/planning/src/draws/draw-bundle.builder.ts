import type { EntityManager } from 'typeorm';
import {
  DRAW_BUNDLE_FORMAT,
  DRAW_BUNDLE_VERSION,
  STRATA,
  canonicalInspectors,
  canonicalTargets,
  notFound,
  rfc3797StratumKey,
  type DrawAnnouncement,
  type DrawBundle,
  type DrawOutcome,
  type InspectorEntry,
  type Stratum,
  type SubstitutionRecord,
} from '#domain';
import { Draw } from './draw.entity.js';
import { DrawSnapshot } from './draw-snapshot.entity.js';
import { parseTargetLines } from './population.js';

/** A draw with the columns that are not selected by default (the secret and the outcome). */
export async function loadFullDraw(m: EntityManager, id: string, lock = false): Promise<Draw> {
  const qb = m.createQueryBuilder(Draw, 'd').addSelect('d.secret').addSelect('d.outcome').where('d.id = :id', { id });
  if (lock) qb.setLock('pessimistic_write');
  const draw = await qb.getOne();
  if (!draw) throw notFound(`draw ${id} not found`);
  return draw;
}

/**
 * The self-contained, verifiable record of an executed draw: announcement, reveal (secret, public
 * value, seed), the frozen populations (opaque ids, credit class, credit code; inspectors' ids,
 * departments, certificates, leave dates and declared conflicts — no names, no ID numbers), the
 * outcome with every skip, and every substitution.
 */
export async function buildBundle(m: EntityManager, draw: Draw): Promise<DrawBundle> {
  const snapshot = await m.findOneBy(DrawSnapshot, { drawId: draw.id });
  if (!snapshot || !draw.outcome || !draw.seed || draw.publicRandomnessValue === null) throw notFound(`draw ${draw.id} has not been executed`);
  const announcement = draw.announcement as unknown as DrawAnnouncement;
  const publicValue = draw.publicRandomnessValue;
  const rfc3797Keys = announcement.rules.algorithm === 'rfc3797'
    ? (Object.fromEntries(STRATA.map((s) => [s, rfc3797StratumKey(publicValue, s)])) as Record<Stratum, string>)
    : undefined;
  return {
    format: DRAW_BUNDLE_FORMAT,
    version: DRAW_BUNDLE_VERSION,
    announcement,
    reveal: { secret: draw.secret, publicRandomnessValue: publicValue, seed: draw.seed, ...(rfc3797Keys ? { rfc3797Keys } : {}) },
    populations: {
      targets: canonicalTargets(parseTargetLines(snapshot.targets)),
      inspectors: canonicalInspectors(snapshot.inspectors as InspectorEntry[], announcement.rules.departments),
    },
    outcome: draw.outcome as unknown as DrawOutcome,
    substitutions: draw.substitutions as unknown as SubstitutionRecord[],
  };
}
