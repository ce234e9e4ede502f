import { createHash } from 'node:crypto';
import { executeDraw } from './execute-draw.js';
import { DomainError } from '../errors.js';
import { announceDraw } from './announce-draw.js';
import { commitmentOf, deriveSeed } from './seed.js';
import { rfc3797Select } from './rfc3797.js';
import { rfc3797StratumKey } from './select-targets.js';
import { SKIP_RULES, type SkipRule } from './skip-rules.js';
import { DrawRuleError } from './draw-error.js';
import { toHex } from './hash/encoding.js';
import type { DrawResult } from './draw-bundle.js';
import type { InspectorEntry } from './population.js';
import { D_TARGETS, fixtureInput, fixtureInspectors, fixtureRules, fixtureTargets } from './testing/draw-fixtures.js';

const SEEDS = [1, 2, 3, 4, 5, 6];
const results = new Map<number, DrawResult>(SEEDS.map((seed) => [seed, executeDraw(fixtureInput(seed))]));
const inspectorsById = new Map(fixtureInspectors().map((inspector) => [inspector.id, inspector]));
const targetsById = new Map(fixtureTargets().map((target) => [target.id, target]));
const rules = fixtureRules();

function certified(inspector: InspectorEntry): boolean {
  return inspector.certifiedCategories.some((category) => rules.itemCategories.includes(category));
}
function onLeave(inspector: InspectorEntry): boolean {
  return inspector.leave.some((p) => p.from <= rules.inspectionWindow.to && p.to >= rules.inspectionWindow.from);
}
function conflicted(inspector: InspectorEntry, targetId: string): boolean {
  const code = targetsById.get(targetId)?.creditCode;
  return inspector.conflicts.some((c) => c.targetId === targetId || (code && c.creditCode === code));
}

