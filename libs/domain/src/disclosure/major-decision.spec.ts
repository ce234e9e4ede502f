import { assessMajorDecision, DEFAULT_MAJOR_DECISION_CONFIG, type MajorDecisionConfig } from './major-decision.js';

describe('major decisions (重大执法决定法制审核)', () => {
  const org = { partyKind: '法人及非法人组织' as const, penaltyTypes: ['罚款'] };
  const person = { partyKind: '自然人' as const, penaltyTypes: ['罚款'] };

  it('makes a fine of 10万元 or more for an organisation major, and less not', () => {
    expect(assessMajorDecision({ ...org, fineAmount: '9.999999' })).toEqual({ major: false, reasons: [] });
    expect(assessMajorDecision({ ...org, fineAmount: '10' }).major).toBe(true);
    expect(assessMajorDecision({ ...org, fineAmount: '10.000000' }).reasons).toEqual(['罚款 10 万元 ≥ 10 万元（法人及非法人组织）']);
    expect(assessMajorDecision({ ...org, fineAmount: '2' }).major).toBe(false);
  });

  it('makes a fine of 1万元 or more for a natural person (or a 个体工商户) major', () => {
    expect(assessMajorDecision({ ...person, fineAmount: '0.9' }).major).toBe(false);
    expect(assessMajorDecision({ ...person, fineAmount: '1' }).major).toBe(true);
    expect(assessMajorDecision({ ...person, partyKind: '个体工商户', fineAmount: '1.5' }).major).toBe(true);
  });

  it('makes licence revocation, stop-production orders and closure major whatever the amount', () => {
    for (const type of ['吊销许可证件', '责令停产停业', '责令关闭']) {
      expect(assessMajorDecision({ partyKind: '法人及非法人组织', penaltyTypes: ['警告', type] })).toEqual({ major: true, reasons: [type] });
    }
    expect(assessMajorDecision({ partyKind: '法人及非法人组织', penaltyTypes: ['暂扣许可证件'] }).major).toBe(false);
  });

  it('makes a decision the officer marked 重大 major, and lists every reason', () => {
    expect(assessMajorDecision({ partyKind: '自然人', penaltyTypes: ['警告'], marked: true })).toEqual({ major: true, reasons: ['标记为重大'] });
    expect(assessMajorDecision({ partyKind: '法人及非法人组织', penaltyTypes: ['罚款', '吊销许可证件'], fineAmount: '20', marked: true }).reasons).toHaveLength(3);
  });

  it('ignores an amount without 罚款 and follows a configuration', () => {
    expect(assessMajorDecision({ partyKind: '法人及非法人组织', penaltyTypes: ['没收违法所得'], fineAmount: '50' }).major).toBe(false);
    const strict: MajorDecisionConfig = { fineThresholdWan: { ...DEFAULT_MAJOR_DECISION_CONFIG.fineThresholdWan, 法人及非法人组织: 5 }, penaltyTypes: [...DEFAULT_MAJOR_DECISION_CONFIG.penaltyTypes, '暂扣许可证件'] };
    expect(assessMajorDecision({ ...org, fineAmount: '5' }, strict).major).toBe(true);
    expect(assessMajorDecision({ partyKind: '自然人', penaltyTypes: ['暂扣许可证件'] }, strict).major).toBe(true);
  });

  it('refuses an amount that is not decimal text', () => {
    expect(() => assessMajorDecision({ ...org, fineAmount: '1e3' })).toThrow(RangeError);
  });
});
