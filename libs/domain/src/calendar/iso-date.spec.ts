import {
  addCalendarDays,
  addMonthsClamped,
  assertIsoDate,
  compareIsoDates,
  dayOfWeek,
  isIsoDate,
  isWeekend,
  todayInShanghai,
} from './iso-date.js';

describe('ISO calendar dates', () => {
  it('accepts only real dates in YYYY-MM-DD form', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-10-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20261001)).toBe(false);
    expect(() => assertIsoDate('2026-04-31', 'decision date')).toThrow(/decision date/);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-10-01')).toBe(4); // Thursday, as the 2026 holiday notice says
    expect(isWeekend('2026-10-10')).toBe(true);
    expect(isWeekend('2026-10-09')).toBe(false);
  });

  it('ends month periods on the corresponding day, or the month end when there is none (民法典 Art. 202)', () => {
    expect(addMonthsClamped('2026-03-05', 3)).toBe('2026-06-05');
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-05-20', 36)).toBe('2029-05-20');
  });

  it('compares dates', () => {
    expect(compareIsoDates('2026-09-30', '2026-10-01')).toBeLessThan(0);
    expect(compareIsoDates('2026-10-01', '2026-10-01')).toBe(0);
  });

  it('takes today in China, not in the server timezone', () => {
    // 16:30 UTC on 30 September is 00:30 on 1 October in Beijing.
    expect(todayInShanghai(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(todayInShanghai(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });
});
