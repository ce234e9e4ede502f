import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDrawBundle, executeDraw, type DrawRules, type DrawBundle, type DrawBundleV2 } from '#domain';
import { verifyDrawCli } from './verify-draw.js';

const rules: DrawRules = {
  algorithm: 'spotcheck-sha256-v1',
  strata: { A: { ratio: 0.5 }, B: { ratio: 0.5 }, C: { ratio: 1 }, D: { ratio: 1 } },
  inspectorsPerTarget: 2,
  departments: ['水政监察大队'],
  itemCategories: ['水资源'],
  inspectionWindow: { from: '2026-12-01', to: '2026-12-31' },
  maxAssignmentsPerInspector: null,
};
const input = {
  drawId: 'task-2026-12',
  rules,
  targets: ['A', 'B', 'C', 'D', 'A', 'B'].map((stratum, i) => ({ id: `T${i}`, stratum: stratum as 'A' })),
  inspectors: ['I1', 'I2', 'I3'].map((id) => ({ id, department: '水政监察大队', certifiedCategories: ['水资源'], leave: [], conflicts: [], currentLoad: 0 })),
  secret: 'a1'.repeat(32),
  publicRandomness: { source: 'entered by the witness', value: '20261201' },
};
const bundle = createDrawBundle(executeDraw(input));
const bundleV2 = createDrawBundle(
  executeDraw({
    ...input,
    inspectors: [...input.inspectors.slice(0, 2), { ...input.inspectors[2], conflicts: [{ targetId: 'T2', relation: '近亲属任职' }] }, { id: 'I4', department: '水政监察大队', certifiedCategories: ['水资源'], leave: [{ from: '2026-12-05', to: '2026-12-06' }], conflicts: [], currentLoad: 0 }],
    disclosure: { key: 'c3'.repeat(64) },
  }),
);
const dir = mkdtempSync(path.join(tmpdir(), 'verify-draw-'));
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

async function run(args: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await verifyDrawCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err };
}

describe('npm run verify-draw', () => {
  it('prints VALID and a summary, exit 0, for an untouched bundle', async () => {
    const { status, out } = await run([write('good.json', bundle)]);
    expect(status).toBe(0);
    expect(out[0]).toBe('VALID');
    expect(out[1]).toBe('  draw task-2026-12, spotcheck-sha256-v1: A 1/2, B 1/2, C 1/1, D 1/1; 4 teams, 0 skips, 0 substitutions');
  });

  it('verifies a version-2 bundle and says what it publishes', async () => {
    const { status, out } = await run([write('v2.json', bundleV2)]);
    expect(status).toBe(0);
    expect(out[0]).toBe('VALID');
    expect(out[2]).toBe('  bundle version 2: 2 exclusions (reasons committed), 4 drawn targets opened, credit class withheld');
    const tampered: DrawBundleV2 = JSON.parse(JSON.stringify(bundleV2));
    tampered.populations.exclusions.pop();
    const bad = await run([write('v2-bad.json', tampered)]);
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('  - announcement.exclusions.size: published 2, recomputed 1');
  });

  it('prints INVALID and each difference, exit 1, for a tampered bundle or non-JSON', async () => {
    const tampered: DrawBundle = JSON.parse(JSON.stringify(bundle));
    tampered.outcome.teams[0].inspectorIds[0] = tampered.outcome.teams[0].inspectorIds[0] === 'I1' ? 'I2' : 'I1';
    const { status, out } = await run([write('bad.json', tampered)]);
    expect(status).toBe(1);
    expect(out[0]).toBe('INVALID');
    expect(out[1]).toMatch(/^ {2}- outcome\.teams\[0\]: published /);
    const notJson = await run([write('text.json', '{"format":')]);
    expect(notJson.status).toBe(1);
    expect(notJson.out[1]).toMatch(/^ {2}- the file is not JSON/);
  });

  it('exits 2 with the usage for missing arguments or an unreadable file', async () => {
    expect(await run([])).toMatchObject({ status: 2, err: ['usage: npm run verify-draw -- <bundle.json>'] });
    const missing = await run([path.join(dir, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.err[0]).toMatch(/^cannot read .*nope\.json/);
  });
});
