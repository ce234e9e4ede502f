import { createHash } from 'node:crypto';
import { RandomStream } from './random-stream.js';
import { sampleIndices } from './select-targets.js';
import { executeDraw } from './execute-draw.js';
import type { InspectorEntry, TargetEntry } from './population.js';

const seedOf = (n: number) => new Uint8Array(createHash('sha256').update(`select ${n}`).digest());

function chiSquare(counts: readonly number[], expected: number): number {
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

describe('target selection', () => {
  it('draws distinct indices in range, and all of them when count = n', () => {
    const picked = sampleIndices(new RandomStream(seedOf(1)), 50, 50);
    expect([...picked].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const some = sampleIndices(new RandomStream(seedOf(2)), 1_000_000, 1000);
    expect(new Set(some).size).toBe(1000);
    expect(some.every((i) => Number.isInteger(i) && i >= 0 && i < 1_000_000)).toBe(true);
  });

  it('is a partial Fisher–Yates: step i swaps position i with i + uniformInt(n − i)', () => {
    const seed = seedOf(3);
    const reference = new RandomStream(seed);
    const array = Array.from({ length: 10 }, (_, i) => i);
    for (let i = 0; i < 4; i++) {
      const j = i + reference.uniformInt(10 - i);
      [array[i], array[j]] = [array[j], array[i]];
    }
    expect(sampleIndices(new RandomStream(seed), 10, 4)).toEqual(array.slice(0, 4));
  });

  it('selects every target of a stratum equally often over 2,000 full draws of 5 from 20 (chi-square)', () => {
    const targets: TargetEntry[] = Array.from({ length: 20 }, (_, i) => ({ id: `T${String(i).padStart(2, '0')}`, stratum: 'D' }));
    const inspectors: InspectorEntry[] = ['I1', 'I2', 'I3'].map((id) => ({
      id,
      department: 'd',
      certifiedCategories: ['c'],
      leave: [],
      conflicts: [],
      currentLoad: 0,
    }));
    const counts = new Array(20).fill(0);
    const firstPick = new Array(20).fill(0);
    for (let draw = 0; draw < 2000; draw++) {
      const result = executeDraw({
        rules: {
          algorithm: 'spotcheck-sha256-v1',
          strata: { A: { ratio: 1 }, B: { ratio: 1 }, C: { ratio: 1 }, D: { count: 5 } },
          inspectorsPerTarget: 2,
          departments: ['d'],
          itemCategories: ['c'],
          inspectionWindow: { from: '2026-01-01', to: '2026-01-31' },
          maxAssignmentsPerInspector: null,
        },
        targets,
        inspectors,
        secret: createHash('sha256').update(`chi ${draw}`).digest('hex'),
        publicRandomness: { source: 'test', value: String(draw) },
      });
      const selected = result.outcome.strata[3].selected;
      expect(new Set(selected).size).toBe(5);
      for (const id of selected) counts[Number(id.slice(1))]++;
      firstPick[Number(selected[0].slice(1))]++;
    }
    expect(chiSquare(counts, (2000 * 5) / 20)).toBeLessThan(43.82); // df = 19, p = 0.001
    expect(chiSquare(firstPick, 2000 / 20)).toBeLessThan(43.82);
  });
});
