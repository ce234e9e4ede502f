/** Version-2 bundles: sealed targets, public inspectors, committed exclusions (docs/draw-algorithm.md §10–11). */
import { createHash } from 'node:crypto';
import { executeDraw, openExclusions, sealPopulations } from './execute-draw.js';
import { announceDraw } from './announce-draw.js';
import { createDrawBundle, type DrawBundleV2 } from './draw-bundle.js';
import { substitute, withSubstitution, currentTeams } from './substitute.js';
import { verifyDrawBundle } from './verify-bundle.js';
import { commitmentOf } from './seed.js';
import { checkExclusionOpening, reasonCommitment, targetLeaf, targetSalt } from './disclosure.js';
import { fromHex } from './hash/encoding.js';
import type { SkipRecord } from './skip-rules.js';
import type { InspectorEntry, TargetEntry } from './population.js';
import {
  D_TARGETS,
  disclosureKeyFor,
  fixtureInput,
  fixtureInputV2,
  fixtureInspectors,
  fixtureRules,
  fixtureTargets,
} from './testing/draw-fixtures.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7];
const v2Of = (seed: number) => createDrawBundle(executeDraw(fixtureInputV2(seed)));
const bundle = v2Of(7);
const json = JSON.stringify(bundle);
const copy = (): DrawBundleV2 => JSON.parse(json);

/** A v1 skip as version 2 publishes it: rule 2 is `unavailable`, reasons of rules 2 and 3 carry no detail. */
function asV2(skip: SkipRecord): Pick<SkipRecord, 'targetId' | 'inspectorId' | 'rule'> {
  return { targetId: skip.targetId, inspectorId: skip.inspectorId, rule: skip.rule === 'on-leave' ? 'unavailable' : skip.rule };
}
const decisions = (skips: readonly SkipRecord[]) => skips.map((s) => ({ targetId: s.targetId, inspectorId: s.inspectorId, rule: s.rule }));

