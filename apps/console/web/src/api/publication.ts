/**
 * Publication's API through the console (/api/publication/…): decisions (双公示 entry), notices,
 * legal review (法制审核) and the deadline dashboard. Field names follow apps/publication/src DTOs.
 */
import { get, post, put, request, withQuery, type Page } from './http';

const BASE = '/api/publication';

export const PARTY_KINDS = ['法人及非法人组织', '个体工商户', '自然人'] as const;
export const PENALTY_TYPES = ['警告', '通报批评', '罚款', '没收违法所得', '没收非法财物', '暂扣许可证件', '降低资质等级', '吊销许可证件', '限制开展生产经营活动', '责令停产停业', '责令关闭', '限制从业', '行政拘留', '其他'] as const;
export const PENALTY_PROCEDURES = ['普通程序', '简易程序'] as const;
export const LICENCE_CATEGORIES = ['普通', '特许', '认可', '核准', '登记', '其他'] as const;
export const NOTICE_KIND_LABELS: Record<string, string> = { licence: '行政许可', penalty: '行政处罚', spot_check: '抽查结果' };
export const NOTICE_STATE_LABELS: Record<string, string> = {
  draft: '草稿', scheduled: '定时发布', published: '已公示', corrected: '已更正', withdrawn: '已撤回', expired: '已到期', removed_early: '信用修复提前移除',
};
export const REVIEW_STATE_LABELS: Record<string, string> = { pending: '待审核', approved: '审核通过', rejected: '已退回' };

/** DecisionBaseDto. */
export interface DecisionBaseInput {
  department?: string;
  partyName: string;
  partyKind: string;
  partyCreditCode?: string;
  partyIdNumber?: string;
  legalRepresentative?: string;
  otherPersons?: string[];
  partyIsMinor?: boolean;
  involvesStateSecret?: boolean;
  involvesCommercialSecret?: boolean;
  involvesPersonalPrivacy?: boolean;
  endangersSecurity?: boolean;
  documentNumber: string;
  decisionDate: string;
  authority: string;
  authorityCreditCode: string;
  dataSource?: string;
  dataSourceCreditCode?: string;
  remarks?: string;
  region?: string;
  publish?: 'draft' | 'now';
}

/** PenaltyDecisionDto. */
export interface PenaltyInput extends DecisionBaseInput {
  violationType: string;
  violationFacts: string;
  legalBasis: string;
  penaltyTypes: string[];
  penaltyContent: string;
  fineAmount?: string;
  confiscatedAmount?: string;
  suspendedOrRevokedLicence?: string;
  penaltyValidUntil?: string;
  displayUntil?: string;
  procedure: string;
  restrictionMonths?: number;
  lifetimeRestriction?: boolean;
  serious?: boolean;
  major?: boolean;
}

/** LicenceDecisionDto. */
export interface LicenceInput extends DecisionBaseInput {
  documentName: string;
  licenceCategory: string;
  certificateName?: string;
  licenceNumber?: string;
  licenceContent: string;
  validFrom: string;
  validUntil?: string;
  status?: '有效' | '无效';
}

