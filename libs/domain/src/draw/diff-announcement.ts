import { STRATA } from './draw-rules.js';
import type { DrawAnnouncement } from './draw-bundle.js';
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
