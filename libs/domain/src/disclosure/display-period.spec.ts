import { DomainError } from '../errors.js';
import {
  DEFAULT_DISPLAY_PERIOD_CONFIG,
  displayPeriod,
  earliestEarlyRemovalDate,
  isWithinDisplayPeriod,
  type PenaltyItem,
} from './display-period.js';
import type { PartyKind } from './vocabulary.js';

const START = '2026-03-05';
const period = (partyKind: PartyKind, penalties: PenaltyItem[], serious = false) =>
  displayPeriod({ partyKind, penalties, startDate: START, serious });

describe('display periods', () => {
  it('shows 通报批评 alone for 3 months, to the corresponding day (民法典 Art. 202)', () => {
    expect(period('法人及非法人组织', [{ type: '通报批评' }])).toEqual({
      rule: 'short',
      months: 3,
      endDate: '2026-06-05',
      earliestEarlyRemovalDate: '2026-06-05',
    });
  });

  it('counts a fine below the threshold (不含本数) as small: natural persons 5,000 yuan', () => {
    expect(period('自然人', [{ type: '罚款', fineYuan: 4_999 }]).endDate).toBe('2026-06-05');
    expect(period('自然人', [{ type: '罚款', fineYuan: 5_000 }])).toMatchObject({ rule: 'standard', endDate: '2029-03-05' });
  });

  it('organisations 50,000 yuan; 个体工商户 count as natural persons', () => {
    expect(period('法人及非法人组织', [{ type: '罚款', fineYuan: 49_999.99 }]).rule).toBe('short');
    expect(period('法人及非法人组织', [{ type: '罚款', fineYuan: 50_000 }]).rule).toBe('standard');
    expect(period('个体工商户', [{ type: '罚款', fineYuan: 10_000 }]).rule).toBe('standard');
  });

  it('keeps 警告 with a small fine short, and lets any heavier penalty make it 3 years', () => {
    expect(period('自然人', [{ type: '警告' }, { type: '罚款', fineYuan: 1_000 }]).rule).toBe('short');
    expect(period('自然人', [{ type: '罚款', fineYuan: 1_000 }, { type: '没收违法所得' }])).toMatchObject({
      rule: 'standard',
      months: 36,
      endDate: '2029-03-05',
    });
  });

  it('adds up several fines against the threshold', () => {
    expect(period('自然人', [{ type: '罚款', fineYuan: 3_000 }, { type: '罚款', fineYuan: 3_000 }]).rule).toBe('standard');
  });

  it('shows a ban longer than 3 years for its length, a shorter one for 3 years, a lifetime one without end', () => {
    expect(period('自然人', [{ type: '罚款', fineYuan: 100_000 }, { type: '限制从业', restrictionMonths: 60 }])).toMatchObject({
      rule: 'restriction-length',
      months: 60,
      endDate: '2031-03-05',
    });
    expect(period('自然人', [{ type: '限制从业', restrictionMonths: 24 }]).months).toBe(36);
    const life = period('法人及非法人组织', [{ type: '吊销许可证件', restrictionMonths: 'life' }, { type: '罚款', fineYuan: 1 }]);
    expect(life).toMatchObject({ rule: 'restriction-length', months: null, endDate: null });
    // 责令停产停业 is not a ban on practice: its duration does not set the period.
    expect(period('法人及非法人组织', [{ type: '责令停产停业', restrictionMonths: 48 }]).months).toBe(36);
  });

  it('allows early removal after 3 months (ordinary) or 12 months (serious), never after the end', () => {
    expect(period('法人及非法人组织', [{ type: '没收违法所得' }]).earliestEarlyRemovalDate).toBe('2026-06-05');
    expect(period('法人及非法人组织', [{ type: '没收违法所得' }], true).earliestEarlyRemovalDate).toBe('2027-03-05');
    const short = displayPeriod({ partyKind: '自然人', penalties: [{ type: '通报批评' }], startDate: START, serious: true });
    expect(short.earliestEarlyRemovalDate).toBe(short.endDate);
    expect(earliestEarlyRemovalDate('2026-11-30', false)).toBe('2027-02-28');
  });

  it('ends on the last day of a shorter month', () => {
    expect(displayPeriod({ partyKind: '自然人', penalties: [{ type: '通报批评' }], startDate: '2026-11-30' }).endDate).toBe('2027-02-28');
  });

  it('takes a province\'s own table', () => {
    const config = { ...DEFAULT_DISPLAY_PERIOD_CONFIG, smallFineBelowYuan: { naturalPerson: 10_000, organisation: 100_000 } };
    expect(displayPeriod({ partyKind: '自然人', penalties: [{ type: '罚款', fineYuan: 8_000 }], startDate: START }, config).rule).toBe('short');
  });

  it('rejects incomplete input', () => {
    expect(() => period('自然人', [{ type: '罚款' }])).toThrow(DomainError);
    expect(() => period('自然人', [])).toThrow(/at least one penalty/);
    expect(() => period('自然人', [{ type: '记过' as never }])).toThrow(/unknown penalty type/);
    expect(() => period('自然人', [{ type: '限制从业', restrictionMonths: -1 }])).toThrow(/restrictionMonths/);
    expect(() => displayPeriod({ partyKind: '自然人', penalties: [{ type: '通报批评' }], startDate: '2026-3-5' })).toThrow(DomainError);
  });

  it('tells whether a notice is still shown on a day (the end date included)', () => {
    expect(isWithinDisplayPeriod({ endDate: '2026-06-05' }, '2026-06-05')).toBe(true);
    expect(isWithinDisplayPeriod({ endDate: '2026-06-05' }, '2026-06-06')).toBe(false);
    expect(isWithinDisplayPeriod({ endDate: null }, '2099-01-01')).toBe(true);
  });
});
