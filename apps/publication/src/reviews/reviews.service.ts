import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { conflict, forbidden, notFound } from '#domain';
import { Decision } from '../decisions/decision.entity.js';
import { NoticeLifecycle } from '../notices/notice-lifecycle.service.js';
import { Notice, type ReviewState } from '../notices/notice.entity.js';
import { reviewView, type ReviewView } from '../notices/notices.service.js';

/** One major decision in the legal reviewers' list. */
export interface ReviewItem {
  decisionId: string;
  noticeId: string;
  department: string;
  documentNumber: string;
  partyName: string;
  decisionDate: string;
  dueDate: string;
  noticeState: string;
  /** The officer who recorded the decision (may not review it). */
  recordedBy: string;
  review: ReviewView;
}

type Guard = (department: string) => void;

/**
 * Legal review (法制审核) of major decisions (重大执法决定): a legal reviewer who did not record the
 * decision approves it, or rejects it with a reason, which returns it to the officer. The notice's
 * deadline keeps running meanwhile.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: NoticeLifecycle,
  ) {}

  async list(q: { department?: string; state: ReviewState; limit: number; offset: number }): Promise<{ total: number; items: ReviewItem[] }> {
    const qb = this.dataSource.getRepository(Notice).createQueryBuilder('n').where('n.review_state = :state', { state: q.state }).andWhere('n.decision_id IS NOT NULL');
    if (q.department) qb.andWhere('n.department = :department', { department: q.department });
    const [rows, total] = await qb.orderBy('n.due_date', 'ASC').addOrderBy('n.id').take(q.limit).skip(q.offset).getManyAndCount();
    const decisions = rows.length ? await this.dataSource.getRepository(Decision).createQueryBuilder('d').where('d.id IN (:...ids)', { ids: rows.map((r) => r.decisionId) }).getMany() : [];
    const byId = new Map(decisions.map((d) => [d.id, d]));
    return {
      total,
      items: rows.map((n) => {
        const d = byId.get(n.decisionId!)!;
        return {
          decisionId: d.id,
          noticeId: n.id,
          department: n.department,
          documentNumber: d.documentNumber,
          partyName: d.partyName,
          decisionDate: d.decisionDate,
          dueDate: n.dueDate,
          noticeState: n.state,
          recordedBy: d.createdBy,
          review: reviewView(n)!,
        };
      }),
    };
  }

  approve(decisionId: string, reviewer: string, canReview: Guard): Promise<ReviewView> {
    return this.decide(decisionId, reviewer, canReview, 'approved', null);
  }

  reject(decisionId: string, reviewer: string, reason: string, canReview: Guard): Promise<ReviewView> {
    return this.decide(decisionId, reviewer, canReview, 'rejected', reason);
  }

  private async decide(decisionId: string, reviewer: string, canReview: Guard, outcome: 'approved' | 'rejected', reason: string | null): Promise<ReviewView> {
    const notice = await this.dataSource.transaction(async (m) => {
      const decision = await m.findOne(Decision, { where: { id: decisionId } });
      if (!decision) throw notFound(`no decision ${decisionId}`);
      canReview(decision.department);
      if (decision.createdBy === reviewer) throw forbidden('the officer who recorded a decision cannot review it: another legal reviewer must (法制审核)');
      const n = await m.findOne(Notice, { where: { decisionId }, lock: { mode: 'pessimistic_write' } });
      if (!n || n.reviewState === null) throw conflict(`decision ${decisionId} is not a major decision waiting for legal review`);
      if (n.reviewState !== 'pending') throw conflict(`the legal review of decision ${decisionId} is ${n.reviewState} already${n.reviewState === 'rejected' ? ': the officer corrects it and it comes back' : ''}`);
      n.reviewState = outcome;
      n.reviewReason = reason;
      n.reviewedBy = reviewer;
      n.reviewedAt = this.lifecycle.now();
      return m.save(n);
    });
    return reviewView(notice)!;
  }
}
