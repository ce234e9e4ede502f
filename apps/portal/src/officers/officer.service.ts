import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { verifyBadge, type LoadedBadgeKey } from '#auth';
import { InspectorsChanged, type InspectorsChangedPayload } from '#contracts';
import { DomainError, notFound, todayInShanghai } from '#domain';
import { OnEvent, type EventContext } from '#messaging';
import { CLOCK, type Clock } from '#platform';
import { badgeOutcome, VERDICT_LABELS, type BadgeOutcome } from './badge-verdict.js';
import { officerStanding, STANDING_LABELS, type OfficerStanding } from './officer-standing.js';

/** The portal's badge verification key (BADGE_VERIFY_KEY, or the development key). */
export const BADGE_VERIFY_KEY = Symbol('BADGE_VERIFY_KEY');

/** An officer as the portal publishes them: exactly what 行政执法公示 asks, nothing more. */
export interface PublicOfficer {
  id: string;
  certificateNo: string;
  name: string;
  department: string;
  certifiedCategories: string[];
  validFrom: string | null;
  validUntil: string | null;
  standing: OfficerStanding;
  /** 有效 / 尚未生效 / 已过期 / 暂停执法 / 已注销. */
  standingLabel: string;
  url: string;
}

export interface OfficerPage {
  items: PublicOfficer[];
  /** Cursor of the next page, absent on the last one. */
  next?: string;
}

export interface BadgeCheck extends BadgeOutcome {
  verdictLabel: string;
  /** When the code stops being accepted (genuine tokens only). */
  expiresAt?: string;
  officer?: PublicOfficer;
}

interface Row {
  id: string;
  certificate_no: string;
  name: string;
  department: string;
  certified_categories: string[];
  status: string;
  valid_from: string | null;
  valid_until: string | null;
}

const SELECT = `SELECT id, certificate_no, name, department, certified_categories, status,
  to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_until, 'YYYY-MM-DD') AS valid_until FROM portal.officer`;

/** Keyset cursor of the listing: the last row's (department, 执法证号, id). */
function encodeCursor(r: Row): string {
  return Buffer.from(JSON.stringify([r.department, r.certificate_no, r.id]), 'utf8').toString('base64url');
}

function decodeCursor(text: string): [string, string, string] {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    c = undefined;
  }
  // eslint-disable-next-line no-control-regex -- PostgreSQL refuses NUL; a cursor with control characters is not ours
  if (Array.isArray(c) && c.length === 3 && c.every((s) => typeof s === 'string' && s.length <= 200 && !/[\u0000-\u001f]/.test(s))) return c as [string, string, string];
  throw new DomainError('invalid', 'after: not a cursor this API returned (use the `next` link of the previous page)');
}

/**
 * The officer directory (执法人员名单) and the 亮证 check. Fed by planning.inspectors.changed; the
 * newest change of an officer wins, an older one arriving late changes nothing.
 */
