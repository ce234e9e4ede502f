import { LICENCE_CATEGORIES, PARTY_KINDS, PENALTY_TYPES, isLicenceCategory, isNaturalPersonLike, isPartyKind, isPenaltyType } from './vocabulary.js';

describe('双公示 vocabularies', () => {
  it('lists the 14 penalty types of the standard, in order', () => {
    expect(PENALTY_TYPES).toHaveLength(14);
    expect(PENALTY_TYPES[0]).toBe('警告');
    expect(PENALTY_TYPES[PENALTY_TYPES.length - 1]).toBe('其他');
    expect(new Set(PENALTY_TYPES).size).toBe(PENALTY_TYPES.length);
  });

  it('guards input values', () => {
    expect(isPenaltyType('限制从业')).toBe(true);
    expect(isPenaltyType('记过')).toBe(false);
    expect(isLicenceCategory('特许')).toBe(true);
    expect(isLicenceCategory('特殊')).toBe(false);
    expect(LICENCE_CATEGORIES).toEqual(['普通', '特许', '认可', '核准', '登记', '其他']);
    expect(PARTY_KINDS).toEqual(['法人及非法人组织', '个体工商户', '自然人']);
    expect(isPartyKind('自然人')).toBe(true);
    expect(isPartyKind(undefined)).toBe(false);
  });

  it('counts 个体工商户 with natural persons for fine thresholds', () => {
    expect(isNaturalPersonLike('个体工商户')).toBe(true);
    expect(isNaturalPersonLike('法人及非法人组织')).toBe(false);
  });
});
