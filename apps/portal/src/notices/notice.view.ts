import { normalizeForSearch } from '../common/search-text.js';

export const KIND_LABELS: Record<string, string> = { licence: '行政许可', penalty: '行政处罚', spot_check: '抽查结果' };
export const INSPECTION_KIND_LABELS: Record<string, string> = { random: '双随机抽查', immediate: '即时检查' };

/** A row as the queries select it (snake_case, dates as text). */
export interface NoticeRow {
  id: string;
  version: number;
  kind: string;
  title: string;
  party_name: string;
  party_kind: string | null;
  credit_code: string | null;
  document_number: string | null;
  decision_date: string | null;
  published_at: Date;
  display_until: string | null;
  department: string;
  region: string | null;
  penalty_types: string[];
  inspection_kind: string | null;
  outcome: string | null;
  body: string;
  channel?: string | null;
  task_id?: string | null;
  draw_id?: string | null;
  items?: { code: string; name: string; version: number }[];
  inspection_date_text?: string | null;
  fields?: Record<string, unknown>;
  status?: string;
  updated_at?: Date;
  first_published_at?: Date | null;
  score?: number;
}

/** A notice in a result list (JSON API and pages). */
export interface NoticeSummary {
  id: string;
  url: string;
  kind: string;
  kindLabel: string;
  title: string;
  partyName: string;
  creditCode: string | null;
  documentNumber: string | null;
  decisionDate: string | null;
  publishedAt: string;
  department: string;
  region: string | null;
  penaltyTypes: string[];
  inspectionKind: string | null;
  outcome: string | null;
  /** Up to ~120 characters of the content around the first keyword. */
  snippet: string;
}

/** One line of a notice's version history: the date in China, and what changed ("首次公示", "整改复查：整改到位"). */
export interface NoticeHistoryLine {
  version: number;
  date: string;
  change: string;
}

export interface NoticeDetail extends Omit<NoticeSummary, 'snippet'> {
  version: number;
  partyKind: string | null;
  displayUntil: string | null;
  spotCheck: { inspectionKind: string | null; channel: string | null; taskId: string | null; drawId: string | null; items: { code: string; name: string }[]; outcome: string | null; inspectionDate: string | null } | null;
  /** Every published field of the 双公示 standard, by its Chinese name. */
  fields: Record<string, unknown>;
  body: string;
  updatedAt: string | null;
  /** Every published version the portal has heard of, oldest first (empty for notices older than the history). */
  history: NoticeHistoryLine[];
}

export function noticeUrl(id: string): string {
  return `/notices/${encodeURIComponent(id)}`;
}

/** The part of `body` around the first term, or its beginning. */
export function snippetOf(body: string, terms: string[], length = 120): string {
  const folded = terms.length ? normalizeForSearch(body) : body;
  let at = -1;
  for (const t of terms) {
    const i = folded.indexOf(t);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  // NFKC may change lengths (rare ligatures); positions are then only approximate, which a snippet tolerates.
  const start = at > 30 ? at - 30 : 0;
  const text = body.slice(start, start + length);
  return (start > 0 ? '…' : '') + text + (start + length < body.length ? '…' : '');
}

export function toSummary(r: NoticeRow, terms: string[] = []): NoticeSummary {
  return {
    id: r.id,
    url: noticeUrl(r.id),
    kind: r.kind,
    kindLabel: KIND_LABELS[r.kind] ?? r.kind,
    title: r.title,
    partyName: r.party_name,
    creditCode: r.credit_code,
    documentNumber: r.document_number,
    decisionDate: r.decision_date,
    publishedAt: new Date(r.published_at).toISOString(),
    department: r.department,
    region: r.region,
    penaltyTypes: r.penalty_types ?? [],
    inspectionKind: r.inspection_kind,
    outcome: r.outcome,
    snippet: snippetOf(r.body ?? '', terms),
  };
}

/**
 * What the public learns of why a notice changed: the kind of change, never the officer's free text,
 * which may name a person (a 个体工商户's operator, a witness). A follow-up keeps its outcome.
 */
export function publicChangeReason(reason: string): string {
  const followUp = /^整改复查：(整改到位|逾期未整改)/.exec(reason);
  if (!followUp) return '更正';
  return reason.length > followUp[0].length ? `整改复查：${followUp[1]}（复查结果更正）` : `整改复查：${followUp[1]}`;
}

export function toHistory(rows: { version: number; date: string; reason: string | null }[]): NoticeHistoryLine[] {
  return rows.map((h) => ({ version: h.version, date: h.date, change: h.version === 1 && h.reason === null ? '首次公示' : (h.reason ?? '更正') }));
}

export function toDetail(r: NoticeRow, history: NoticeHistoryLine[] = []): NoticeDetail {
  const { snippet: _s, ...summary } = toSummary(r);
  return {
    ...summary,
    version: r.version,
    partyKind: r.party_kind,
    displayUntil: r.display_until,
    spotCheck:
      r.kind === 'spot_check'
        ? {
            inspectionKind: r.inspection_kind,
            channel: r.channel ?? null,
            taskId: r.task_id ?? null,
            drawId: r.draw_id ?? null,
            items: (r.items ?? []).map((i) => ({ code: i.code, name: i.name })),
            outcome: r.outcome,
            inspectionDate: r.inspection_date_text ?? null,
          }
        : null,
    fields: r.fields ?? {},
    body: r.body,
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
    history,
  };
}