describe('version-2 bundles', () => {
  it('verify with the 无事不扰 exclusion in the rules (the population was frozen after it)', () => {
    const inspectionBurden = { excludeInspectedAtLeast: 2, window: { from: '2025-11-21', to: '2026-11-20' }, excludedTargets: 4 };
    const withBurden = createDrawBundle(executeDraw(fixtureInputV2(3, { rules: fixtureRules({ inspectionBurden }) })));
    expect(withBurden.announcement.rules.inspectionBurden).toEqual(inspectionBurden);
    expect(verifyDrawBundle(JSON.parse(JSON.stringify(withBurden)))).toMatchObject({ valid: true });
    // The rule is part of the published rules: changing it afterwards is a difference.
    const tampered = JSON.parse(JSON.stringify(withBurden)) as DrawBundleV2;
    tampered.announcement.rules.inspectionBurden!.excludeInspectedAtLeast = 'x' as unknown as number;
    expect(verifyDrawBundle(tampered).valid).toBe(false);
  });

  it.each(SEEDS)('select, assign and skip exactly as version 1 for the same seed and inputs (seed %i)', (seed) => {
    const v1 = executeDraw(fixtureInput(seed)).outcome;
    const v2 = executeDraw(fixtureInputV2(seed)).outcome;
    expect(v2.strata).toEqual(v1.strata);
    expect(v2.teams).toEqual(v1.teams);
    expect(v2.streamPosition).toBe(v1.streamPosition);
    expect(decisions(v2.skips)).toEqual(v1.skips.map(asV2));
    // Reasons of rules 1, 4, 5, 6 are the same text; rules 2 and 3 name no date, relation or code.
    v2.skips.forEach((skip, i) => {
      if (skip.rule === 'unavailable') expect(skip.reason).toBe('unavailable during the inspection window 2026-12-01..2026-12-20 (reason committed)');
      else if (skip.rule === 'conflict') expect(skip.reason).toBe('declared conflict of interest with this target (reason committed)');
      else expect(skip.reason).toBe(v1.skips[i].reason);
    });
  });

  it('select exactly as version 1 in RFC 3797 mode too, and verify', () => {
    const overrides = { rules: fixtureRules({ algorithm: 'rfc3797' as const }), publicRandomness: { source: 'lottery', value: '3 14 15 / 92 65' } };
    const v1 = executeDraw(fixtureInput(2, overrides));
    const v2 = executeDraw(fixtureInputV2(2, overrides));
    expect(v2.outcome.strata).toEqual(v1.outcome.strata);
    expect(v2.outcome.teams).toEqual(v1.outcome.teams);
    expect(v2.reveal).toEqual(v1.reveal);
    expect(verifyDrawBundle(JSON.parse(JSON.stringify(createDrawBundle(v2))))).toEqual({ valid: true, differences: [] });
  });

  it('are VALID after a JSON round trip, with the pure and with node:crypto hashing', () => {
    expect(verifyDrawBundle(copy())).toEqual({ valid: true, differences: [] });
    expect(verifyDrawBundle(copy(), { sha256: () => createHash('sha256') })).toEqual({ valid: true, differences: [] });
    expect(executeDraw(fixtureInputV2(7), { sha256: () => createHash('sha256') })).toEqual(executeDraw(fixtureInputV2(7)));
    for (const seed of [1, 2, 3]) expect(verifyDrawBundle(JSON.parse(JSON.stringify(v2Of(seed)))).valid).toBe(true);
  });

  it('leave version-1 bundles VALID', () => {
    const v1 = createDrawBundle(executeDraw(fixtureInput(7)));
    expect(v1.version).toBe(1);
    expect(verifyDrawBundle(JSON.parse(JSON.stringify(v1)))).toEqual({ valid: true, differences: [] });
  });

  it('publish no credit code, relation, leave date, non-drawn target or per-target credit class', () => {
    expect(bundle.version).toBe(2);
    expect(bundle.announcement.creditClass).toBe('withheld');
    const drawn = new Set(bundle.outcome.teams.map((t) => t.targetId));
    for (const target of fixtureTargets()) {
      if (target.creditCode) expect(json.includes(`"${target.creditCode}"`)).toBe(false);
      if (!drawn.has(target.id)) expect(json.includes(target.id)).toBe(false);
    }
    for (const inspector of fixtureInspectors()) {
      for (const conflict of inspector.conflicts) {
        if (conflict.creditCode) expect(json.includes(conflict.creditCode)).toBe(false);
        expect(json.includes(conflict.relation)).toBe(false);
      }
      for (const period of inspector.leave) {
        // (The window's own dates are public rules: a leave date equal to one of them proves nothing.)
        for (const date of [period.from, period.to]) if (date !== '2026-12-01' && date !== '2026-12-20') expect(json.includes(date)).toBe(false);
        expect(json.includes(`${period.from}..${period.to}`) || json.includes(JSON.stringify([period.from, period.to]))).toBe(false);
      }
    }
    expect(json).not.toMatch(/"(leave|conflicts|creditCode|relation|stratum":"[ABCD]","creditCode)"/);
    expect(json).not.toMatch(/CC\d+/);
    // Targets are leaves per stratum and the openings of the drawn ones (id and salt): no class per target.
    expect(Object.keys(bundle.populations.targets)).toEqual(['strata', 'drawn']);
    expect(bundle.populations.targets.drawn.every((t) => Object.keys(t).join() === 'id,salt')).toBe(true);
    expect(bundle.populations.targets.drawn.map((t) => t.id)).toEqual([...drawn].sort());
    for (const leaves of Object.values(bundle.populations.targets.strata)) for (const leaf of leaves) expect(leaf).toMatch(/^[0-9a-f]{64}$/);
    // Inspectors: the task's categories only (I03 also holds 水土保持), no leave, no conflicts.
    expect(bundle.populations.inspectors.find((i) => i.id === 'I03')).toEqual({ id: 'I03', department: '水资源管理科', certifiedCategories: ['水资源'], currentLoad: 3 });
    expect(bundle.populations.inspectors.find((i) => i.id === 'I28')?.certifiedCategories).toEqual([]);
    // The only difference the setting makes is recorded in the announcement.
    const published = executeDraw(fixtureInputV2(7, {}, { creditClass: 'published' }));
    expect(published.announcement.creditClass).toBe('published');
    expect(published.outcome).toEqual(bundle.outcome);
  });

  it('list the exclusions that can decide a skip, in canonical order, each bound by its commitment', () => {
    const { exclusions } = bundle.populations;
    // I11, I12 (leave in the window) and I13 (leave on its first day) are unavailable; I29 is uncertified (rule 1 first).
    expect(exclusions.filter((e) => e.rule === 'unavailable').map((e) => e.inspectorId)).toEqual(['I11', 'I12', 'I13']);
    expect(exclusions.some((e) => e.inspectorId === 'I29' || e.inspectorId === 'I14')).toBe(false);
    // I01–I10 each declared five D targets (by id or credit code): five conflict pairs each.
    for (let i = 1; i <= 10; i++) {
      const id = `I${String(i).padStart(2, '0')}`;
      expect(exclusions.filter((e) => e.inspectorId === id && e.rule === 'conflict')).toHaveLength(5);
    }
    const keys = exclusions.map((e) => `${e.inspectorId}|${e.target ?? ''}`);
    expect([...keys].sort()).toEqual(keys);
    expect(bundle.announcement.exclusions.size).toBe(exclusions.length);
  });

  it('let an auditor given one salt check one reason, and nothing else', () => {
    const private_ = { rules: fixtureRules(), targets: fixtureTargets(), inspectors: fixtureInspectors(), disclosure: { key: disclosureKeyFor(7) } };
    const openings = openExclusions(private_);
    expect(openings.map((o) => o.exclusion)).toEqual(bundle.populations.exclusions);
    for (const opening of openings) expect(checkExclusionOpening(opening.exclusion, opening)).toEqual([]);
    const leave = openings.find((o) => o.exclusion.inspectorId === 'I13')!;
    expect(leave.record).toBe('["unavailable","I13",null,[["2026-11-25","2026-12-01"]]]');
    const byCode = openings.find((o) => o.exclusion.rule === 'conflict' && o.record.includes('曾在该单位任职'))!;
    expect(byCode.record).toMatch(/^\["conflict","I\d\d","T\d{4}",\[\[null,"CC\d+","曾在该单位任职"\]\]\]$/);
    expect(byCode.exclusion.target).toBe(targetLeaf(targetSalt(disclosureKeyFor(7), byCode.target!.id), byCode.target!.id));
    // A wrong salt, another record or another target does not open it.
    expect(checkExclusionOpening(leave.exclusion, { ...leave, salt: byCode.salt })).toContain('SHA-256(salt ‖ record) is not the published commitment');
    expect(checkExclusionOpening(leave.exclusion, { ...leave, record: '["unavailable","I13",null,[["2026-11-26","2026-12-01"]]]' })).toContain(
      'SHA-256(salt ‖ record) is not the published commitment',
    );
    expect(checkExclusionOpening(byCode.exclusion, { ...byCode, target: { id: 'T0001', salt: byCode.target!.salt } })).toContain(
      'SHA-256(target salt ‖ target id) is not the published leaf',
    );
    expect(reasonCommitment(fromHex(leave.salt), leave.record)).toBe(leave.exclusion.commitment);
  });

  it('are INVALID when one exclusion changes, appears or disappears', () => {
    const changed = copy();
    const i = changed.populations.exclusions.findIndex((e) => e.rule === 'conflict');
    changed.populations.exclusions[i].commitment = 'f'.repeat(64);
    expect(verifyDrawBundle(changed).differences).toEqual([expect.stringMatching(/^announcement\.exclusions\.hash: published [0-9a-f]{64}, recomputed [0-9a-f]{64}$/)]);

    // Dropping the exclusion behind a published skip: the hash, the size and the recomputed skips all differ.
    const dropped = copy();
    const skip = dropped.outcome.skips.find((s) => s.rule === 'conflict')!;
    const leaf = sealedLeafOf(dropped, skip.targetId);
    dropped.populations.exclusions = dropped.populations.exclusions.filter((e) => !(e.inspectorId === skip.inspectorId && e.target === leaf));
    const verdict = verifyDrawBundle(dropped);
    expect(verdict.valid).toBe(false);
    expect(verdict.differences).toContainEqual(expect.stringMatching(/^announcement\.exclusions\.size: published \d+, recomputed \d+$/));
    expect(verdict.differences).toContainEqual(expect.stringMatching(/^announcement\.exclusions\.hash/));
    expect(verdict.differences.some((d) => d.startsWith('outcome.'))).toBe(true);

    const unavailable = copy();
    const free = unavailable.populations.inspectors.find((x) => x.id === 'I15')!;
    unavailable.populations.exclusions.push({ inspectorId: free.id, rule: 'unavailable', commitment: 'a'.repeat(64) });
    unavailable.populations.exclusions.sort((a, b) => (a.inspectorId < b.inspectorId ? -1 : a.inspectorId > b.inspectorId ? 1 : 0));
    expect(verifyDrawBundle(unavailable).differences).toContainEqual(expect.stringMatching(/^announcement\.exclusions\.size: published \d+, recomputed \d+$/));

    const pointless = copy();
    pointless.populations.exclusions.unshift({ inspectorId: 'I28', rule: 'unavailable', commitment: 'a'.repeat(64) });
    pointless.populations.exclusions.sort((a, b) => (a.inspectorId < b.inspectorId ? -1 : a.inspectorId > b.inspectorId ? 1 : 0));
    expect(verifyDrawBundle(pointless).differences).toContainEqual(expect.stringContaining('inspector I28 is not certified for the task, so no exclusion can apply'));
  });

  it('are INVALID when one selection or one team member changes', () => {
    const selection = copy();
    const d = selection.outcome.strata[3];
    const swapped = selection.outcome.strata[0].selected[0];
    const replaced = d.selected[1];
    d.selected[1] = swapped;
    expect(verifyDrawBundle(selection).differences).toEqual([`outcome.strata[D].selected[1]: published ${swapped}, recomputed ${replaced}`]);

    const team = copy();
    const first = team.outcome.teams[4];
    const outsider = team.populations.inspectors.find((x) => !first.inspectorIds.includes(x.id))!.id;
    first.inspectorIds[1] = outsider;
    expect(verifyDrawBundle(team).differences).toEqual([expect.stringMatching(new RegExp(`^outcome\\.teams\\[4\\]: published ${first.targetId} \\(A\\): I\\d\\d, ${outsider}, recomputed`))]);

    const skipped = copy();
    skipped.outcome.skips[0].reason = 'on leave 2026-12-10..2026-12-12';
    expect(verifyDrawBundle(skipped).valid).toBe(false);
  });

  it('are INVALID when the sealed targets or their openings are tampered with', () => {
    const leaf = copy();
    leaf.populations.targets.strata.B[3] = '0'.repeat(64);
    expect(verifyDrawBundle(leaf).differences[0]).toMatch(/^announcement\.targets\.leavesHash: published/);

    const unopened = copy();
    unopened.populations.targets.drawn.splice(2, 1);
    expect(verifyDrawBundle(unopened).differences).toEqual([
      expect.stringMatching(/^recomputing the draw failed: the target at position \d+ of stratum [ABCD] is drawn but populations\.targets\.drawn does not open it$/),
    ]);

    const extra = copy();
    const undrawn = fixtureTargets().find((t) => !bundle.outcome.teams.some((team) => team.targetId === t.id))!.id;
    extra.populations.targets.drawn.push({ id: undrawn, salt: '1'.repeat(32) });
    extra.populations.targets.drawn.sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(verifyDrawBundle(extra).differences).toEqual([`populations.targets.drawn: ${undrawn} is opened but was not drawn (only drawn targets are opened)`]);

    const wrongSalt = copy();
    wrongSalt.populations.targets.drawn[0].salt = '2'.repeat(32);
    expect(verifyDrawBundle(wrongSalt).valid).toBe(false);

    const secret = copy();
    secret.reveal.secret = 'ab'.repeat(32);
    expect(verifyDrawBundle(secret).differences[0]).toMatch(/^reveal\.secret does not match the commitment/);
  });

  it('replay substitutions, which continue the stream as in version 1', () => {
    const v1 = createDrawBundle(executeDraw(fixtureInput(7)));
    const team = bundle.outcome.teams[2];
    const request = { targetId: team.targetId, inspectorId: team.inspectorIds[0], reason: '本人申请回避' };
    const record = substitute(bundle, request);
    const recordV1 = substitute(v1, request);
    expect(record.replacementInspectorId).toBe(recordV1.replacementInspectorId);
    expect([record.streamStart, record.streamEnd]).toEqual([recordV1.streamStart, recordV1.streamEnd]);
    expect(decisions(record.skips)).toEqual(recordV1.skips.map(asV2));
    const updated: DrawBundleV2 = JSON.parse(JSON.stringify(withSubstitution(bundle, record)));
    expect(currentTeams(updated)[2].inspectorIds).toContain(record.replacementInspectorId);
    expect(verifyDrawBundle(updated)).toEqual({ valid: true, differences: [] });
    updated.substitutions[0].replacementInspectorId = team.inspectorIds[1];
    expect(verifyDrawBundle(updated).differences).toEqual([
      `substitutions[0].replacementInspectorId: published ${team.inspectorIds[1]}, recomputed ${record.replacementInspectorId}`,
    ]);
  });

  it('bind exclusions at the announcement: a leave or conflict declared afterwards stops the draw', () => {
    const input = fixtureInputV2(3);
    const announcement = announceDraw({ ...input, commitment: commitmentOf(input.secret), publicRandomnessSource: input.publicRandomness.source });
    expect(announcement.bundleVersion).toBe(2);
    expect(executeDraw({ ...input, announcement }).announcement).toEqual(announcement);
    const later: InspectorEntry[] = fixtureInspectors();
    later[20] = { ...later[20], conflicts: [{ targetId: D_TARGETS[0], relation: '近亲属任职' }] };
    expect(() => executeDraw({ ...input, inspectors: later, announcement })).toThrow(/announcement\.exclusions\.size: published \d+, recomputed \d+/);
    const onLeave: InspectorEntry[] = fixtureInspectors();
    onLeave[20] = { ...onLeave[20], leave: [{ from: '2026-12-05', to: '2026-12-06' }] };
    expect(() => executeDraw({ ...input, inspectors: onLeave, announcement })).toThrow(/does not match its announcement/);
    // A version-1 announcement does not fit a version-2 draw, nor the other way round.
    const v1 = announceDraw({ ...fixtureInput(3), commitment: commitmentOf(input.secret), publicRandomnessSource: input.publicRandomness.source });
    expect(() => executeDraw({ ...input, announcement: v1 })).toThrow(/announcement\.bundleVersion: published undefined, recomputed 2/);
    expect(() => executeDraw({ ...fixtureInput(3), announcement })).toThrow(/announcement\.bundleVersion: published 2, recomputed 1/);
  });

  it('rebuild the same public populations from the private ones (what a server does at each reveal)', () => {
    const targets: TargetEntry[] = fixtureTargets();
    const rebuilt = sealPopulations(
      { rules: fixtureRules(), targets, inspectors: fixtureInspectors(), disclosure: { key: disclosureKeyFor(7) } },
      bundle.outcome.teams.map((t) => t.targetId),
    );
    expect(rebuilt).toEqual(bundle.populations);
  });
});

function sealedLeafOf(b: DrawBundleV2, targetId: string): string {
  const opening = b.populations.targets.drawn.find((t) => t.id === targetId)!;
  return targetLeaf(fromHex(opening.salt), opening.id);
}
