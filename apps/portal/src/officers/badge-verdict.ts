import type { BadgeAssignmentClaims, BadgeVerification } from '#auth';
import { officerStanding, type OfficerStanding, type StandingFacts } from './officer-standing.js';

/** What the party who scanned an officer's QR code is told (docs/portal.md "亮证 verification"). */
export type BadgeVerdict = 'genuine_inspection' | 'genuine_officer' | 'qr_expired' | 'certificate_invalid' | 'unverifiable';

export const VERDICT_LABELS: Record<BadgeVerdict, string> = {
  genuine_inspection: '真实有效的执法检查',
  genuine_officer: '执法证件真实有效',
  qr_expired: '二维码已过期',
  certificate_invalid: '执法证已失效',
  unverifiable: '无法验证（伪造或被篡改）',
};

export interface OfficerFacts extends StandingFacts {
  certificateNo: string;
}

export interface BadgeOutcome {
  verdict: BadgeVerdict;
  /** Why, in a sentence a citizen can act on. */
  explanation: string;
  /** The officer's standing today, when the token is ours and names an officer the portal knows. */
  standing?: OfficerStanding;
  /** The visit the token is for (a genuine token's claims only; never a forged one's). */
  inspection?: BadgeAssignmentClaims;
}

/**
 * Decides the verdict. A forged token says nothing: its claims are not shown. For a genuine one the
 * portal's current record wins: a certificate suspended, revoked, expired (or replaced by another
 * number) since the code was issued shows as invalid even if the code is fresh. Then the code's own
 * expiry: an old screenshot must not pass for a current visit.
 */
export function badgeOutcome(v: BadgeVerification, officer: OfficerFacts | undefined, today: string): BadgeOutcome {
  if (v.outcome === 'forged') {
    return { verdict: 'unverifiable', explanation: '该二维码不是执法机关签发的，或内容已被改动，不能证明出示人的执法身份。请向执法部门核实；也可拨打12345政务服务便民热线反映。' };
  }
  if (!officer) {
    return { verdict: 'unverifiable', explanation: '二维码所示人员不在公示的执法人员名录中。请向执法机关核实。' };
  }
  const inspection = v.claims.assignment;
  const standing = officerStanding(officer, today);
  if (officer.certificateNo !== v.claims.certificateNo) {
    return { verdict: 'certificate_invalid', standing, inspection, explanation: `二维码所载执法证号（${v.claims.certificateNo}）已不是该人员现行有效的执法证号。` };
  }
  if (standing !== 'valid') {
    return { verdict: 'certificate_invalid', standing, inspection, explanation: '该执法人员的执法证当前不在有效状态，不得从事行政执法活动。' };
  }
  if (v.outcome === 'expired') {
    return { verdict: 'qr_expired', standing, inspection, explanation: '二维码超过有效时间。请执法人员在手机上重新生成二维码后再扫描。' };
  }
  if (inspection) {
    // Still genuine (a late inspection is still due), but the party should know the date is off plan.
    const offPlan = today < inspection.from || today > inspection.to ? '今天不在计划检查时间内，如有疑问可向执法部门核实。' : '';
    return { verdict: 'genuine_inspection', standing, inspection, explanation: `执法证有效，本次检查由执法机关指派，检查任务与事项如下。${offPlan}` };
  }
  return { verdict: 'genuine_officer', standing, explanation: '执法证有效。该二维码未指明具体检查任务。' };
}
