import { STRATA } from './draw-rules.js';
import { bundleVersionOf, type AnyDrawAnnouncement, type DrawAnnouncement, type DrawAnnouncementV2 } from './draw-bundle.js';
import { canonicalJson, compareValue, show } from './compare.js';

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
  compareValue('announcement.algorithmVersion', p.algorithmVersion, recomputed.algorithmVersion, out);
  compareValue('announcement.drawId', p.drawId, recomputed.drawId, out);
  if (options.commitment) compareValue('announcement.commitment', p.commitment, recomputed.commitment, out);
  compareValue('announcement.publicRandomnessSource', p.publicRandomnessSource, recomputed.publicRandomnessSource, out);
  // Key order may change on the way (PostgreSQL jsonb sorts keys), so compare with sorted keys.
  if (canonicalJson(p.rules) !== canonicalJson(recomputed.rules)) {
    out.push(`announcement.rules: published ${show(p.rules)}, recomputed ${show(recomputed.rules)}`);
  }
  const pt = p.targets;
  const rt = recomputed.targets;
  compareValue('announcement.targets.size', pt?.size, rt.size, out);
  compareValue('announcement.targets.idsHash', pt?.idsHash, rt.idsHash, out);
  compareValue('announcement.targets.creditCodesHash', pt?.creditCodesHash, rt.creditCodesHash, out);
  for (const stratum of STRATA) {
    compareValue(`announcement.targets.strata.${stratum}.size`, pt?.strata?.[stratum]?.size, rt.strata[stratum].size, out);
    compareValue(
      `announcement.targets.strata.${stratum}.idsHash`,
      pt?.strata?.[stratum]?.idsHash,
      rt.strata[stratum].idsHash,
      out,
    );
    compareValue(`announcement.sampleSizes.${stratum}`, p.sampleSizes?.[stratum], recomputed.sampleSizes[stratum], out);
  }
  compareValue('announcement.inspectors.size', p.inspectors?.size, recomputed.inspectors.size, out);
  compareValue('announcement.inspectors.idsHash', p.inspectors?.idsHash, recomputed.inspectors.idsHash, out);
  compareValue('announcement.inspectors.recordsHash', p.inspectors?.recordsHash, recomputed.inspectors.recordsHash, out);
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
  compareValue('announcement.algorithmVersion', p.algorithmVersion, recomputed.algorithmVersion, out);
  compareValue('announcement.drawId', p.drawId, recomputed.drawId, out);
  if (options.commitment) compareValue('announcement.commitment', p.commitment, recomputed.commitment, out);
  compareValue('announcement.publicRandomnessSource', p.publicRandomnessSource, recomputed.publicRandomnessSource, out);
  compareValue('announcement.creditClass', p.creditClass, recomputed.creditClass, out);
  if (canonicalJson(p.rules) !== canonicalJson(recomputed.rules)) {
    out.push(`announcement.rules: published ${show(p.rules)}, recomputed ${show(recomputed.rules)}`);
  }
  const pt = p.targets;
  const rt = recomputed.targets;
  compareValue('announcement.targets.size', pt?.size, rt.size, out);
  compareValue('announcement.targets.leavesHash', pt?.leavesHash, rt.leavesHash, out);
  for (const stratum of STRATA) {
    compareValue(`announcement.targets.strata.${stratum}.size`, pt?.strata?.[stratum]?.size, rt.strata[stratum].size, out);
    compareValue(
      `announcement.targets.strata.${stratum}.leavesHash`,
      pt?.strata?.[stratum]?.leavesHash,
      rt.strata[stratum].leavesHash,
      out,
    );
    compareValue(`announcement.sampleSizes.${stratum}`, p.sampleSizes?.[stratum], recomputed.sampleSizes[stratum], out);
  }
  compareValue('announcement.inspectors.size', p.inspectors?.size, recomputed.inspectors.size, out);
  compareValue('announcement.inspectors.idsHash', p.inspectors?.idsHash, recomputed.inspectors.idsHash, out);
  compareValue('announcement.inspectors.recordsHash', p.inspectors?.recordsHash, recomputed.inspectors.recordsHash, out);
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
