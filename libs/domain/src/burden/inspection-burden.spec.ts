import { usccCheckCharacter } from '../check-digits/uscc.js';
import { idNumberCheckDigit } from '../check-digits/id-number.js';
import {
  PUBLIC_TALLIED_TARGET_KINDS,
  countsAsInspection,
  inWindow,
  isOverBurdened,
  subtractMonthsClamped,
  tallyCreditCode,
  trailingMonthsWindow,
} from './inspection-burden.js';

const CODE = '91330106MA2CFEXY0' + usccCheckCharacter('91330106MA2CFEXY0');
const ID_NUMBER = '33010219850312004' + idNumberCheckDigit('33010219850312004');

describe('inspection burden: the last 12 months', () => {
  it('runs from the day after the same day a year earlier to today', () => {
    expect(trailingMonthsWindow('2026-11-20')).toEqual({ from: '2025-11-21', to: '2026-11-20' });
    expect(trailingMonthsWindow('2026-01-01')).toEqual({ from: '2025-01-02', to: '2026-01-01' });
    expect(trailingMonthsWindow('2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('handles leap days: 29 February has no corresponding day a year earlier or later', () => {
    // 2027-02-28 stands in for the missing 2027-02-29, so the window starts on 1 March.
    expect(trailingMonthsWindow('2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' });
    // A window that contains a leap day is 366 days long.
    expect(trailingMonthsWindow('2028-03-01')).toEqual({ from: '2027-03-02', to: '2028-03-01' });
    expect(trailingMonthsWindow('2025-02-28')).toEqual({ from: '2024-02-29', to: '2025-02-28' });
    expect(trailingMonthsWindow('2025-03-01')).toEqual({ from: '2024-03-02', to: '2025-03-01' });
  });

  it('clamps to the month end for shorter months', () => {
    expect(subtractMonthsClamped('2026-03-31', 1)).toBe('2026-02-28');
    expect(subtractMonthsClamped('2024-03-31', 1)).toBe('2024-02-29');
    expect(subtractMonthsClamped('2026-05-31', 1)).toBe('2026-04-30');
    expect(subtractMonthsClamped('2026-01-15', 1)).toBe('2025-12-15');
    expect(subtractMonthsClamped('2026-01-31', 13)).toBe('2024-12-31');
    expect(subtractMonthsClamped('2026-07-31', 0)).toBe('2026-07-31');
    expect(trailingMonthsWindow('2026-05-31', 1)).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(trailingMonthsWindow('2026-03-31', 1)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('refuses a non-date and a negative number of months', () => {
    expect(() => trailingMonthsWindow('2026-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => subtractMonthsClamped('2026-02-01', -1)).toThrow(/non-negative/);
  });

  it('includes both ends', () => {
    const w = trailingMonthsWindow('2026-11-20');
    expect(inWindow('2025-11-21', w)).toBe(true);
    expect(inWindow('2026-11-20', w)).toBe(true);
    expect(inWindow('2025-11-20', w)).toBe(false);
    expect(inWindow('2026-11-21', w)).toBe(false);
  });
});

describe('inspection burden: what is tallied', () => {
  it('tallies organisations and individual businesses by a valid credit code, upper-cased', () => {
    expect(tallyCreditCode({ targetKind: 'organisation', targetCode: CODE.toLowerCase(), outcome: '未发现问题' })).toBe(CODE);
    expect(tallyCreditCode({ targetKind: 'individual_business', targetCode: CODE, outcome: '未发现问题' })).toBe(CODE);
  });

  it('never tallies natural persons, sites, projects, missing codes or an ID number given as a code', () => {
    expect(tallyCreditCode({ targetKind: 'natural_person', targetCode: ID_NUMBER, outcome: '未发现问题' })).toBeNull();
    expect(tallyCreditCode({ targetKind: 'site', targetCode: CODE, outcome: '未发现问题' })).toBeNull();
    expect(tallyCreditCode({ targetKind: 'project', outcome: '未发现问题' })).toBeNull();
    expect(tallyCreditCode({ targetKind: 'organisation', outcome: '未发现问题' })).toBeNull();
    expect(tallyCreditCode({ targetKind: 'organisation', targetCode: ID_NUMBER, outcome: '未发现问题' })).toBeNull();
  });

  it('shows only organisations on the portal', () => {
    expect(tallyCreditCode({ targetKind: 'organisation', targetCode: CODE, outcome: '未发现问题' }, PUBLIC_TALLIED_TARGET_KINDS)).toBe(CODE);
    expect(tallyCreditCode({ targetKind: 'individual_business', targetCode: CODE, outcome: '未发现问题' }, PUBLIC_TALLIED_TARGET_KINDS)).toBeNull();
  });

  it('does not count a visit that could not reach the firm', () => {
    expect(countsAsInspection('通过登记的住所（经营场所）无法联系')).toBe(false);
    expect(countsAsInspection('发现问题已责令改正')).toBe(true);
    expect(countsAsInspection('未发现开展本次抽查涉及的经营活动')).toBe(true);
  });

  it('leaves out a target inspected at least N times, and nobody without a threshold', () => {
    expect(isOverBurdened(2, 2)).toBe(true);
    expect(isOverBurdened(1, 2)).toBe(false);
    expect(isOverBurdened(5, null)).toBe(false);
    expect(isOverBurdened(5, undefined)).toBe(false);
  });
});