export interface ReviewView {
  state: 'pending' | 'approved' | 'rejected';
  majorReasons: string[];
  reason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface DecisionView {
  id: string;
  kind: 'licence' | 'penalty';
  department: string;
  documentNumber: string;
  decisionDate: string;
  publishable: boolean;
  nonPublicationReasons: { code: string; text: string }[];
  /** The original (unredacted) facts: GET /decisions/:id only. */
  facts?: (PenaltyInput | LicenceInput) & { kind: 'licence' | 'penalty' };
  notice: { id: string; state: string; version: number; dueDate: string; dueProvisional: boolean; publishedAt: string | null; onTime: boolean | null; review: ReviewView | null } | null;
}

/** NoticePublishedPayload: what the portal shows (redacted). */
export interface PublicNotice {
  noticeId: string;
  version: number;
  kind: string;
  department: string;
  region?: string;
  title: string;
  partyName: string;
  partyKind?: string;
  creditCode?: string;
  documentNumber?: string;
  decisionDate: string;
  publishedAt: string;
  displayUntil?: string;
  penaltyTypes?: string[];
  fields: Record<string, string | number | boolean | string[] | null>;
  body: string;
}

export interface NoticeView {
  id: string;
  kind: string;
  department: string;
  state: string;
  version: number;
  decisionId: string | null;
  resultId: string | null;
  decisionDate: string;
  dueDate: string;
  dueProvisional: boolean;
  publishAt: string | null;
  publishedAt: string | null;
  onTime: boolean | null;
  displayUntil: string | null;
  earliestRemovalDate: string | null;
  endedAt: string | null;
  endReason: string | null;
  withdrawalDueDate: string | null;
  problem: string | null;
  review: ReviewView | null;
  payload: PublicNotice | null;
}

export interface ReviewItem {
  decisionId: string;
  noticeId: string;
  department: string;
  documentNumber: string;
  partyName: string;
  decisionDate: string;
  dueDate: string;
  noticeState: string;
  recordedBy: string;
  review: ReviewView;
}

export interface DeadlineItem {
  noticeId: string;
  kind: string;
  department: string;
  state: string;
  label: string;
  decisionDate: string;
  dueDate: string;
  dueProvisional: boolean;
  workingDays: number;
  problem: string | null;
}

export interface Deadlines {
  today: string;
  dueSoonUntil: string;
  dueSoon: DeadlineItem[];
  overdue: DeadlineItem[];
}

export interface DecisionImportReport {
  kind: 'licence' | 'penalty';
  department: string;
  dryRun: boolean;
  rows: number;
  recorded: number;
  published: number;
  drafts: number;
  notPublished: { row: number; documentNumber: string; reasons: string[] }[];
  decisionIds: string[];
}

export const publicationApi = {
  /** Bulk import of decisions (all or nothing; a 400 carries details.errors = [{row, column, message}]). */
  importDecisions: (kind: 'licence' | 'penalty', file: File, options: { dryRun: boolean; publish: 'draft' | 'now' }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<DecisionImportReport>('POST', withQuery(`${BASE}/decisions/import`, { kind, dryRun: options.dryRun, publish: options.publish }), { form });
  },
  importTemplateHref: (kind: 'licence' | 'penalty') => `${BASE}/decisions/import/template?kind=${kind}`,
  createPenalty: (body: PenaltyInput) => post<DecisionView>(`${BASE}/decisions/penalties`, body),
  createLicence: (body: LicenceInput) => post<DecisionView>(`${BASE}/decisions/licences`, body),
  decision: (id: string) => get<DecisionView>(`${BASE}/decisions/${encodeURIComponent(id)}`),
  /** 更正: the whole corrected decision and why; a published notice gets a new version. */
  correct: (kind: 'penalty' | 'licence', id: string, body: (PenaltyInput | LicenceInput) & { correctionReason: string }) =>
    put<DecisionView>(`${BASE}/decisions/${kind === 'penalty' ? 'penalties' : 'licences'}/${encodeURIComponent(id)}`, body),

  notices: (q: { kind?: string; state?: string; department?: string; limit: number; offset: number }) => get<Page<NoticeView>>(`${BASE}/notices`, { ...q }),
  notice: (id: string) => get<NoticeView>(`${BASE}/notices/${encodeURIComponent(id)}`),
  preview: (id: string) => get<PublicNotice>(`${BASE}/notices/${encodeURIComponent(id)}/preview`),
  publish: (id: string) => post<NoticeView>(`${BASE}/notices/${encodeURIComponent(id)}/publish`),
  withdraw: (id: string, reason: string, revokedOn?: string) => post<NoticeView>(`${BASE}/notices/${encodeURIComponent(id)}/withdraw`, { reason, ...(revokedOn ? { revokedOn } : {}) }),

  removeEarly: (id: string, reason: string) => post<NoticeView>(`${BASE}/notices/${encodeURIComponent(id)}/remove-early`, { reason }),
  reviews: (q: { state?: string; limit: number; offset: number }) => get<Page<ReviewItem>>(`${BASE}/reviews`, { ...q }),
  approve: (decisionId: string) => post<ReviewView>(`${BASE}/decisions/${encodeURIComponent(decisionId)}/review/approve`),
  reject: (decisionId: string, reason: string) => post<ReviewView>(`${BASE}/decisions/${encodeURIComponent(decisionId)}/review/reject`, { reason }),

  deadlines: (withinWorkingDays?: number) => get<Deadlines>(`${BASE}/dashboard/deadlines`, { withinWorkingDays }),
};

export interface RateRow {
  department: string;
  year: number;
  kind: string;
  published: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  onTimeRate: number | null;
}

export const dashboardApi = {
  onTimeRate: (year?: number) => get<{ year: number; today: string; rows: RateRow[] }>(`${BASE}/dashboard/on-time-rate`, { year }),
};
