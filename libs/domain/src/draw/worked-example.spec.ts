/** Pins the worked example of docs/draw-algorithm.md §12, so the document cannot drift from the code. */
import { createHash } from 'node:crypto';
import { executeDraw } from './execute-draw.js';
import { verifyDrawBundle } from './verify-bundle.js';
import { createDrawBundle } from './draw-bundle.js';
import { substitute } from './substitute.js';
import { RandomStream } from './random-stream.js';
import { fromHex } from './hash/encoding.js';
import type { DrawRules } from './draw-rules.js';
import type { InspectorEntry, TargetEntry } from './population.js';

const W = '水政监察大队';
const R = '水资源管理科';
const rules: DrawRules = {
  algorithm: 'spotcheck-sha256-v1',
  strata: { A: { count: 2 }, B: { ratio: 1 }, C: { ratio: 0.5 }, D: { count: 1 } },
  inspectorsPerTarget: 2,
  departments: [W, R],
  itemCategories: ['水资源'],
  inspectionWindow: { from: '2026-12-01', to: '2026-12-20' },
  maxAssignmentsPerInspector: 3,
};
const targets: TargetEntry[] = [
  { id: 'T01', stratum: 'A', creditCode: '91330100MA2AAAAA01' },
  { id: 'T02', stratum: 'A' },
  { id: 'T03', stratum: 'A' },
  { id: 'T04', stratum: 'B' },
  { id: 'T05', stratum: 'C' },
  { id: 'T06', stratum: 'C' },
  { id: 'T07', stratum: 'D' },
];
const inspector = (id: string, department: string, certifiedCategories: string[], currentLoad = 0, extra: Partial<InspectorEntry> = {}): InspectorEntry => ({
  id,
  department,
  certifiedCategories,
  leave: [],
  conflicts: [],
  currentLoad,
  ...extra,
});
const inspectors = [
  inspector('I1', W, ['水资源']),
  inspector('I2', R, ['水资源'], 1, { conflicts: [{ creditCode: '91330100MA2AAAAA01', relation: '配偶任职' }] }),
  inspector('I3', W, ['水土保持']),
  inspector('I4', R, ['水资源', '水土保持'], 0, { leave: [{ from: '2026-12-15', to: '2026-12-16' }] }),
  inspector('I5', R, ['水资源'], 2),
  inspector('I6', W, ['水资源']),
  inspector('I7', R, ['水资源']),
];
const exampleInput = {
  drawId: 'example-1',
  rules,
  targets,
  inspectors,
  secret: '0123456789abcdef'.repeat(4),
  publicRandomness: { source: 'the witness types the 福彩3D result of 2026-12-01', value: '7 7 7' },
};
/** The version-1 draw of the example; the version-2 draw must agree with it. */
const result = executeDraw(exampleInput);

describe('the worked example of docs/draw-algorithm.md', () => {
  it('has the published hashes, commitment, seed and first stream words', () => {
    const { announcement, reveal } = result;
    expect(announcement.targets.idsHash).toBe('4570da76f4b9c3556c906c6ef28cf675c30ff4fdca988b814d082ae42076d4fb');
    expect(announcement.targets.strata.A.idsHash).toBe('b7af6ce4e1fee54c48fb5d6117e5b4e0bba77d5b359b73f21a039721eba4b4d7');
    expect(announcement.targets.creditCodesHash).toBe('29d8a8f513c7f14ca7973e5022b045b86477ee885f51382d683bc633ddd29a16');
    expect(announcement.inspectors.recordsHash).toBe('077c2dd9f8a4dfa7dc665850c42782d6e8d9def382a2f7a8a8b7bf8990aa8fd4');
    expect(announcement.commitment).toBe('4884fdaafea47c29fea7159d0daddd9c085d6200e1359e85bb81736af6b7c837');
    expect(announcement.sampleSizes).toEqual({ A: 2, B: 1, C: 1, D: 1 });
    expect(reveal.seed).toBe('a1ff5ef93a35dc613da07c0a63eb2560604a7f5da38af1ff40a0c22bd5ade685');
    const stream = new RandomStream(fromHex(reveal.seed));
    expect(Array.from({ length: 6 }, () => stream.nextUint32())).toEqual([
      2569569177, 3969586573, 3803368589, 4291551682, 2823522274, 271994349,
    ]);
  });

  it('selects, assigns and skips as the document says', () => {
    const { outcome } = result;
    expect(outcome.strata.map((s) => s.selected)).toEqual([['T01', 'T03'], ['T04'], ['T05'], ['T07']]);
    expect(outcome.teams.map((t) => `${t.targetId}:${t.inspectorIds.join(',')}`)).toEqual([
      'T01:I5,I1',
      'T03:I1,I7',
      'T04:I1,I7',
      'T05:I7,I6',
      'T07:I6,I2',
    ]);
    expect(outcome.skips.map((s) => `${s.targetId}/${s.inspectorId} ${s.rule}`)).toEqual([
      'T01/I2 conflict',
      'T01/I7 department-quota',
      'T05/I4 on-leave',
      'T05/I3 uncertified',
      'T05/I5 department-quota',
      'T07/I1 workload-cap',
      'T07/I3 uncertified',
    ]);
    expect(outcome.skips[0].reason).toBe('declared conflict with credit code 91330100MA2AAAAA01 (配偶任职)');
    expect(outcome.skips[1].reason).toBe(`department ${R} already in the team; still needed: ${W} (1 place(s) left)`);
    expect(outcome.skips[5].reason).toBe('workload cap reached (3 of 3)');
    expect(outcome.streamPosition).toBe(22);
  });

  it('substitutes I1 on T01 with I6, stream 22 → 27', () => {
    const record = substitute(createDrawBundle(result), { targetId: 'T01', inspectorId: 'I1', reason: '病假' });
    expect(record.replacementInspectorId).toBe('I6');
    expect(record.skips.map((s) => `${s.inspectorId} ${s.rule}`)).toEqual([
      'I7 department-quota',
      'I5 already-in-team',
      'I1 already-in-team',
      'I4 on-leave',
    ]);
    expect(record.skips[2].reason).toBe('withdrawn from this team by substitution #1');
    expect([record.streamStart, record.streamEnd]).toEqual([22, 27]);
  });
});

