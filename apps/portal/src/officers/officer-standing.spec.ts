import { officerStanding, STANDING_LABELS } from './officer-standing.js';

describe('officer standing', () => {
  const today = '2026-11-20';
  const active = { status: 'active', validFrom: '2024-01-01', validUntil: '2028-12-31' };

  it('is valid on the first and the last day of the validity (inclusive)', () => {
    expect(officerStanding({ ...active, validFrom: today }, today)).toBe('valid');
    expect(officerStanding({ ...active, validUntil: today }, today)).toBe('valid');
    expect(officerStanding({ ...active, validFrom: null, validUntil: null }, today)).toBe('valid');
  });

  it('is expired the day after, and not yet valid before the start', () => {
    expect(officerStanding({ ...active, validUntil: '2026-11-19' }, today)).toBe('expired');
    expect(officerStanding({ ...active, validFrom: '2026-11-21' }, today)).toBe('not_yet_valid');
  });

  it('puts suspension and revocation before the dates, and never shows an unknown status as valid', () => {
    expect(officerStanding({ ...active, status: 'suspended' }, today)).toBe('suspended');
    expect(officerStanding({ ...active, status: 'retired', validUntil: '2020-01-01' }, today)).toBe('revoked');
    expect(officerStanding({ ...active, status: 'whatever' }, today)).toBe('revoked');
  });

  it('has the words the portal shows', () => {
    expect(STANDING_LABELS).toEqual({ valid: '有效', not_yet_valid: '尚未生效', expired: '已过期', suspended: '暂停执法', revoked: '已注销' });
  });
});
