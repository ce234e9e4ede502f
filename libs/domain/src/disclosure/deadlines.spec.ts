import { packageWorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { DomainError } from '../errors.js';
import {
  DEFAULT_DEADLINE_CONFIG,
  correctionDueDate,
  deadlineConfig,
  deadlineStatus,
  dueDate,
  publicationDueDate,
  withdrawalDueDate,
} from './deadlines.js';

const calendar = packageWorkingDayCalendar();

describe('disclosure deadlines', () => {
  it('has the docs/regulations.md §5 defaults', () => {
    expect(DEFAULT_DEADLINE_CONFIG).toEqual({
      'licence-decision': 7,
      'penalty-decision': 7,
      'other-enforcement-decision': 20,
      'spot-check-result': 20,
      withdrawal: 3,
      correction: 3,
    });
  });

  it('due date of a licence or penalty decision: 7 working days, across National Day 2026', () => {
    expect(publicationDueDate('penalty', '2026-09-28', calendar)).toEqual({ date: '2026-10-13', provisional: false });
    expect(publicationDueDate('licence', '2026-09-28', calendar)).toEqual({ date: '2026-10-13', provisional: false });
  });

  it('due date of a spot-check result: 20 working days, across Spring Festival 2026', () => {
    expect(publicationDueDate('spot-check-result', '2026-02-10', calendar)).toEqual({ date: '2026-03-16', provisional: false });
    expect(dueDate('other-enforcement-decision', '2026-02-10', calendar).date).toBe('2026-03-16');
  });

  it('withdrawal and correction: 3 working days, or 5 where a province says so', () => {
    expect(withdrawalDueDate('2026-04-30', calendar)).toEqual({ date: '2026-05-08', provisional: false });
    expect(correctionDueDate('2026-04-30', calendar).date).toBe('2026-05-08');
    // 05-06 (1), 05-07 (2), 05-08 (3), Sat 05-09 make-up (4), Mon 05-11 (5).
    expect(withdrawalDueDate('2026-04-30', calendar, { withdrawal: 5 }).date).toBe('2026-05-11');
  });

  it('passes on the provisional flag for a deadline in 2027', () => {
    expect(publicationDueDate('penalty', '2026-12-28', calendar)).toEqual({ date: '2027-01-06', provisional: true });
  });

  it('uses the configured number with any calendar', () => {
    const asked: number[] = [];
    const stub = {
      addWorkingDays: (date: string, n: number) => {
        asked.push(n);
        return { date, provisional: false };
      },
    };
    dueDate('licence-decision', '2026-01-05', stub, { 'licence-decision': 10 });
    dueDate('spot-check-result', '2026-01-05', stub);
    expect(asked).toEqual([10, 20]);
  });

  it('rejects nonsense configuration as invalid input', () => {
    expect(() => deadlineConfig({ withdrawal: 0 })).toThrow(DomainError);
    expect(() => deadlineConfig({ withdrawal: 2.5 })).toThrow(/1–60 working days/);
    expect(() => deadlineConfig({ bogus: 3 } as never)).toThrow(/unknown deadline kind/);
    expect(deadlineConfig({ withdrawal: undefined }).withdrawal).toBe(3);
  });

  it('tells whether a duty was met, is late, pending or overdue (the due date itself is in time)', () => {
    expect(deadlineStatus('2026-10-13', '2026-10-20', '2026-10-13')).toBe('met');
    expect(deadlineStatus('2026-10-13', '2026-10-20', '2026-10-14')).toBe('late');
    expect(deadlineStatus('2026-10-13', '2026-10-13')).toBe('pending');
    expect(deadlineStatus('2026-10-13', '2026-10-14')).toBe('overdue');
  });
});
