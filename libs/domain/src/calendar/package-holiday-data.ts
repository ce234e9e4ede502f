import { createRequire } from 'node:module';
import type { HolidayArrangements, YearHolidayArrangement } from './holiday-data.js';

/** Shape of `chinese-days/dist/chinese-days.json` (date → "English name,中文名,days"). */
interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let cached: HolidayArrangements | undefined;

/**
 * The official arrangements shipped with the `chinese-days` package, grouped by year.
 *
 * We read the package's published JSON data file (its README documents it) instead of calling
 * `isWorkday()`: the function silently falls back to "Monday–Friday" for a year it has no data
 * for, whereas the deadline rules must know which years are covered so they can flag the rest
 * as provisional. A year counts as covered when the data holds at least one holiday for it
 * (every year has 元旦).
 */
export function packageHolidayArrangements(): HolidayArrangements {
  if (cached) return cached;
  // createRequire: a JSON import attribute is still experimental on Node 20.
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  const years = new Map<number, { holidays: string[]; workdays: string[] }>();
  const bucket = (date: string) => {
    const year = Number(date.slice(0, 4));
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { holidays: [], workdays: [] }));
    return entry;
  };
  for (const date of Object.keys(data.holidays)) bucket(date).holidays.push(date);
  for (const date of Object.keys(data.workdays)) bucket(date).workdays.push(date);
  const result = new Map<number, YearHolidayArrangement>();
  for (const [year, entry] of years) {
    if (entry.holidays.length === 0) continue;
    result.set(year, {
      holidays: entry.holidays.sort(),
      workdays: entry.workdays.sort(),
      source: 'chinese-days package',
    });
  }
  cached = result;
  return result;
}
