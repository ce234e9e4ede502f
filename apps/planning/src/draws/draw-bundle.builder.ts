import type { EntityManager } from 'typeorm';
import { createHash } from 'node:crypto';
import {
  DRAW_BUNDLE_FORMAT,
  STRATA,
  bundleVersionOf,
  canonicalInspectors,
  canonicalTargets,
  DomainError,
  notFound,
  rfc3797StratumKey,
  sealPopulations,
  type AnyDrawAnnouncement,
  type AnyDrawBundle,
  type DrawAnnouncement,
  type DrawAnnouncementV2,
  type DrawOutcome,
  type DrawReveal,
  type InspectorEntry,
  type PrivatePopulations,
  type Stratum,
  type SubstitutionRecord,
} from '#domain';
import { Draw } from './draw.entity.js';
import { DrawSnapshot } from './draw-snapshot.entity.js';
import { parseTargetLines } from './population.js';

/** A draw with the columns that are not selected by default (the secret, the disclosure key and the outcome). */
export async function loadFullDraw(m: EntityManager, id: string, lock = false): Promise<Draw> {
  const qb = m.createQueryBuilder(Draw, 'd').addSelect('d.secret').addSelect('d.disclosureKey').addSelect('d.outcome').where('d.id = :id', { id });
  if (lock) qb.setLock('pessimistic_write');
  const draw = await qb.getOne();
  if (!draw) throw notFound(`draw ${id} not found`);
  return draw;
}

/**
 * The self-contained, verifiable record of an executed draw: announcement, reveal (secret, public
 * value, seed), the populations, the outcome with every skip, and every substitution.
 *
 * Version 2 (every draw announced since bundles were versioned): the targets sealed (per stratum the
 * leaves, and the drawn targets opened), the inspectors' ids, departments, the task's certified
 * categories and loads, and the exclusions with salted commitments to their reasons — no credit code,
 * no credit class of a firm not drawn, no leave date, no declared conflict. Version 1 (the demo's
 * 2020 draws): the frozen populations in clear, as they were published.
 */
export async function buildBundle(m: EntityManager, draw: Draw): Promise<AnyDrawBundle> {
  const snapshot = await m.findOneBy(DrawSnapshot, { drawId: draw.id });
  if (!snapshot || !draw.outcome || !draw.seed || draw.publicRandomnessValue === null) throw notFound(`draw ${draw.id} has not been executed`);
  const announcement = draw.announcement as unknown as AnyDrawAnnouncement;
  const publicValue = draw.publicRandomnessValue;
  const rfc3797Keys = announcement.rules.algorithm === 'rfc3797'
    ? (Object.fromEntries(STRATA.map((s) => [s, rfc3797StratumKey(publicValue, s)])) as Record<Stratum, string>)
    : undefined;
  const reveal: DrawReveal = { secret: draw.secret, publicRandomnessValue: publicValue, seed: draw.seed, ...(rfc3797Keys ? { rfc3797Keys } : {}) };
  const outcome = draw.outcome as unknown as DrawOutcome;
  const substitutions = draw.substitutions as unknown as SubstitutionRecord[];
  if (bundleVersionOf(announcement) === 2) {
    const populations = sealPopulations(privatePopulations(draw, snapshot, announcement), outcome.teams.map((t) => t.targetId), FAST_HASH);
    return { format: DRAW_BUNDLE_FORMAT, version: 2, announcement: announcement as DrawAnnouncementV2, reveal, populations, outcome, substitutions };
  }
  return {
    format: DRAW_BUNDLE_FORMAT,
    version: 1,
    announcement: announcement as DrawAnnouncement,
    reveal,
    populations: {
      targets: canonicalTargets(parseTargetLines(snapshot.targets)),
      inspectors: canonicalInspectors(snapshot.inspectors as InspectorEntry[], announcement.rules.departments),
    },
    outcome,
    substitutions,
  };
}

/** What planning keeps of a version-2 draw: the frozen populations and the disclosure key (never public). */
export function privatePopulations(draw: Draw, snapshot: DrawSnapshot, announcement: AnyDrawAnnouncement): PrivatePopulations {
  return {
    rules: announcement.rules,
    targets: parseTargetLines(snapshot.targets),
    inspectors: snapshot.inspectors as InspectorEntry[],
    disclosure: disclosureOf(draw, announcement),
  };
}

/** The disclosure of a version-2 draw (its key must have been selected: loadFullDraw does). */
export function disclosureOf(draw: Draw, announcement: AnyDrawAnnouncement) {
  if (!draw.disclosureKey) throw new DomainError('conflict', `draw ${draw.id} is a version-2 draw without its disclosure key`);
  return { key: draw.disclosureKey, creditClass: 'creditClass' in announcement ? announcement.creditClass : ('withheld' as const) };
}

const FAST_HASH = { sha256: () => createHash('sha256') };