describe('the worked example as a version-2 bundle (docs/draw-algorithm.md §12.1)', () => {
  const key = 'fedcba9876543210'.repeat(8);
  const v2 = executeDraw({ ...exampleInput, disclosure: { key } });
  const sha = (...parts: (string | Uint8Array)[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

  it('draws the same teams, with rule 2 published as unavailable and no reason detail', () => {
    expect(v2.outcome.strata).toEqual(result.outcome.strata);
    expect(v2.outcome.teams).toEqual(result.outcome.teams);
    expect(v2.outcome.streamPosition).toBe(22);
    expect(v2.outcome.skips.map((s) => `${s.targetId}/${s.inspectorId} ${s.rule}`)).toEqual([
      'T01/I2 conflict',
      'T01/I7 department-quota',
      'T05/I4 unavailable',
      'T05/I3 uncertified',
      'T05/I5 department-quota',
      'T07/I1 workload-cap',
      'T07/I3 uncertified',
    ]);
    expect(v2.outcome.skips[0].reason).toBe('declared conflict of interest with this target (reason committed)');
    expect(v2.outcome.skips[2].reason).toBe('unavailable during the inspection window 2026-12-01..2026-12-20 (reason committed)');
    expect(verifyDrawBundle(JSON.parse(JSON.stringify(createDrawBundle(v2))))).toEqual({ valid: true, differences: [] });
  });

  it('has the published salts, leaves, commitments and hashes (checked with node:crypto)', () => {
    const keyBytes = Buffer.from(key, 'hex');
    const saltT01 = sha(keyBytes, 'target|T01').subarray(0, 16);
    expect(saltT01.toString('hex')).toBe('b3dc2232f492e92c35699d53914e58ff');
    expect(v2.populations.targets.drawn[0]).toEqual({ id: 'T01', salt: 'b3dc2232f492e92c35699d53914e58ff' });
    const leafT01 = sha(saltT01, 'T01').toString('hex');
    expect(leafT01).toBe('f884eab704253e1ca06ea4c16810b5a72eed1a4f722617dc4744f3f0df8160e6');
    expect(v2.populations.targets.strata.A[0]).toBe(leafT01);
    expect(v2.populations.targets.drawn.map((t) => t.id)).toEqual(['T01', 'T03', 'T04', 'T05', 'T07']);
    const saltI2 = sha(keyBytes, 'exclusion|I2|T01').subarray(0, 16);
    const recordI2 = '["conflict","I2","T01",[[null,"91330100MA2AAAAA01","配偶任职"]]]';
    const saltI4 = sha(keyBytes, 'exclusion|I4|').subarray(0, 16);
    const recordI4 = '["unavailable","I4",null,[["2026-12-15","2026-12-16"]]]';
    expect(v2.populations.exclusions).toEqual([
      { inspectorId: 'I2', target: leafT01, rule: 'conflict', commitment: sha(saltI2, recordI2).toString('hex') },
      { inspectorId: 'I4', rule: 'unavailable', commitment: sha(saltI4, recordI4).toString('hex') },
    ]);
    expect(v2.populations.exclusions.map((e) => e.commitment)).toEqual([
      'e7f2a2751b55c7da7c61c4480badc0145f801294407ce548512271f706284744',
      '76ca902c01295e64fbbbbe2d1d7bd8faffb463578df191a2b2bba807d5a2c818',
    ]);
    expect(v2.populations.inspectors[2]).toEqual({ id: 'I3', department: W, certifiedCategories: [], currentLoad: 0 });
    const { announcement } = v2;
    expect(announcement.targets.strata.A.leavesHash).toBe('757bd2487b523006f60859f3e713ed2bc8c9949239d9db5d704ee26bdbb2d039');
    expect(announcement.targets.leavesHash).toBe('eaca95a7de82dd05588f0442fe152a7dc1f7a3e7cd99e4d2c69633fd95aa1273');
    expect(announcement.inspectors.recordsHash).toBe('19901346ac154d99c80cccd02cd33245b26d27a89e457c267bb3af0bb018fa04');
    expect(announcement.exclusions).toEqual({ size: 2, hash: 'b08bb179a44af279ccc8aa821064c1b76b739f7761c2d9251862c6236950b536' });
    expect(announcement.exclusions.hash).toBe(
      sha(v2.populations.exclusions.map((e) => JSON.stringify([e.inspectorId, e.target ?? null, e.rule, e.commitment])).join('\n')).toString('hex'),
    );
  });
});
