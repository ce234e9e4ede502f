import { ForbiddenException, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { buildBadgeClaims, signBadge, type Principal } from '#auth';
import { conflict, forbidden, notFound } from '#domain';
import { CLOCK, type Clock } from '#platform';
import { Assignment } from '../assignments/assignment.entity.js';
import { TeamMember } from '../assignments/team-member.entity.js';
import { DirectoryInspector } from '../directory/directory-inspector.entity.js';
import { BADGE_SETTINGS, type BadgeSettings } from './badge.settings.js';
import type { BadgeView } from './badge.view.js';

/**
 * Issues 亮证 codes: a short-lived signed token naming the inspector (planning id = token subject,
 * 执法证号) and, when asked, one of their assignments, which the portal verifies (docs/inspection.md).
 */
/** Inspections a team may still be on site for. */
const VISITABLE = new Set(['assigned', 'in_progress', 'overdue']);

@Injectable()
export class BadgeService implements OnModuleInit {
  private readonly logger = new Logger('Badge');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BADGE_SETTINGS) private readonly settings: BadgeSettings,
  ) {}

  onModuleInit(): void {
    if (this.settings.signingKey.development) {
      this.logger.warn('亮证: the DEVELOPMENT badge signing key is in use (BADGE_SIGNING_KEY not set); its badges prove nothing. Never in production.');
    }
  }

  async issue(user: Principal, assignmentId?: string): Promise<BadgeView> {
    const officer = await this.ds.getRepository(DirectoryInspector).findOneBy({ id: user.sub });
    if (!officer) throw notFound('you are not in the inspector directory (执法检查人员名录库) as inspection knows it; ask your department to add you in planning');
    // Planning's status is the certificate's: a suspended or retired inspector gets no code at all.
    if (officer.status !== 'active') throw forbidden(`your enforcement certificate ${officer.certificateNo} is not active (${officer.status}): no 亮证 code`);

    let facts: Parameters<typeof buildBadgeClaims>[1];
    if (assignmentId) {
      const assignment = await this.ds.getRepository(Assignment).findOneBy({ id: assignmentId });
      if (!assignment) throw notFound(`inspection ${assignmentId} does not exist`);
      const member = await this.ds.getRepository(TeamMember).findOneBy({ assignmentId, inspectorId: user.sub });
      if (!member) throw new ForbiddenException('this inspection is not assigned to you');
      // A code vouches for a visit still to be made: not for one cancelled or already recorded.
      if (!VISITABLE.has(assignment.status)) throw conflict(`inspection ${assignmentId} is ${assignment.status}: no 亮证 code for it`);
      facts = {
        id: assignment.id, taskName: assignment.taskName, items: assignment.items, targetName: assignment.targetName, targetKind: assignment.targetKind,
        notBefore: assignment.notBefore, dueDate: assignment.dueDate,
      };
    }

    const claims = buildBadgeClaims({ id: officer.id, certificateNo: officer.certificateNo }, facts);
    const { token, expiresAt } = await signBadge(claims, this.settings.signingKey.key, this.clock.now(), this.settings.ttlSeconds);
    const url = `${this.settings.portalOrigin}/badge?t=${token}`;
    // Error correction M: read reliably off a phone screen in daylight, still a moderate module count.
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return {
      token,
      url,
      expiresAt: expiresAt.toISOString(),
      qrSvg,
      officer: { id: officer.id, certificateNo: officer.certificateNo, name: officer.name },
      ...(claims.assignment ? { assignment: claims.assignment } : {}),
    };
  }
}
