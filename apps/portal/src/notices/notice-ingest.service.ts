import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  NoticeCorrected,
  NoticeExpired,
  NoticePublished,
  NoticeWithdrawn,
  type NoticeCorrectedPayload,
  type NoticePublishedPayload,
  type NoticeRemovedPayload,
} from '#contracts';
import { OnEvent, type EventContext } from '#messaging';
import { normalizeForSearch } from '../common/search-text.js';
import { guardNotice } from './personal-data-guard.js';
import { publicChangeReason } from './notice.view.js';

/**
 * One line of a notice's public version history (docs/portal.md "Version history"): events may
 * arrive in any order and more than once, so each version is written once, whatever comes later.
 * $1 notice, $2 version, $3 when, $4 the public reason.
 */
const RECORD_VERSION_SQL = `INSERT INTO portal.notice_history (notice_id, version, changed_at, reason) VALUES ($1, $2, $3, $4) ON CONFLICT (notice_id, version) DO NOTHING`;

/**
 * Feeds the notice read model. Each handler runs in the inbox transaction (a redelivered event
 * changes nothing) and applies a version only if it is newer than the one held, so events that
 * arrive out of order (published, corrected and withdrawn travel on different consumers) converge
 * on the latest version. A removal at version v beats a publication at the same version.
 */
@Injectable()
export class NoticeIngestService {
  private readonly logger = new Logger('NoticeIngest');

  // Two batches at once (docs/portal.md "Performance"): the upserts are guarded by the version and
  // the history lines written once per version, so the outcome does not depend on the order.
  @OnEvent(NoticePublished, { concurrency: 2 })
  async onPublished(payload: NoticePublishedPayload, ctx: EventContext): Promise<void> {
    await this.upsert(ctx.manager, payload, { at: new Date(payload.publishedAt), reason: null });
  }

  @OnEvent(NoticeCorrected, { concurrency: 2 })
  async onCorrected(payload: NoticeCorrectedPayload, ctx: EventContext): Promise<void> {
    // publishedAt stays the first publication's; the correction happened when publication sent it.
    await this.upsert(ctx.manager, payload, { at: new Date(ctx.envelope.occurredAt), reason: payload.reason });
  }

  @OnEvent(NoticeWithdrawn)
  async onWithdrawn(payload: NoticeRemovedPayload, ctx: EventContext): Promise<void> {
    await this.remove(ctx.manager, payload, 'withdrawn');
  }

  @OnEvent(NoticeExpired)
  async onExpired(payload: NoticeRemovedPayload, ctx: EventContext): Promise<void> {
    await this.remove(ctx.manager, payload, 'expired');
  }

