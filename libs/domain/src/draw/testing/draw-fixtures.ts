/**
 * A small, fixed world for the draw's unit tests (not exported from the library): 200 targets in four
 * strata, 30 inspectors in two departments, with uncertified inspectors, leave inside and outside the
 * window, conflicts declared by target id and by credit code, and current workloads near the cap.
 */
import { createHash } from 'node:crypto';
import type { DrawRules } from '../draw-rules.js';
import type { InspectorEntry, TargetEntry } from '../population.js';
import type { DrawInput } from '../execute-draw.js';
import type { Disclosure } from '../disclosure.js';

export const DEPARTMENTS = ['水政监察大队', '水资源管理科'];

const STRATUM_SIZES = { A: 80, B: 60, C: 40, D: 20 } as const;

export function fixtureTargets(): TargetEntry[] {
  const targets: TargetEntry[] = [];
  let n = 0;
  for (const [stratum, size] of Object.entries(STRATUM_SIZES)) {
    for (let i = 0; i < size; i++) {
      n++;
      const id = `T${String(n).padStart(4, '0')}`;
      // Every fifth target has no credit code (projects and sites often have none).
      targets.push({ id, stratum: stratum as TargetEntry['stratum'], creditCode: n % 5 === 0 ? null : `CC${n}` });
    }
  }
  return targets;
}

/** Ids of the D stratum (T0181..T0200), all drawn with ratio 1, which is where conflicts are declared. */
export const D_TARGETS = Array.from({ length: 20 }, (_, i) => `T${String(181 + i).padStart(4, '0')}`);

export function fixtureInspectors(): InspectorEntry[] {
  const inspectors: InspectorEntry[] = [];
  for (let i = 1; i <= 30; i++) {
    const id = `I${String(i).padStart(2, '0')}`;
    const conflicts: InspectorEntry['conflicts'] = [];
    if (i <= 10) {
      // Inspectors 1–10 each declare conflicts with five D targets: by id for odd, by credit code for even.
      for (let k = 0; k < 5; k++) {
        const n = 181 + ((i * 3 + k) % 20);
        conflicts.push(
          i % 2 === 1 || n % 5 === 0
            ? { targetId: `T${String(n).padStart(4, '0')}`, relation: '近亲属在该单位任职' }
            : { creditCode: `CC${n}`, relation: '曾在该单位任职' },
        );
      }
    }
    inspectors.push({
      id,
      department: DEPARTMENTS[i % 2],
      certifiedCategories: i >= 28 ? ['水土保持'] : i % 3 === 0 ? ['水资源', '水土保持'] : ['水资源'],
      leave:
        i === 11 || i === 12
          ? [{ from: '2026-12-10', to: '2026-12-12' }]
          : i === 13
            ? [{ from: '2027-01-05', to: '2027-01-09' }, { from: '2026-11-25', to: '2026-12-01' }] // overlaps the window's first day
            : i === 14
              ? [{ from: '2027-01-05', to: '2027-01-09' }] // outside the window: must not be skipped
              : i === 29
                ? [{ from: '2026-12-01', to: '2026-12-31' }] // also uncertified: rule 1 comes first
                : [],
      conflicts,
      currentLoad: i % 4,
    });
  }
  return inspectors;
}

export function fixtureRules(overrides: Partial<DrawRules> = {}): DrawRules {
  return {
    algorithm: 'spotcheck-sha256-v1',
    strata: { A: { count: 10 }, B: { ratio: 0.1 }, C: { ratio: 0.25 }, D: { ratio: 1 } },
    inspectorsPerTarget: 2,
    departments: DEPARTMENTS,
    itemCategories: ['水资源'],
    inspectionWindow: { from: '2026-12-01', to: '2026-12-20' },
    maxAssignmentsPerInspector: 7,
    excludeInspectedWithinDays: 180,
    ...overrides,
  };
}

/** A deterministic secret per test seed number. */
export function secretFor(seed: number): string {
  return createHash('sha256').update(`test secret ${seed}`).digest('hex');
}

/** A version-1 draw input (no disclosure). */
export function fixtureInput(seed: number, overrides: Partial<Omit<DrawInput, 'disclosure'>> = {}): DrawInput & { disclosure?: undefined } {
  return {
    drawId: `draw-${seed}`,
    rules: fixtureRules(),
    targets: fixtureTargets(),
    inspectors: fixtureInspectors(),
    secret: secretFor(seed),
    publicRandomness: { source: '福彩3D 2026-12-01 开奖号码', value: `${seed} 4 7` },
    ...overrides,
  };
}

/** The disclosure key of a test seed number (a real key is random and never published). */
export function disclosureKeyFor(seed: number): string {
  return createHash('sha512').update(`test disclosure key ${seed}`).digest('hex');
}

/** The same draw as fixtureInput, as a version-2 draw (sealed targets, committed exclusions). */
export function fixtureInputV2(
  seed: number,
  overrides: Partial<Omit<DrawInput, 'disclosure'>> = {},
  disclosure: Partial<Disclosure> = {},
): DrawInput & { disclosure: Disclosure } {
  return { ...fixtureInput(seed, overrides), disclosure: { key: disclosureKeyFor(seed), ...disclosure } };
}
