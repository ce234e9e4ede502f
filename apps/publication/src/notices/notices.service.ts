import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NoticeKind, NoticePublishedPayload } from '#contracts';
import { compareIsoDates, invalid, isIsoDate, notFound, todayInShanghai, type NoticeState } from '#domain';
import { NoticeLifecycle } from './notice-lifecycle.service.js';
import { NoticeVersion } from './notice-version.entity.js';
import { Notice, type ReviewState } from './notice.entity.js';

/** A notice as officers see it: lifecycle, deadlines and the redacted payload. */
export interface NoticeView {
  id: string;
  kind: NoticeKind;
  department: string;
  state: NoticeState;
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
  withdrawalOnTime: boolean | null;
  problem: string | null;
  /** Legal review (法制审核) of a major decision; null when none is needed. */
  review: ReviewView | null;
  payload: NoticePublishedPayload | null;
  versions?: { version: number; reason: string | null; createdAt: string; createdBy: string; payload: NoticePublishedPayload }[];
}

/** Where the legal review (法制审核) of a major decision stands. */
export interface ReviewView {
  state: ReviewState;
  /** Why the decision is major. */
  majorReasons: string[];
  /** The reviewer's reason, after a rejection. */
  reason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export function reviewView(n: Notice): ReviewView | null {
  if (n.reviewState === null) return null;
  return { state: n.reviewState, majorReasons: n.majorReasons, reason: n.reviewReason, reviewedBy: n.reviewedBy, reviewedAt: n.reviewedAt?.toISOString() ?? null };
}

type Guard = (department: string) => void;

@Injectable()
export class NoticesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: NoticeLifecycle,
  ) {}

  async get(id: string, canRead: Guard): Promise<NoticeView> {
    const notice = await this.dataSource.getRepository(Notice).findOneBy({ id });
    if (!notice) throw notFound(`no notice ${id}`);
    canRead(notice.department);
    const versions = await this.dataSource.getRepository(NoticeVersion).find({ where: { noticeId: id }, order: { version: 'ASC' } });
    return {
      ...toView(notice),
      versions: versions.map((v) => ({ version: v.version, reason: v.reason, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy, payload: v.payload })),
    };
  }

  async list(q: { department?: string; kind?: NoticeKind; state?: NoticeState; limit: number; offset: number }): Promise<{ total: number; items: NoticeView[] }> {
    const qb = this.dataSource.getRepository(Notice).createQueryBuilder('n');
    if (q.department) qb.andWhere('n.department = :department', { department: q.department });
    if (q.kind) qb.andWhere('n.kind = :kind', { kind: q.kind });
    if (q.state) qb.andWhere('n.state = :state', { state: q.state });
    const [rows, total] = await qb.orderBy('n.due_date', 'DESC').addOrderBy('n.id').take(q.limit).skip(q.offset).getManyAndCount();
    return { total, items: rows.map(toView) };
  }

  /** The notice exactly as it would go out now (legal review before publishing). */
  async preview(id: string, canRead: Guard): Promise<NoticePublishedPayload> {
    const notice = await this.dataSource.getRepository(Notice).findOneBy({ id });
    if (!notice) throw notFound(`no notice ${id}`);
    canRead(notice.department);
    return notice.payload && notice.state !== 'draft' && notice.state !== 'scheduled' ? notice.payload : this.lifecycle.preview(notice);
  }

  publish(id: string, canWrite: Guard, by: string): Promise<NoticeView> {
    return this.act(id, canWrite, (m, n) => this.lifecycle.publish(m, n, this.lifecycle.now(), by));
  }

  schedule(id: string, publishAt: Date, canWrite: Guard): Promise<NoticeView> {
    if (publishAt.getTime() <= this.lifecycle.now().getTime()) throw invalid('publishAt must be in the future: publish it now instead');
    return this.act(id, canWrite, async (m, n) => {
      this.lifecycle.schedule(n, publishAt);
      return m.save(n);
    });
  }

  unschedule(id: string, canWrite: Guard): Promise<NoticeView> {
    return this.act(id, canWrite, async (m, n) => {
      this.lifecycle.unschedule(n);
      return m.save(n);
    });
  }

  withdraw(id: string, reason: string, revokedOn: string | undefined, canWrite: Guard, by: string): Promise<NoticeView> {
    const today = todayInShanghai(this.lifecycle.now());
    const revoked = revokedOn ?? today;
    if (!isIsoDate(revoked)) throw invalid(`revokedOn ${revoked} is not a real calendar date`);
    if (compareIsoDates(revoked, today) > 0) throw invalid('revokedOn is in the future');
    return this.act(id, canWrite, (m, n) => this.lifecycle.withdraw(m, n, reason, revoked, by));
  }

  removeEarly(id: string, reason: string, canWrite: Guard, by: string): Promise<NoticeView> {
    return this.act(id, canWrite, (m, n) => this.lifecycle.removeEarly(m, n, reason, by));
  }

  /** Locks the notice row for the whole change, so two officers (or an officer and the scheduler) never both act on it. */
  private async act(id: string, canWrite: Guard, change: (m: EntityManager, notice: Notice) => Promise<Notice>): Promise<NoticeView> {
    const notice = await this.dataSource.transaction(async (m) => {
      const n = await m.findOne(Notice, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!n) throw notFound(`no notice ${id}`);
      canWrite(n.department);
      return change(m, n);
    });
    return toView(notice);
  }
}

export function toView(n: Notice): NoticeView {
  return {
    id: n.id,
    kind: n.kind,
    department: n.department,
    state: n.state,
    version: n.version,
    decisionId: n.decisionId,
    resultId: n.resultId,
    decisionDate: n.decisionDate,
    dueDate: n.dueDate,
    dueProvisional: n.dueProvisional,
    publishAt: n.publishAt?.toISOString() ?? null,
    publishedAt: n.publishedAt?.toISOString() ?? null,
    onTime: n.onTime,
    displayUntil: n.displayUntil,
    earliestRemovalDate: n.earliestRemovalDate,
    endedAt: n.endedAt?.toISOString() ?? null,
    endReason: n.endReason,
    withdrawalDueDate: n.withdrawalDueDate,
    withdrawalOnTime: n.withdrawalOnTime,
    problem: n.problem,
    review: reviewView(n),
    payload: n.payload,
  };
}
