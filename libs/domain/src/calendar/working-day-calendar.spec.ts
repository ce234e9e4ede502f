import { DomainError } from '../errors.js';
import { parseHolidayOverrides } from './holiday-overrides.js';
import { WorkingDayCalendar, packageWorkingDayCalendar } from './working-day-calendar.js';

/**
 * A FICTITIOUS 2027 arrangement for tests only: the real one is not published yet. It only has
 * to differ from "weekends only" so the tests can see it being used.
 */
const FICTITIOUS_2027 = parseHolidayOverrides({
  version: 1,
  years: { '2027': { source: 'test fixture, not real', holidays: ['2027-01-01'], workdays: ['2027-01-09'] } },
});

describe('WorkingDayCalendar with the chinese-days data', () => {
  const calendar = packageWorkingDayCalendar();

  it('knows 2004–2026 and not 2027', () => {
    const years = calendar.knownYears();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
    expect(calendar.isKnownYear(2026)).toBe(true);
    expect(calendar.isKnownYear(2027)).toBe(false);
    expect(calendar.isKnownYear(2003)).toBe(false);
  });

  it('has the 2026 National Day, Spring Festival and their 调休 make-up days', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false); // a Wednesday inside the holiday
    expect(calendar.describeDay('2026-10-10')).toEqual({
      date: '2026-10-10',
      working: true,
      kind: 'make-up-workday',
      provisional: false,
    });
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // Sunday make-up day
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false); // a Monday inside Spring Festival
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // ordinary Sunday
    expect(calendar.isWorkingDay('2026-10-12')).toBe(true);
  });

  it('+7 working days from 2026-09-28 crosses National Day and counts Saturday 10-10', () => {
    // 09-29 (1), 09-30 (2), 10-01…10-07 off, 10-08 (3), 10-09 (4), Sat 10-10 make-up (5),
    // Sun 10-11 off, 10-12 (6), 10-13 (7).
    expect(calendar.addWorkingDays('2026-09-28', 7)).toEqual({ date: '2026-10-13', provisional: false });
  });

  it('+20 working days from 2026-02-10 crosses Spring Festival and both make-up Saturdays', () => {
    // 02-11..13 (1-3), Sat 02-14 (4), 02-15..23 off, 02-24..27 (5-8), Sat 02-28 (9),
    // 03-02..06 (10-14), 03-09..13 (15-19), 03-16 (20).
    expect(calendar.addWorkingDays('2026-02-10', 20)).toEqual({ date: '2026-03-16', provisional: false });
  });

  it('+3 working days across Labour Day and over its make-up Saturday', () => {
    // 05-01..05 off, 05-06 (1), 05-07 (2), 05-08 (3).
    expect(calendar.addWorkingDays('2026-04-30', 3)).toEqual({ date: '2026-05-08', provisional: false });
    // Sat 05-09 make-up (1), Sun 05-10 off, 05-11 (2), 05-12 (3).
    expect(calendar.addWorkingDays('2026-05-08', 3)).toEqual({ date: '2026-05-12', provisional: false });
  });

  it('starts counting the day after the decision even when the decision falls on a holiday', () => {
    // Decided on 10-03 (holiday): 10-08 is the first working day after it.
    expect(calendar.addWorkingDays('2026-10-03', 1).date).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-10-03', 0)).toEqual({ date: '2026-10-03', provisional: false });
  });

  it('flags a deadline that reaches into 2027 as provisional and counts weekends only there', () => {
    // 12-29 (1), 12-30 (2), 12-31 (3), Fri 2027-01-01 assumed working (4), 01-04..06 (5-7).
    expect(calendar.addWorkingDays('2026-12-28', 7)).toEqual({ date: '2027-01-06', provisional: true });
    expect(calendar.addWorkingDays('2026-12-28', 3)).toEqual({ date: '2026-12-31', provisional: false });
    expect(calendar.describeDay('2027-03-01').provisional).toBe(true);
  });

  it('stops flagging 2027 once an override for 2027 is loaded, and uses its dates', () => {
    const updated = calendar.withOverrides(FICTITIOUS_2027);
    expect(updated.isKnownYear(2027)).toBe(true);
    // 2027-01-01 is now a holiday: 12-29..31 (1-3), 01-04..07 (4-7).
    expect(updated.addWorkingDays('2026-12-28', 7)).toEqual({ date: '2027-01-07', provisional: false });
    expect(updated.isWorkingDay('2027-01-09')).toBe(true); // the fixture's make-up Saturday
    expect(updated.describeDay('2027-03-01').provisional).toBe(false);
    // The original calendar is unchanged (calendars are immutable).
    expect(calendar.addWorkingDays('2026-12-28', 7).provisional).toBe(true);
  });

  it('lets an override correct a known year date by date', () => {
    const corrected = calendar.withOverrides(
      parseHolidayOverrides({ version: 1, years: { '2026': { holidays: ['2026-10-12'], workdays: ['2026-10-11'] } } }),
    );
    expect(corrected.isWorkingDay('2026-10-12')).toBe(false);
    expect(corrected.isWorkingDay('2026-10-11')).toBe(true);
    expect(corrected.isWorkingDay('2026-10-10')).toBe(true); // untouched package make-up day
  });

  it('refuses an override that would make an uncovered year known without its holidays', () => {
    const onlyWorkdays = parseHolidayOverrides({ version: 1, years: { '2027': { workdays: ['2027-02-06'] } } });
    expect(() => calendar.withOverrides(onlyWorkdays)).toThrow(/needs its full list of holidays/);
  });

  it('counts working days between two dates', () => {
    expect(calendar.countWorkingDays('2026-09-28', '2026-10-13')).toEqual({ count: 7, provisional: false });
    expect(calendar.countWorkingDays('2026-10-13', '2026-09-28')).toEqual({ count: 0, provisional: false });
    expect(calendar.countWorkingDays('2026-12-30', '2027-01-04').provisional).toBe(true);
  });

  it('rejects bad input instead of guessing', () => {
    expect(() => calendar.addWorkingDays('2026/09/28', 7)).toThrow(DomainError);
    expect(() => calendar.addWorkingDays('2026-09-28', -1)).toThrow(DomainError);
    expect(() => calendar.addWorkingDays('2026-09-28', 1.5)).toThrow(DomainError);
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(DomainError);
    try {
      calendar.addWorkingDays('2026-09-28', -1);
    } catch (error) {
      expect((error as DomainError).kind).toBe('invalid'); // mapped to a 4xx, never a 5xx
    }
    expect.assertions(5);
  });
});

describe('WorkingDayCalendar with custom base data', () => {
  it('is provisional for every year when given no base data', () => {
    const bare = new WorkingDayCalendar({ base: new Map() });
    expect(bare.knownYears()).toEqual([]);
    // Fri 2026-10-02 is a weekday without data: 10-05 is the next weekday.
    expect(bare.addWorkingDays('2026-10-02', 1)).toEqual({ date: '2026-10-05', provisional: true });
  });
});
