import { STRATA } from './draw-rules.js';
import { bundleVersionOf, type AnyDrawAnnouncement, type DrawAnnouncement, type DrawAnnouncementV2 } from './draw-bundle.js';
import { canonicalJson, compareValue, show } from './compare.js';

type Common = Partial<Pick<DrawAnnouncement, 'algorithmVersion' | 'drawId' | 'commitment' | 'publicRandomnessSource' | 'rules'>>;
type Counted = { size?: number; idsHash?: string; recordsHash?: string };

/** The fields every version shares: algorithm, draw, commitment (when asked) and randomness source. */
function diffIdentity(p: Common, r: Common, options: { commitment: boolean }, out: string[]): void {
  compareValue('announcement.algorithmVersion', p.algorithmVersion, r.algorithmVersion, out);
  compareValue('announcement.drawId', p.drawId, r.drawId, out);
  if (options.commitment) compareValue('announcement.commitment', p.commitment, r.commitment, out);
  compareValue('announcement.publicRandomnessSource', p.publicRandomnessSource, r.publicRandomnessSource, out);
}

/** Key order may change on the way (PostgreSQL jsonb sorts keys), so rules compare with sorted keys. */
function diffRules(p: Common, r: Common, out: string[]): void {
  if (canonicalJson(p.rules) !== canonicalJson(r.rules)) out.push(`announcement.rules: published ${show(p.rules)}, recomputed ${show(r.rules)}`);
}

/** Each stratum's size and population hash (`hashKey`: idsHash in v1, leavesHash in v2), and its sample size. */
function diffStrata(
  p: { strata?: Partial<Record<string, Record<string, unknown>>>; sampleSizes?: Partial<Record<string, number>> },
  r: { strata: Record<string, Record<string, unknown>>; sampleSizes: Record<string, number> },
  hashKey: 'idsHash' | 'leavesHash',
  out: string[],
): void {
  for (const stratum of STRATA) {
    compareValue(`announcement.targets.strata.${stratum}.size`, p.strata?.[stratum]?.size, r.strata[stratum].size, out);
    compareValue(`announcement.targets.strata.${stratum}.${hashKey}`, p.strata?.[stratum]?.[hashKey], r.strata[stratum][hashKey], out);
    compareValue(`announcement.sampleSizes.${stratum}`, p.sampleSizes?.[stratum], r.sampleSizes[stratum], out);
  }
}

function diffInspectors(p: Counted | undefined, r: Counted, out: string[]): void {
  compareValue('announcement.inspectors.size', p?.size, r.size, out);
  compareValue('announcement.inspectors.idsHash', p?.idsHash, r.idsHash, out);
  compareValue('announcement.inspectors.recordsHash', p?.recordsHash, r.recordsHash, out);
}

/**
 * Differences between a published announcement and one recomputed from the same inputs.
 * The commitment is compared only when asked (the verifier checks it against the revealed secret).
 */
export function diffAnnouncement(
  published: DrawAnnouncement,
  recomputed: DrawAnnouncement,
  options: { commitment: boolean },
): string[] {
  const out: string[] = [];
  const p = (published ?? {}) as Partial<DrawAnnouncement>;
  diffIdentity(p, recomputed, options, out);
  diffRules(p, recomputed, out);
  compareValue('announcement.targets.size', p.targets?.size, recomputed.targets.size, out);
  compareValue('announcement.targets.idsHash', p.targets?.idsHash, recomputed.targets.idsHash, out);
  compareValue('announcement.targets.creditCodesHash', p.targets?.creditCodesHash, recomputed.targets.creditCodesHash, out);
  diffStrata({ strata: p.targets?.strata, sampleSizes: p.sampleSizes }, { strata: recomputed.targets.strata, sampleSizes: recomputed.sampleSizes }, 'idsHash', out);
  diffInspectors(p.inspectors, recomputed.inspectors, out);
  return out;
}

/** Differences between a published version-2 announcement and one recomputed from the same inputs. */
export function diffAnnouncementV2(
  published: DrawAnnouncementV2,
  recomputed: DrawAnnouncementV2,
  options: { commitment: boolean },
): string[] {
  const out: string[] = [];
  const p = (published ?? {}) as Partial<DrawAnnouncementV2>;
  compareValue('announcement.bundleVersion', p.bundleVersion, recomputed.bundleVersion, out);
  diffIdentity(p, recomputed, options, out);
  compareValue('announcement.creditClass', p.creditClass, recomputed.creditClass, out);
  diffRules(p, recomputed, out);
  compareValue('announcement.targets.size', p.targets?.size, recomputed.targets.size, out);
  compareValue('announcement.targets.leavesHash', p.targets?.leavesHash, recomputed.targets.leavesHash, out);
  diffStrata({ strata: p.targets?.strata, sampleSizes: p.sampleSizes }, { strata: recomputed.targets.strata, sampleSizes: recomputed.sampleSizes }, 'leavesHash', out);
  diffInspectors(p.inspectors, recomputed.inspectors, out);
  compareValue('announcement.exclusions.size', p.exclusions?.size, recomputed.exclusions.size, out);
  compareValue('announcement.exclusions.hash', p.exclusions?.hash, recomputed.exclusions.hash, out);
  return out;
}

/** diffAnnouncement or diffAnnouncementV2, whichever version the recomputed announcement is. */
export function diffAnyAnnouncement(
  published: AnyDrawAnnouncement,
  recomputed: AnyDrawAnnouncement,
  options: { commitment: boolean },
): string[] {
  return bundleVersionOf(recomputed) === 2
    ? diffAnnouncementV2(published as DrawAnnouncementV2, recomputed as DrawAnnouncementV2, options)
    : [
        ...(bundleVersionOf(published ?? {}) === 2 ? ['announcement.bundleVersion: published 2, recomputed 1'] : []),
        ...diffAnnouncement(published as DrawAnnouncement, recomputed as DrawAnnouncement, options),
      ];
}
