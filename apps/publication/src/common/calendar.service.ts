import { statSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { loadHolidayOverridesFile, NO_HOLIDAY_OVERRIDES, WorkingDayCalendar } from '#domain';
import { PUBLICATION_RULES, type PublicationRules } from './publication-rules.js';

const RECHECK_MS = 30_000;

/**
 * The working-day calendar: the chinese-days package plus the bureau's override file. The file is
 * read at start-up (a broken file stops the service) and again whenever it changes, so a new year's
 * holidays take effect without a restart; a file that turns invalid later keeps the last good one.
 */
@Injectable()
export class CalendarService {
  private readonly logger = new Logger(CalendarService.name);
  private current: WorkingDayCalendar;
  private mtimeMs = -1;
  private checkedAt = 0;

  constructor(@Inject(PUBLICATION_RULES) private readonly rules: PublicationRules) {
    this.current = new WorkingDayCalendar({ overrides: NO_HOLIDAY_OVERRIDES });
    this.reload(true);
  }

  calendar(): WorkingDayCalendar {
    if (performance.now() - this.checkedAt > RECHECK_MS) this.reload(false);
    return this.current;
  }

  /** Re-reads the override file if it changed. Returns the years the calendar knows. */
  reload(atStart: boolean): number[] {
    this.checkedAt = performance.now();
    const path = this.rules.holidayOverridesFile;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      if (atStart && this.rules.holidayOverridesRequired) throw new Error(`holiday override file ${path} not found`);
      if (atStart) this.logger.warn(`no holiday override file at ${path}: using the chinese-days package only`);
      return this.current.knownYears();
    }
    if (mtimeMs === this.mtimeMs) return this.current.knownYears();
    try {
      this.current = new WorkingDayCalendar({ overrides: loadHolidayOverridesFile(path) });
      this.mtimeMs = mtimeMs;
      if (!atStart) this.logger.log(`holiday overrides reloaded from ${path}`);
    } catch (error) {
      if (atStart) throw error;
      this.logger.error(`keeping the previous calendar: ${(error as Error).message}`);
    }
    return this.current.knownYears();
  }
}
