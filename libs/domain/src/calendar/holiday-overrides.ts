import { DomainError } from '../errors.js';
import type { HolidayArrangements, YearHolidayArrangement } from './holiday-data.js';
import { isIsoDate } from './iso-date.js';

/**
 * The bureau-maintained override file (`config/holidays/overrides.json`), parsed and validated.
 * Format (see config/holidays/README.md):
 *
 * ```json
 * { "version": 1, "years": { "2027": { "source": "国办发明电〔2026〕N号",
 *     "holidays": ["2027-01-01"], "workdays": ["2027-02-06"] } } }
 * ```
 */
export interface HolidayOverrides {
  readonly version: 1;
  readonly years: HolidayArrangements;
}

/**
 * A malformed override file; `problems` lists every problem found, each with its JSON path.
 * A {@link DomainError} of kind 'invalid' in case an admin endpoint ever accepts the file.
 */
export class HolidayOverridesError extends DomainError {
  override name = 'HolidayOverridesError';

  constructor(readonly problems: readonly string[]) {
    super('invalid', `invalid holiday overrides: ${problems.join('; ')}`, problems);
  }
}

/** Overrides that change nothing. */
export const NO_HOLIDAY_OVERRIDES: HolidayOverrides = Object.freeze({ version: 1, years: new Map() });

const YEAR_KEY = /^\d{4}$/;
// Keys that document the file for people editing it by hand; ignored by the parser.
const COMMENT_KEY = /^(\$comment|_comment|\$schema)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseDates(value: unknown, year: number, path: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${path} must be an array of YYYY-MM-DD dates`);
    return [];
  }
  const dates: string[] = [];
  value.forEach((date, i) => {
    if (!isIsoDate(date)) problems.push(`${path}[${i}] is not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
    else if (Number(date.slice(0, 4)) !== year) problems.push(`${path}[${i}] ${date} is not in ${year}`);
    else if (dates.includes(date)) problems.push(`${path}[${i}] ${date} is listed twice`);
    else dates.push(date);
  });
  return dates.sort();
}

/**
 * Validates the parsed JSON of an override file. Throws {@link HolidayOverridesError} listing every
 * problem (bad dates, a date outside its year, a date that is both a holiday and a workday, a year
 * entry with no dates at all), so that a typo in the file stops the service at start-up instead of
 * silently moving deadlines.
 */
export function parseHolidayOverrides(json: unknown): HolidayOverrides {
  const problems: string[] = [];
  if (!isRecord(json)) throw new HolidayOverridesError(['the file must contain a JSON object']);
  if (json.version !== 1) problems.push(`version must be 1, got ${JSON.stringify(json.version)}`);
  for (const key of Object.keys(json)) {
    if (key !== 'version' && key !== 'years' && !COMMENT_KEY.test(key)) problems.push(`unknown key "${key}"`);
  }
  const years = new Map<number, YearHolidayArrangement>();
  if (!isRecord(json.years)) {
    problems.push('years must be an object keyed by year, e.g. {"2027": {...}}');
  } else {
    for (const [key, entry] of Object.entries(json.years)) {
      const path = `years.${key}`;
      if (COMMENT_KEY.test(key)) continue;
      if (!YEAR_KEY.test(key)) {
        problems.push(`${path}: year keys must be four digits`);
        continue;
      }
      if (!isRecord(entry)) {
        problems.push(`${path} must be an object with "holidays" and "workdays"`);
        continue;
      }
      for (const field of Object.keys(entry)) {
        if (!['holidays', 'workdays', 'source'].includes(field) && !COMMENT_KEY.test(field)) {
          problems.push(`${path}: unknown key "${field}"`);
        }
      }
      const year = Number(key);
      const holidays = parseDates(entry.holidays, year, `${path}.holidays`, problems);
      const workdays = parseDates(entry.workdays, year, `${path}.workdays`, problems);
      for (const date of holidays) {
        if (workdays.includes(date)) problems.push(`${path}: ${date} is both a holiday and a workday`);
      }
      if (holidays.length === 0 && workdays.length === 0) {
        // An empty entry would mark the year as known and hide the "provisional" warning.
        problems.push(`${path} lists no dates; remove the entry until the year's arrangement is published`);
      }
      if (entry.source !== undefined && typeof entry.source !== 'string') problems.push(`${path}.source must be a string`);
      years.set(year, {
        holidays,
        workdays,
        ...(typeof entry.source === 'string' ? { source: entry.source } : {}),
      });
    }
  }
  if (problems.length > 0) throw new HolidayOverridesError(problems);
  return { version: 1, years };
}