@Injectable()
export class OfficerService implements OnModuleInit {
  private readonly logger = new Logger('OfficerDirectory');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BADGE_VERIFY_KEY) private readonly badgeKey: LoadedBadgeKey,
  ) {}

  onModuleInit(): void {
    if (this.badgeKey.development) this.logger.warn('亮证: the DEVELOPMENT badge key is in use (BADGE_VERIFY_KEY not set); anyone can forge such badges. Never in production.');
  }

  @OnEvent(InspectorsChanged)
  async onInspectorsChanged(p: InspectorsChangedPayload, ctx: EventContext): Promise<void> {
    const rows = p.inspectors.map((i) => ({
      id: i.id, certificate_no: i.certificateNo, name: i.name, department: i.department, certified_categories: i.certifiedCategories, status: i.status,
      valid_from: i.certificateValidFrom ?? null, valid_until: i.certificateValidUntil ?? null,
    }));
    await ctx.manager.query(
      `INSERT INTO portal.officer (id, certificate_no, name, department, certified_categories, status, valid_from, valid_until, changed_at)
       SELECT r.id, r.certificate_no, r.name, r.department, ARRAY(SELECT jsonb_array_elements_text(r.certified_categories)), r.status, r.valid_from, r.valid_until, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, certificate_no text, name text, department text, certified_categories jsonb, status text, valid_from date, valid_until date)
       ON CONFLICT (id) DO UPDATE SET certificate_no = EXCLUDED.certificate_no, name = EXCLUDED.name, department = EXCLUDED.department,
         certified_categories = EXCLUDED.certified_categories, status = EXCLUDED.status, valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
         changed_at = EXCLUDED.changed_at
       WHERE portal.officer.changed_at <= EXCLUDED.changed_at`,
      [JSON.stringify(rows), p.changedAt],
    );
  }

  /** Today in China by the injected clock: the day validity is measured against. */
  today(): string {
    return todayInShanghai(this.clock.now());
  }

  /**
   * Current holders (active or suspended), by department then 执法证号. Officers who left enforcement
   * (retired: certificate 注销) are not listed, but their card still answers, so an old badge can be checked.
   */
  async list(q: { department?: string; after?: string; limit?: number }): Promise<OfficerPage> {
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
    const params: unknown[] = [];
    const where = [`status <> 'retired'`];
    if (q.department) where.push(`department = $${params.push(q.department)}`);
    if (q.after) {
      const [d, c, id] = decodeCursor(q.after);
      where.push(`(department, certificate_no, id) > ($${params.push(d)}, $${params.push(c)}, $${params.push(id)})`);
    }
    const rows = (await this.db.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY department, certificate_no, id LIMIT ${limit + 1}`, params)) as Row[];
    const today = this.today();
    const page: OfficerPage = { items: rows.slice(0, limit).map((r) => toPublic(r, today)) };
    if (rows.length > limit) page.next = encodeCursor(rows[limit - 1]);
    return page;
  }

  /** Departments with current holders, and how many each has (the listing's filter). */
  async departments(): Promise<{ department: string; officers: number }[]> {
    const rows = (await this.db.query(`SELECT department, count(*)::int AS n FROM portal.officer WHERE status <> 'retired' GROUP BY department ORDER BY department`)) as { department: string; n: number }[];
    return rows.map((r) => ({ department: r.department, officers: r.n }));
  }

  async card(id: string): Promise<PublicOfficer> {
    const row = await this.findRow(id);
    if (!row) throw notFound('该执法人员不在公示名录中');
    return toPublic(row, this.today());
  }

  /** Verifies a 亮证 token and answers the verdict with the officer's current card. Never throws on a bad token. */
  async checkBadge(token: string | undefined): Promise<BadgeCheck> {
    const verification = await verifyBadge(token, this.badgeKey.key, this.clock.now());
    const today = this.today();
    const row = verification.outcome === 'forged' ? undefined : await this.findRow(verification.claims.officerId);
    const outcome = badgeOutcome(verification, row && { certificateNo: row.certificate_no, status: row.status, validFrom: row.valid_from, validUntil: row.valid_until }, today);
    return {
      ...outcome,
      verdictLabel: VERDICT_LABELS[outcome.verdict],
      ...(verification.outcome !== 'forged' ? { expiresAt: verification.expiresAt.toISOString() } : {}),
      ...(row ? { officer: toPublic(row, today) } : {}),
    };
  }

  private async findRow(id: string): Promise<Row | undefined> {
    // eslint-disable-next-line no-control-regex -- an id with control characters is not one planning issues (and PostgreSQL refuses NUL)
    if (id.length > 100 || /[\u0000-\u001f]/.test(id)) return undefined;
    const [row] = (await this.db.query(`${SELECT} WHERE id = $1`, [id])) as Row[];
    return row;
  }
}

function toPublic(r: Row, today: string): PublicOfficer {
  const standing = officerStanding({ status: r.status, validFrom: r.valid_from, validUntil: r.valid_until }, today);
  return {
    id: r.id,
    certificateNo: r.certificate_no,
    name: r.name,
    department: r.department,
    certifiedCategories: r.certified_categories,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    standing,
    standingLabel: STANDING_LABELS[standing],
    url: `/officers/${encodeURIComponent(r.id)}`,
  };
}
