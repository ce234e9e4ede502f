import { readFileSync } from 'node:fs';
import { HolidayOverridesError, parseHolidayOverrides, type HolidayOverrides } from './holiday-overrides.js';

/** Where the bureau's override file lives, relative to the repository root / working directory. */
export const DEFAULT_HOLIDAY_OVERRIDES_PATH = 'config/holidays/overrides.json';

/**
 * Reads and validates an override file. The only I/O in the calendar: it is synchronous on purpose,
 * because it runs once at start-up and a service must not start with a broken calendar.
 * Throws {@link HolidayOverridesError} for a missing, unreadable or invalid file.
 */
export function loadHolidayOverridesFile(path: string = DEFAULT_HOLIDAY_OVERRIDES_PATH): HolidayOverrides {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HolidayOverridesError([`cannot read ${path}: ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HolidayOverridesError([`${path} is not valid JSON: ${(error as Error).message}`]);
  }
  return parseHolidayOverrides(json);
}