  /**
   * Applies a published or corrected version, and writes its line of the version history
   * (RECORD_VERSION_SQL), in one statement: one round trip per event instead of two.
   */
  async upsert(manager: EntityManager, incoming: NoticePublishedPayload, history: { at: Date; reason: string | null }): Promise<void> {
    const { payload: p, masked } = guardNotice(withoutNul(incoming));
    if (masked) this.logger.warn(`notice ${p.noticeId} v${p.version} carried personal data; masked before publishing (fix the redaction upstream)`);
    const statsDate = p.kind === 'spot_check' ? (p.spotCheck?.inspectionDate ?? p.decisionDate) : p.decisionDate;
    // Both parts run whatever the other does (a data-modifying WITH always runs to completion): a
    // version that is not newer still gets its history line, exactly as two statements would.
    await manager.query(
      `WITH applied AS (INSERT INTO portal.notice AS n (id, version, kind, status, department, region, title, party_name, party_kind, credit_code,
         document_number, decision_date, stats_date, published_at, first_published_at, display_until, penalty_types, on_time,
         inspection_kind, channel, task_id, draw_id, items, outcome, fields, body, search_text, masked, removed_at, removal_reason, updated_at)
       VALUES ($1, $2, $3, 'public', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, NULL, NULL, now())
       ON CONFLICT (id) DO UPDATE SET
         version = EXCLUDED.version, kind = EXCLUDED.kind, department = EXCLUDED.department, region = EXCLUDED.region,
         title = EXCLUDED.title, party_name = EXCLUDED.party_name, party_kind = EXCLUDED.party_kind, credit_code = EXCLUDED.credit_code,
         document_number = EXCLUDED.document_number, decision_date = EXCLUDED.decision_date, stats_date = EXCLUDED.stats_date,
         published_at = EXCLUDED.published_at, first_published_at = coalesce(n.first_published_at, EXCLUDED.first_published_at),
         display_until = EXCLUDED.display_until, penalty_types = EXCLUDED.penalty_types, on_time = EXCLUDED.on_time,
         inspection_kind = EXCLUDED.inspection_kind, channel = EXCLUDED.channel, task_id = EXCLUDED.task_id, draw_id = EXCLUDED.draw_id,
         items = EXCLUDED.items, outcome = EXCLUDED.outcome, fields = EXCLUDED.fields, body = EXCLUDED.body,
         search_text = EXCLUDED.search_text, masked = EXCLUDED.masked, updated_at = now(),
         status = CASE WHEN n.version < EXCLUDED.version THEN 'public' ELSE n.status END,
         removed_at = CASE WHEN n.version < EXCLUDED.version THEN NULL ELSE n.removed_at END,
         removal_reason = CASE WHEN n.version < EXCLUDED.version THEN NULL ELSE n.removal_reason END
       WHERE n.version < EXCLUDED.version
          -- The removal of this very version overtook it: keep the removal, but fill in the content
          -- (statistics still count an expired notice in its year).
          OR (n.version = EXCLUDED.version AND n.published_at IS NULL)
       RETURNING 1)
       ${RECORD_VERSION_SQL.replace(/\$(\d)/g, (_, i: string) => `$${Number(i) + 26}`)}`,
      [
        p.noticeId, p.version, p.kind, p.department, p.region ?? null, p.title, p.partyName, p.partyKind ?? null, p.creditCode ?? null,
        p.documentNumber ?? null, p.decisionDate, statsDate, p.publishedAt, p.displayUntil ?? null, p.penaltyTypes ?? [], p.onTime ?? null,
        p.spotCheck?.inspectionKind ?? null, p.spotCheck?.channel ?? null, p.spotCheck?.taskId ?? null, p.spotCheck?.drawId ?? null,
        JSON.stringify(p.spotCheck?.items ?? []), p.spotCheck?.outcome ?? null, JSON.stringify(p.fields ?? {}), p.body,
        searchTextOf(p), masked,
        p.noticeId, p.version, history.at, history.reason === null ? null : publicChangeReason(history.reason),
      ],
    );
  }

  async remove(manager: EntityManager, p: NoticeRemovedPayload, status: 'withdrawn' | 'expired'): Promise<void> {
    // A removal may overtake its own publication: the tombstone then holds the version, and the
    // late publication (not newer) is ignored.
    await manager.query(
      `INSERT INTO portal.notice AS n (id, version, kind, status, department, removed_at, removal_reason, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, removed_at = EXCLUDED.removed_at,
         removal_reason = EXCLUDED.removal_reason, updated_at = now()
       WHERE n.version < EXCLUDED.version OR (n.version = EXCLUDED.version AND n.status = 'public')`,
      [p.noticeId, p.version, p.kind, status, p.department, p.at, p.reason],
    );
  }
}

/**
 * What a keyword search looks in: party name, document number, credit code, title, the content and
 * every published field (facts, legal basis, penalty content…), normalised. Region, department and
 * penalty type are filters, not keywords. Fields are joined by a
 * newline, which no term contains, so a match never spans two fields.
 */
export function searchTextOf(p: NoticePublishedPayload): string {
  const parts = [p.partyName, p.documentNumber, p.creditCode, p.title, p.spotCheck?.outcome, p.body];
  for (const value of Object.values(p.fields ?? {})) {
    const texts = Array.isArray(value) ? value : [value];
    for (const t of texts) if (typeof t === 'string' && t.length > 0 && !p.body.includes(t)) parts.push(t);
  }
  return normalizeForSearch(parts.filter((x): x is string => typeof x === 'string' && x.length > 0).join('\n'));
}

/**
 * The payload with every NUL removed from its strings. PostgreSQL can store NUL neither in text nor
 * in jsonb, so one NUL (publication refuses it on input, but an event already in the stream, or from
 * another producer, may carry one) would fail the handler on every delivery and send the notice to
 * the dead-letter stream unpublished. Other control characters are kept as published and removed where an output cannot carry them
 * (web/characters.ts).
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
}
