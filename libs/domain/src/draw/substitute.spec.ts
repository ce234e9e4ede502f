import { executeDraw } from './execute-draw.js';
import { createDrawBundle, type DrawBundle } from './draw-bundle.js';
import { currentTeams, substitute, withSubstitution } from './substitute.js';
import { verifyDrawBundle } from './verify-bundle.js';
import { RandomStream } from './random-stream.js';
import { fromHex } from './hash/encoding.js';
import type { InspectorEntry } from './population.js';
import { fixtureInput, fixtureInspectors } from './testing/draw-fixtures.js';

const bundle = createDrawBundle(executeDraw(fixtureInput(1)));
const inspectorsById = new Map(fixtureInspectors().map((inspector) => [inspector.id, inspector]));

describe('substitute (递补抽取)', () => {
  const team = bundle.outcome.teams[3];
  const withdrawn = team.inspectorIds[0];
  const record = substitute(bundle, { targetId: team.targetId, inspectorId: withdrawn, reason: '病假' });

  it('draws an eligible replacement of the same department, continuing the random stream', () => {
    expect(record).toMatchObject({ sequence: 1, targetId: team.targetId, withdrawnInspectorId: withdrawn, reason: '病假' });
    expect(record.streamStart).toBe(bundle.outcome.streamPosition);
    expect(record.streamEnd).toBeGreaterThan(record.streamStart);
    expect(team.inspectorIds).not.toContain(record.replacementInspectorId);
    const replacement = inspectorsById.get(record.replacementInspectorId)!;
    expect(replacement.department).toBe(inspectorsById.get(withdrawn)!.department);
    expect(replacement.certifiedCategories).toContain('水资源');
    for (const skip of record.skips) expect(skip.targetId).toBe(team.targetId);
  });

  it('puts the replacement in the withdrawn inspector’s place and the verifier replays it', () => {
    const updated = withSubstitution(bundle, record);
    const teams = currentTeams(updated);
    expect(teams[3].inspectorIds).toEqual([record.replacementInspectorId, team.inspectorIds[1]]);
    expect(teams.filter((t, i) => i !== 3)).toEqual(bundle.outcome.teams.filter((t, i) => i !== 3));
    expect(verifyDrawBundle(JSON.parse(JSON.stringify(updated)))).toEqual({ valid: true, differences: [] });
  });

  it('continues from the previous substitution and never brings a withdrawn inspector back', () => {
    let current: DrawBundle = bundle;
    const target = bundle.outcome.teams[0].targetId;
    const withdrawnSoFar: string[] = [];
    let sawWithdrawnSkip = false;
    // Withdraw the first member of team 0 again and again: each replacement must be new.
    for (let i = 0; i < 6; i++) {
      const member = currentTeams(current)[0].inspectorIds[0];
      withdrawnSoFar.push(member);
      const next = substitute(current, { targetId: target, inspectorId: member, reason: `reason ${i}` });
      expect(next.sequence).toBe(i + 1);
      expect(next.streamStart).toBe(current.substitutions.at(-1)?.streamEnd ?? bundle.outcome.streamPosition);
      expect(withdrawnSoFar).not.toContain(next.replacementInspectorId);
      sawWithdrawnSkip ||= next.skips.some((s) => s.rule === 'already-in-team' && s.reason.startsWith('withdrawn from this team by substitution #'));
      current = withSubstitution(current, next);
    }
    expect(sawWithdrawnSkip).toBe(true);
    expect(verifyDrawBundle(current).valid).toBe(true);
  });

  it('is the same procedure as the draw: a fresh lazy shuffle continuing the stream', () => {
    // The first candidate of the substitution is position uniformInt(P) of the canonical inspector list.
    const stream = new RandomStream(fromHex(bundle.reveal.seed), bundle.outcome.streamPosition);
    const firstCandidate = bundle.populations.inspectors[stream.uniformInt(30)].id;
    const firstConsidered = record.skips[0]?.inspectorId ?? record.replacementInspectorId;
    expect(firstConsidered).toBe(firstCandidate);
  });

  it('refuses unknown targets, inspectors not in the team and missing reasons', () => {
    expect(() => substitute(bundle, { targetId: 'T9999', inspectorId: withdrawn, reason: 'x' })).toThrow('target T9999 was not drawn');
    expect(() => substitute(bundle, { targetId: team.targetId, inspectorId: 'I99', reason: 'x' })).toThrow(
      `inspector I99 is not in the team of target ${team.targetId}`,
    );
    expect(() => substitute(bundle, { targetId: team.targetId, inspectorId: withdrawn, reason: '' })).toThrow('needs a reason');
  });

  it('reports when nobody eligible is left', () => {
    const inspectors: InspectorEntry[] = fixtureInspectors().filter((i) => ['I01', 'I02'].includes(i.id));
    const small = createDrawBundle(
      executeDraw(
        fixtureInput(1, {
          inspectors,
          rules: { ...fixtureInput(1).rules, strata: { A: { count: 1 }, B: { count: 1 }, C: { count: 1 }, D: { count: 1 } }, maxAssignmentsPerInspector: null },
        }),
      ),
    );
    const first = small.outcome.teams[0];
    expect(() => substitute(small, { targetId: first.targetId, inspectorId: first.inspectorIds[0], reason: '出差' })).toThrow(
      /^insufficient inspectors for target T\d{4}: all 2 inspectors tried, 1 of 2 places filled \(skipped: already-in-team 2\)$/,
    );
  });
});