describe('executeDraw', () => {
  it.each(SEEDS)('draws exactly the sample size of every stratum, without duplicates (seed %i)', (seed) => {
    const { outcome, announcement } = results.get(seed)!;
    expect(outcome.strata.map((s) => [s.stratum, s.size, s.sampleSize, s.selected.length])).toEqual([
      ['A', 80, 10, 10],
      ['B', 60, 6, 6],
      ['C', 40, 10, 10],
      ['D', 20, 20, 20],
    ]);
    expect(announcement.sampleSizes).toEqual({ A: 10, B: 6, C: 10, D: 20 });
    const all = outcome.strata.flatMap((s) => s.selected);
    expect(new Set(all).size).toBe(46);
    for (const s of outcome.strata) for (const id of s.selected) expect(targetsById.get(id)?.stratum).toBe(s.stratum);
    expect(outcome.teams.map((t) => t.targetId)).toEqual(all); // strata A–D, selection order
  });

  it.each(SEEDS)('forms teams of 2 distinct, certified, available, unconflicted inspectors, one per department (seed %i)', (seed) => {
    const { outcome } = results.get(seed)!;
    for (const team of outcome.teams) {
      expect(team.inspectorIds).toHaveLength(2);
      expect(new Set(team.inspectorIds).size).toBe(2);
      const members = team.inspectorIds.map((id) => inspectorsById.get(id)!);
      for (const member of members) {
        expect(certified(member)).toBe(true);
        expect(onLeave(member)).toBe(false);
        expect(conflicted(member, team.targetId)).toBe(false);
      }
      expect(new Set(members.map((m) => m.department))).toEqual(new Set(rules.departments));
    }
  });

  it.each(SEEDS)('respects the workload cap, counting current load (seed %i)', (seed) => {
    const { outcome } = results.get(seed)!;
    const load = new Map([...inspectorsById].map(([id, inspector]) => [id, inspector.currentLoad]));
    for (const team of outcome.teams) for (const id of team.inspectorIds) load.set(id, load.get(id)! + 1);
    for (const [id, total] of load) {
      const assigned = outcome.teams.filter((t) => t.inspectorIds.includes(id)).length;
      if (assigned > 0) expect(total).toBeLessThanOrEqual(rules.maxAssignmentsPerInspector!);
    }
  });

  it.each(SEEDS)('records each skip under the first rule, in the published order, that excludes the candidate (seed %i)', (seed) => {
    const { outcome } = results.get(seed)!;
    const teamOf = new Map(outcome.teams.map((t) => [t.targetId, t.inspectorIds]));
    for (const skip of outcome.skips) {
      const inspector = inspectorsById.get(skip.inspectorId)!;
      const failing: SkipRule[] = [];
      if (!certified(inspector)) failing.push('uncertified');
      if (onLeave(inspector)) failing.push('on-leave');
      if (conflicted(inspector, skip.targetId)) failing.push('conflict');
      // Rules 4–6 depend on the moment of the draw; rules 1–3 must not have applied if one of them is recorded.
      if (failing.length > 0) expect(skip.rule).toBe(failing[0]);
      else expect(['department-quota', 'workload-cap']).toContain(skip.rule);
      expect(skip.reason.length).toBeGreaterThan(5);
      expect(teamOf.get(skip.targetId)).not.toContain(skip.inspectorId);
    }
  });

  it('exercises every skip rule of a main draw across the seeds, with readable reasons', () => {
    const skips = SEEDS.flatMap((seed) => results.get(seed)!.outcome.skips);
    const seen = new Set(skips.map((s) => s.rule));
    for (const rule of SKIP_RULES) if (rule !== 'already-in-team') expect(seen).toContain(rule);
    expect(skips.find((s) => s.rule === 'uncertified')?.reason).toBe("certified for none of the task's item categories (水资源)");
    expect(skips.find((s) => s.rule === 'on-leave' && s.inspectorId === 'I11')?.reason).toBe(
      'on leave 2026-12-10..2026-12-12, overlapping the inspection window 2026-12-01..2026-12-20',
    );
    expect(skips.find((s) => s.rule === 'conflict')?.reason).toMatch(/^declared conflict with (target T\d{4}|credit code CC\d+) \(.+\)$/);
    expect(skips.some((s) => s.rule === 'conflict' && D_TARGETS.includes(s.targetId))).toBe(true);
    expect(skips.find((s) => s.inspectorId === 'I13')?.reason).toBe(
      'on leave 2026-11-25..2026-12-01, overlapping the inspection window 2026-12-01..2026-12-20',
    );
    expect(skips.filter((s) => s.inspectorId === 'I29').map((s) => s.rule)).toContain('uncertified');
    expect(skips.filter((s) => s.inspectorId === 'I29' && s.rule !== 'uncertified')).toEqual([]);
    // Leave outside the window never excludes anybody.
    expect(skips.filter((s) => s.inspectorId === 'I14' && s.rule === 'on-leave')).toEqual([]);
    expect(SEEDS.some((seed) => results.get(seed)!.outcome.teams.some((t) => t.inspectorIds.includes('I14')))).toBe(true);
  });

  it('is deterministic and independent of the order of the input rows', () => {
    const again = executeDraw(fixtureInput(1));
    expect(again).toEqual(results.get(1));
    const shuffled = executeDraw(
      fixtureInput(1, { targets: fixtureTargets().reverse(), inspectors: fixtureInspectors().reverse() }),
    );
    expect(shuffled.outcome).toEqual(results.get(1)!.outcome);
    expect(shuffled.announcement).toEqual(results.get(1)!.announcement);
  });

  it('gives identical results with node:crypto hashing the populations (the server fast path)', () => {
    expect(executeDraw(fixtureInput(2), { sha256: () => createHash('sha256') })).toEqual(results.get(2));
  });

  it('reveals the seed derived from secret and public value, and a different public value changes the draw', () => {
    const input = fixtureInput(1);
    const result = results.get(1)!;
    expect(result.reveal.seed).toBe(toHex(deriveSeed(input.secret, input.publicRandomness.value)));
    expect(result.announcement.commitment).toBe(commitmentOf(input.secret));
    const other = executeDraw(fixtureInput(1, { publicRandomness: { source: input.publicRandomness.source, value: '1 4 8' } }));
    expect(other.outcome.strata[0].selected).not.toEqual(result.outcome.strata[0].selected);
  });

  it('refuses to run when the populations changed since the announcement', () => {
    const input = fixtureInput(1);
    const announcement = announceDraw({ ...input, commitment: commitmentOf(input.secret), publicRandomnessSource: input.publicRandomness.source });
    expect(executeDraw({ ...input, announcement }).outcome).toEqual(results.get(1)!.outcome);
    const changed = fixtureTargets();
    changed[3] = { ...changed[3], stratum: 'D' };
    expect(() => executeDraw({ ...input, targets: changed, announcement })).toThrow(
      /does not match its announcement: announcement.targets.strata.A.size: published 80, recomputed 79/,
    );
  });

  it('selects targets with RFC 3797 per stratum when the rules say so', () => {
    const value = '9319 / 2 5 12 8 10 / 9 18 26 34 41 45';
    const result = executeDraw(fixtureInput(1, { rules: fixtureRules({ algorithm: 'rfc3797' }), publicRandomness: { source: 'RFC example', value } }));
    const aIds = fixtureTargets().filter((t) => t.stratum === 'A').map((t) => t.id);
    expect(rfc3797StratumKey(value, 'A')).toBe('9319./2.5.8.10.12./9.18.26.34.41.45./A/');
    expect(result.outcome.strata[0].selected).toEqual(rfc3797Select('9319./2.5.8.10.12./9.18.26.34.41.45./A/', 80, 10).map((n) => aIds[n - 1]));
    expect(result.reveal.rfc3797Keys?.D).toBe('9319./2.5.8.10.12./9.18.26.34.41.45./D/');
    expect(result.outcome.teams).toHaveLength(46);
  });

  it('fails clearly when a stratum is too small or the inspectors run out', () => {
    expect(() => executeDraw(fixtureInput(1, { rules: fixtureRules({ strata: { A: { count: 81 }, B: { count: 1 }, C: { count: 1 }, D: { count: 1 } } }) }))).toThrow(
      'stratum A has 80 targets but the rules ask for 81',
    );
    const tight = fixtureInput(1, { rules: fixtureRules({ maxAssignmentsPerInspector: 3 }) });
    let error: unknown;
    try {
      executeDraw(tight);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DrawRuleError);
    expect(error).toBeInstanceOf(DomainError); // so the HTTP layer answers 422, not 500
    expect((error as DrawRuleError).kind).toBe('unprocessable');
    expect((error as DrawRuleError).code).toBe('insufficient-inspectors');
    expect((error as DrawRuleError).message).toMatch(
      /^insufficient inspectors for target T\d{4}: all 30 inspectors tried, [01] of 2 places filled \(skipped: uncertified 3, on-leave 3, .*workload-cap \d+\)$/,
    );
  });

  it('rejects invalid populations with every problem listed', () => {
    const inspectors = fixtureInspectors();
    inspectors[0] = { ...inspectors[0], department: '财务科', currentLoad: -1 };
    inspectors[1] = { ...inspectors[1], id: inspectors[2].id };
    expect(() => executeDraw(fixtureInput(1, { inspectors }))).toThrow(
      "inspector I01: department '财务科' does not take part in this task; inspector I01: currentLoad must be a non-negative integer",
    );
    expect(() => executeDraw(fixtureInput(1, { inspectors: fixtureInspectors().concat(fixtureInspectors()[0]) }))).toThrow('duplicate inspector id I01');
    expect(() => executeDraw(fixtureInput(1, { targets: [...fixtureTargets(), { id: 'bad id', stratum: 'A' }] }))).toThrow(
      'targets[200].id must match',
    );
    expect(() => executeDraw(fixtureInput(1, { secret: 'ABC' }))).toThrow('the secret must be 64 to 256 lowercase hexadecimal characters');
  });
});
