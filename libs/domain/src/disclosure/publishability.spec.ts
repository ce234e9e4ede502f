import { idNumberCheckDigit } from '../check-digits/id-number.js';
import { DomainError } from '../errors.js';
import {
  NEVER_PUBLISHED_REASONS,
  NON_PUBLICATION_REASON_TEXT,
  assessPublishability,
  isMinorOn,
  type PublishabilityInput,
} from './publishability.js';

const ordinaryFine: PublishabilityInput = { kind: 'penalty', procedure: '普通程序', penaltyTypes: ['罚款'] };

describe('publishability', () => {
  it('publishes an ordinary-procedure penalty and a plain licence', () => {
    expect(assessPublishability(ordinaryFine)).toEqual({ publishable: true, reasons: [] });
    expect(assessPublishability({ kind: 'licence' })).toEqual({ publishable: true, reasons: [] });
    expect(assessPublishability({ kind: 'spot-check-result' }).publishable).toBe(true);
  });

  it('records but does not publish a 简易程序 penalty or a warning-only one', () => {
    expect(assessPublishability({ ...ordinaryFine, procedure: '简易程序' })).toEqual({
      publishable: false,
      reasons: ['simple-procedure'],
    });
    expect(assessPublishability({ ...ordinaryFine, penaltyTypes: ['警告'] }).reasons).toEqual(['warning-only']);
    expect(assessPublishability({ ...ordinaryFine, penaltyTypes: ['警告', '罚款'] }).publishable).toBe(true);
    expect(assessPublishability({ ...ordinaryFine, penaltyTypes: [] }).reasons).toEqual(['no-penalty-type']);
  });

  it('never publishes minors, secrets, privacy or danger to security, whatever the kind', () => {
    const all = assessPublishability({
      ...ordinaryFine,
      procedure: '简易程序',
      partyIsMinor: true,
      involvesStateSecret: true,
      involvesCommercialSecret: true,
      involvesPersonalPrivacy: true,
      endangersSecurity: true,
    });
    expect(all).toEqual({
      publishable: false,
      reasons: ['simple-procedure', 'party-is-minor', 'state-secret', 'commercial-secret', 'personal-privacy', 'endangers-security'],
    });
    expect(assessPublishability({ kind: 'licence', involvesCommercialSecret: true }).reasons).toEqual(['commercial-secret']);
  });

  it('works out minority at the decision date from a birth date or an ID number', () => {
    const first17 = '33010220080915123';
    const id = first17 + idNumberCheckDigit(first17); // born 2008-09-15
    const person = { ...ordinaryFine, partyKind: '自然人' as const, partyIdNumber: id };
    expect(assessPublishability({ ...person, decisionDate: '2026-09-14' }).reasons).toEqual(['party-is-minor']);
    expect(assessPublishability({ ...person, decisionDate: '2026-09-15' }).publishable).toBe(true);
    expect(assessPublishability({ ...ordinaryFine, partyBirthDate: '2010-01-01', decisionDate: '2026-05-01' }).publishable).toBe(false);
    expect(assessPublishability({ ...person }).publishable).toBe(true); // no decision date: cannot tell, flag decides
  });

  it('treats a 29 February birthday as coming of age on 28 February', () => {
    expect(isMinorOn('2008-02-29', '2026-02-27')).toBe(true);
    expect(isMinorOn('2008-02-29', '2026-02-28')).toBe(false);
  });

  it('rejects a penalty with an unknown type or no procedure as invalid input', () => {
    expect(() => assessPublishability({ ...ordinaryFine, penaltyTypes: ['记过' as never] })).toThrow(DomainError);
    expect(() => assessPublishability({ kind: 'penalty', penaltyTypes: ['罚款'] })).toThrow(/procedure/);
  });

  it('explains every reason and tells "never" from "recorded only"', () => {
    for (const reason of Object.keys(NON_PUBLICATION_REASON_TEXT)) {
      expect(NON_PUBLICATION_REASON_TEXT[reason as keyof typeof NON_PUBLICATION_REASON_TEXT]).toMatch(/公示/);
    }
    expect(NEVER_PUBLISHED_REASONS).toContain('party-is-minor');
    expect(NEVER_PUBLISHED_REASONS).not.toContain('simple-procedure');
  });
});
