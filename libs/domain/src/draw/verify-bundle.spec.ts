import { executeDraw } from './execute-draw.js';
import { createDrawBundle, type DrawBundle } from './draw-bundle.js';
import { substitute, withSubstitution } from './substitute.js';
import { verifyDrawBundle } from './verify-bundle.js';
import { fixtureInput, fixtureRules, secretFor } from './testing/draw-fixtures.js';

const original = createDrawBundle(executeDraw(fixtureInput(7)));
const json = JSON.stringify(original);
const copy = (): DrawBundle => JSON.parse(json);

describe('verifyDrawBundle', () => {
  it('accepts an untouched bundle after a JSON round trip', () => {
    expect(verifyDrawBundle(copy())).toEqual({ valid: true, differences: [] });
  });

  it('names the stratum and position of a swapped selected target', () => {
    const bundle = copy();
    const selectedB = bundle.outcome.strata[1].selected;
    const outsider = bundle.populations.targets.find((t) => t.stratum === 'B' && !selectedB.includes(t.id))!.id;
    const replaced = selectedB[2];
    selectedB[2] = outsider;
    const { valid, differences } = verifyDrawBundle(bundle);
    expect(valid).toBe(false);
    expect(differences).toEqual([`outcome.strata[B].selected[2]: published ${outsider}, recomputed ${replaced}`]);
  });

  it('notices a removed skip', () => {
    const bundle = copy();
    const [removed] = bundle.outcome.skips.splice(4, 1);
    const { valid, differences } = verifyDrawBundle(bundle);
    expect(valid).toBe(false);
    expect(differences[0]).toBe(`outcome.skips: published ${original.outcome.skips.length - 1} entries, recomputed ${original.outcome.skips.length}`);
    expect(differences[1]).toContain(`outcome.skips[4]: published`);
    expect(differences[1]).toContain(`recomputed ${removed.targetId}/${removed.inspectorId} ${removed.rule}`);
  });

  it('notices a changed team', () => {
    const bundle = copy();
    bundle.outcome.teams[5].inspectorIds.reverse();
    expect(verifyDrawBundle(bundle).differences).toEqual([
      expect.stringMatching(/^outcome\.teams\[5\]: published T\d{4} \(A\): I\d\d, I\d\d, recomputed T\d{4} \(A\): I\d\d, I\d\d$/),
    ]);
  });

  it('rejects a secret that does not match the commitment', () => {
    const bundle = copy();
    bundle.reveal.secret = secretFor(8);
    const { valid, differences } = verifyDrawBundle(bundle);
    expect(valid).toBe(false);
    expect(differences[0]).toMatch(/^reveal\.secret does not match the commitment: SHA-256\(secret\) = [0-9a-f]{64}, announced commitment = [0-9a-f]{64}$/);
    expect(differences).toContainEqual(expect.stringMatching(/^reveal\.seed: published/));
  });

  it('rejects a population changed after the announcement', () => {
    const bundle = copy();
    const target = bundle.populations.targets.find((t) => t.stratum === 'A' && t.creditCode)!;
    target.creditCode = 'CC999999';
    expect(verifyDrawBundle(bundle).differences[0]).toMatch(/^announcement\.targets\.creditCodesHash: published [0-9a-f]{64}, recomputed [0-9a-f]{64}$/);
    const other = copy();
    other.populations.inspectors[0].currentLoad += 1;
    expect(verifyDrawBundle(other).differences[0]).toMatch(/^announcement\.inspectors\.recordsHash: published/);
  });

  it('rejects a tampered substitution and a wrong public value', () => {
    const team = original.outcome.teams[0];
    const record = substitute(original, { targetId: team.targetId, inspectorId: team.inspectorIds[1], reason: '回避申请' });
    const bundle: DrawBundle = JSON.parse(JSON.stringify(withSubstitution(original, record)));
    expect(verifyDrawBundle(bundle).valid).toBe(true);
    bundle.substitutions[0].replacementInspectorId = 'I30';
    expect(verifyDrawBundle(bundle).differences).toEqual([
      `substitutions[0].replacementInspectorId: published I30, recomputed ${record.replacementInspectorId}`,
    ]);
    const wrongValue = copy();
    wrongValue.reveal.publicRandomnessValue = '1 2 3';
    expect(verifyDrawBundle(wrongValue).differences[0]).toMatch(/^reveal\.seed: published [0-9a-f]{64}, recomputed [0-9a-f]{64}$/);
  });

  it('verifies RFC 3797 bundles too', () => {
    const bundle = createDrawBundle(
      executeDraw(fixtureInput(2, { rules: fixtureRules({ algorithm: 'rfc3797' }), publicRandomness: { source: 'lottery', value: '3 14 15 / 92 65' } })),
    );
    expect(verifyDrawBundle(JSON.parse(JSON.stringify(bundle))).valid).toBe(true);
    bundle.reveal.rfc3797Keys!.C = '3.14.15./65.92./X/';
    expect(verifyDrawBundle(bundle).differences).toEqual(['reveal.rfc3797Keys.C: published 3.14.15./65.92./X/, recomputed 3.14.15./65.92./C/']);
  });

  it('explains what is wrong with something that is not a bundle', () => {
    expect(verifyDrawBundle(null)).toEqual({ valid: false, differences: ['the bundle is not a JSON object'] });
    const old = { ...copy(), version: 0 };
    expect(verifyDrawBundle(old).differences).toEqual(['version 0 is not supported (this verifier reads versions 1 and 2)']);
    const partial = copy() as Partial<DrawBundle>;
    delete partial.outcome;
    expect(verifyDrawBundle(partial).differences).toEqual(['outcome is missing or malformed']);
    const badRules = copy();
    (badRules.announcement.rules as { inspectorsPerTarget: number }).inspectorsPerTarget = 1;
    expect(verifyDrawBundle(badRules).differences).toEqual([
      'announcement.rules: inspectorsPerTarget must be an integer from 2 to 20 (at least two inspectors per target)',
      'announcement.rules: inspectorsPerTarget (1) must be at least the number of departments (2)',
    ]);
  });
});
