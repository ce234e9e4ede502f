import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HolidayOverridesError, parseHolidayOverrides } from './holiday-overrides.js';
import { loadHolidayOverridesFile } from './load-holiday-overrides.js';

function problemsOf(json: unknown): readonly string[] {
  try {
    parseHolidayOverrides(json);
  } catch (error) {
    if (error instanceof HolidayOverridesError) return error.problems;
    throw error;
  }
  throw new Error('expected the overrides to be rejected');
}

describe('holiday override file', () => {
  it('parses a valid file, sorting dates and keeping the source', () => {
    const parsed = parseHolidayOverrides({
      $comment: 'ignored',
      version: 1,
      years: { '2099': { source: 'x', holidays: ['2099-01-02', '2099-01-01'], workdays: ['2099-01-04'] } },
    });
    expect(parsed.years.get(2099)).toEqual({
      source: 'x',
      holidays: ['2099-01-01', '2099-01-02'],
      workdays: ['2099-01-04'],
    });
  });

  it('lists every problem with its path', () => {
    const problems = problemsOf({
      version: 2,
      extra: true,
      years: {
        '27': { holidays: [] },
        '2027': { holidays: ['2027-02-30', '2026-12-31', '2027-01-01', '2027-01-01'], workdays: ['2027-01-01'] },
        '2028': {},
        '2029': { holidays: 'x', color: 'red' },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'version must be 1, got 2',
        'unknown key "extra"',
        'years.27: year keys must be four digits',
        'years.2027.holidays[0] is not a YYYY-MM-DD date: "2027-02-30"',
        'years.2027.holidays[1] 2026-12-31 is not in 2027',
        'years.2027.holidays[3] 2027-01-01 is listed twice',
        'years.2027: 2027-01-01 is both a holiday and a workday',
        'years.2028 lists no dates; remove the entry until the year\'s arrangement is published',
        'years.2029.holidays must be an array of YYYY-MM-DD dates',
        'years.2029: unknown key "color"',
      ]),
    );
  });

  it('rejects a file that is not an object', () => {
    expect(problemsOf([])).toEqual(['the file must contain a JSON object']);
    expect(problemsOf({ version: 1 })).toEqual(['years must be an object keyed by year, e.g. {"2027": {...}}']);
  });

  it('loads the shipped config/holidays/overrides.json', () => {
    const shipped = fileURLToPath(new URL('../../../../config/holidays/overrides.json', import.meta.url));
    const overrides = loadHolidayOverridesFile(shipped);
    expect(overrides.version).toBe(1);
    for (const arrangement of overrides.years.values()) expect(arrangement.holidays.length).toBeGreaterThan(0);
  });

  it('reports unreadable and malformed files as HolidayOverridesError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"version": 1, "years": {');
    expect(() => loadHolidayOverridesFile(broken)).toThrow(/not valid JSON/);
    expect(() => loadHolidayOverridesFile(join(dir, 'missing.json'))).toThrow(HolidayOverridesError);
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ version: 1, years: { '2099': { holidays: ['2099-01-01'] } } }));
    expect(loadHolidayOverridesFile(good).years.has(2099)).toBe(true);
  });
});
