/**
 * Whether an officer's 执法证 is in force today, in the words the portal shows (docs/portal.md
 * "Officer directory"). Pure: the caller passes today's date in China from the injected clock.
 */
export type OfficerStanding = 'valid' | 'not_yet_valid' | 'expired' | 'suspended' | 'revoked';

export const STANDING_LABELS: Record<OfficerStanding, string> = {
  valid: '有效',
  not_yet_valid: '尚未生效',
  expired: '已过期',
  suspended: '暂停执法',
  revoked: '已注销',
};

export interface StandingFacts {
  /** Planning's status: active | suspended | retired. */
  status: string;
  validFrom: string | null;
  validUntil: string | null;
}

/**
 * Planning's status decides first (suspended: the officer may not enforce for now, whether the
 * certificate was 暂扣 or the officer is 暂停执法 — the neutral wording covers both;
 * retired: left enforcement, the certificate is 注销); then the validity dates, inclusive, against
 * today in China. An unknown validity (not recorded) does not make an active certificate invalid.
 * Anything but `active`, `suspended` counts as revoked: an unknown status is never shown as valid.
 */
export function officerStanding(o: StandingFacts, today: string): OfficerStanding {
  if (o.status === 'suspended') return 'suspended';
  if (o.status !== 'active') return 'revoked';
  if (o.validUntil && o.validUntil < today) return 'expired';
  if (o.validFrom && o.validFrom > today) return 'not_yet_valid';
  return 'valid';
}
