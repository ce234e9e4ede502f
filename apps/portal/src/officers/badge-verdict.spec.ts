import type { BadgeClaims } from '#auth';
import { badgeOutcome } from './badge-verdict.js';

const today = '2026-11-20';
const expiresAt = new Date('2026-11-20T02:15:00Z');
const officer = { certificateNo: 'ZF-0001', status: 'active', validFrom: '2024-01-01', validUntil: '2028-12-31' };
const visit = { id: 'a-1', task: '2026年取水单位双随机抽查', items: ['取水许可检查'], target: '东江水务有限公司', from: '2026-11-18', to: '2026-12-18' };
const claims: BadgeClaims = { officerId: 'insp-1', certificateNo: 'ZF-0001', assignment: visit };

describe('badge verdict', () => {
  it('calls a fresh token of an officer in force for a visit a genuine inspection, with the visit', () => {
    expect(badgeOutcome({ outcome: 'valid', claims, expiresAt }, officer, today)).toMatchObject({ verdict: 'genuine_inspection', standing: 'valid', inspection: visit });
    expect(badgeOutcome({ outcome: 'valid', claims: { officerId: 'insp-1', certificateNo: 'ZF-0001' }, expiresAt }, officer, today)).toMatchObject({ verdict: 'genuine_officer' });
  });

  it('keeps a visit outside its planned window genuine but says so', () => {
    const late = badgeOutcome({ outcome: 'valid', claims: { ...claims, assignment: { ...visit, to: '2026-11-19' } }, expiresAt }, officer, today);
    expect(late.verdict).toBe('genuine_inspection');
    expect(late.explanation).toContain('不在计划检查时间内');
    expect(badgeOutcome({ outcome: 'valid', claims, expiresAt }, officer, today).explanation).not.toContain('不在计划检查时间内');
  });

  it('lets the current record win: suspended, revoked, expired or renumbered certificates are invalid even with a fresh code', () => {
    for (const o of [{ ...officer, status: 'suspended' }, { ...officer, status: 'retired' }, { ...officer, validUntil: '2026-11-19' }, { ...officer, certificateNo: 'ZF-0002' }]) {
      expect(badgeOutcome({ outcome: 'valid', claims, expiresAt }, o, today).verdict).toBe('certificate_invalid');
    }
    expect(badgeOutcome({ outcome: 'expired', claims, expiresAt }, { ...officer, status: 'retired' }, today).verdict).toBe('certificate_invalid');
  });

  it('says the code expired for a stale but genuine token', () => {
    expect(badgeOutcome({ outcome: 'expired', claims, expiresAt }, officer, today)).toMatchObject({ verdict: 'qr_expired', inspection: visit });
  });

  it('shows nothing of a forged token, and cannot verify an officer the portal does not know', () => {
    expect(badgeOutcome({ outcome: 'forged' }, officer, today)).toEqual({ verdict: 'unverifiable', explanation: expect.any(String) });
    expect(badgeOutcome({ outcome: 'valid', claims, expiresAt }, undefined, today)).toEqual({ verdict: 'unverifiable', explanation: expect.stringContaining('名录') });
  });
});
