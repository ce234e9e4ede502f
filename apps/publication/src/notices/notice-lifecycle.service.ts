import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import {
  NoticeCorrected,
  NoticeExpired,
  NoticePublished,
  NoticeWithdrawn,
  type NoticePublishedPayload,
  type NoticeRemovedPayload,
  type ResultRecordedPayload,
} from '#contracts';
import {
  addMonthsClamped,
  assessMajorDecision,
  compareIsoDates,
  conflict,
  displayPeriod,
  isFinalState,
  LifecycleError,
  publicationDueDate,
  redactText,
  todayInShanghai,
  transition,
  withdrawalDueDate,
  type NoticeAction,
  type NoticeState,
  type PenaltyItem,
} from '#domain';
import { OutboxService } from '#messaging';
import { CalendarService } from '../common/calendar.service.js';
import { CLOCK, type Clock } from '#platform';
import { PUBLICATION_RULES, type PublicationRules } from '../common/publication-rules.js';
import type { Decision } from '../decisions/decision.entity.js';
import type { DecisionFacts, PenaltyFacts } from '../decisions/decision-facts.js';
import { buildDecisionNotice, buildSpotCheckNotice, targetPartyKind, type NoticeMeta } from './build-notice.js';
import { NoticeVersion } from './notice-version.entity.js';
import { Notice } from './notice.entity.js';

/** Rows per multi-row INSERT (a notice has about 45 columns; PostgreSQL takes 65,535 parameters). */
const INSERT_CHUNK = 200;

const BAN_TYPES = new Set(['限制从业', '限制开展生产经营活动', '吊销许可证件']);

/**
 * Every change of a notice's state, each inside the caller's transaction together with its outbox
 * event, so a state change and the event the portal hears about commit together or not at all.
 */
@Injectable()
export class NoticeLifecycle {
  constructor(
    private readonly outbox: OutboxService,
    private readonly calendar: CalendarService,
    @Inject(PUBLICATION_RULES) private readonly rules: PublicationRules,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /**
   * A draft notice for a publishable decision, with its legal deadline. A major penalty decision
   * waits for legal review (法制审核), except a historical record (`reviewRequired: false`), which
   * was published elsewhere already.
   */
  async createForDecision(m: EntityManager, decision: Decision, reviewRequired = true): Promise<Notice> {
    return m.save(this.draftForDecision(m, decision, reviewRequired));
  }

  /** The draft notice createForDecision saves, not yet saved (an import writes many at once: insertNew). */
  draftForDecision(m: EntityManager, decision: Decision, reviewRequired = true): Notice {
    const due = publicationDueDate(decision.kind, decision.decisionDate, this.calendar.calendar(), this.rules.deadlines);
    const notice = m.create(Notice, {
      id: randomUUID(),
      kind: decision.kind,
      department: decision.department,
      decisionId: decision.id,
      resultId: null,
      resultVersion: null,
      state: 'draft',
      version: 1,
      decisionDate: decision.decisionDate,
      dueFrom: decision.decisionDate,
      dueDate: due.date,
      dueProvisional: due.provisional,
      facts: decision.facts as unknown as Record<string, unknown>,
      payload: null,
      reviewReason: null,
      reviewedBy: null,
      reviewedAt: null,
    });
    this.applyReview(notice, decision.facts, reviewRequired);
    return notice;
  }

  /** Whether the facts make a major decision (重大执法决定), and why. */
  major(facts: DecisionFacts): { major: boolean; reasons: string[] } {
    if (facts.kind !== 'penalty') return { major: false, reasons: [] };
    return assessMajorDecision({ partyKind: facts.partyKind, penaltyTypes: facts.penaltyTypes, fineAmount: facts.fineAmount, marked: facts.major }, this.rules.majorDecisions);
  }

  /** New or changed facts of an unpublished notice: a major decision goes (back) to pending review. */
  private applyReview(notice: Notice, facts: DecisionFacts, reviewRequired: boolean): void {
    const { major, reasons } = this.major(facts);
    notice.majorReasons = reasons;
    notice.reviewState = major && reviewRequired ? 'pending' : null;
    notice.reviewedBy = null;
    notice.reviewedAt = null;
  }

  /** A major decision is published (or scheduled) only after its legal review approved it. */
  assertReviewed(notice: Notice): void {
    if (notice.reviewState === null || notice.reviewState === 'approved') return;
    const why = notice.majorReasons.length ? `（${notice.majorReasons.join('；')}）` : '';
    throw conflict(
      notice.reviewState === 'pending'
        ? `a major decision (重大执法决定${why}) cannot be published before legal review (法制审核): it is waiting for a legal reviewer's approval`
        : `a major decision (重大执法决定${why}) cannot be published: legal review (法制审核) rejected it (${notice.reviewReason ?? 'no reason'}); correct it and it goes back to review`,
    );
  }

  /** A draft notice for a confirmed inspection result: due 20 working days after it was confirmed. */
  async createForResult(m: EntityManager, result: ResultRecordedPayload): Promise<Notice> {
    const resultDate = todayInShanghai(new Date(result.confirmedAt));
    const due = publicationDueDate('spot-check-result', resultDate, this.calendar.calendar(), this.rules.deadlines);
    const notice = m.create(Notice, {
      id: randomUUID(),
      kind: 'spot_check',
      department: result.departments[0] ?? 'unknown',
      decisionId: null,
      resultId: result.resultId,
      resultVersion: result.resultVersion,
      state: 'draft',
      version: 1,
      decisionDate: result.inspectionDate,
      dueFrom: resultDate,
      dueDate: due.date,
      dueProvisional: due.provisional,
      facts: { ...result } as unknown as Record<string, unknown>,
      payload: null,
    });
    return m.save(notice);
  }

  /** Publishes a draft or scheduled notice as of `at` (a past instant for historical records). */
  async publish(m: EntityManager, notice: Notice, at: Date, by: string): Promise<Notice> {
    this.preparePublish(notice, at);
    await m.save(notice);
    await this.keepVersion(m, notice, null, by);
    await this.outbox.enqueue(m, NoticePublished, notice.payload!, at);
    return notice;
  }

  /** What publish changes in the notice, in memory (publish and insertNew write it). */
  preparePublish(notice: Notice, at: Date): void {
    notice.state = this.next(notice.state, 'publish');
    this.assertReviewed(notice);
    notice.publishedAt = at;
    notice.publishAt = null;
    notice.problem = null;
    notice.onTime = compareIsoDates(todayInShanghai(at), notice.dueDate) <= 0;
    this.applyDisplayPeriod(notice);
    notice.payload = this.build(notice);
  }

  /**
   * New notices (draftForDecision, published with preparePublish or not), written together: each
   * in its final state (a notice published at once is inserted published, as createForDecision then
   * publish leave it), the first version of each published one, and their events in order. Multi-row
   * statements: an import of thousands of decisions writes them in a few dozen round trips.
   */
  async insertNew(m: EntityManager, notices: Notice[], by: string): Promise<void> {
    const published = notices.filter((n) => n.state === 'published');
    for (let i = 0; i < notices.length; i += INSERT_CHUNK) await m.insert(Notice, notices.slice(i, i + INSERT_CHUNK) as QueryDeepPartialEntity<Notice>[]);
    const versions = published.map((n) => this.versionOf(n, null, by));
    for (let i = 0; i < versions.length; i += INSERT_CHUNK) await m.insert(NoticeVersion, versions.slice(i, i + INSERT_CHUNK) as QueryDeepPartialEntity<NoticeVersion>[]);
    await this.outbox.enqueueMany(m, NoticePublished, published.map((n) => n.payload!), published.map((n) => n.publishedAt!));
  }

  schedule(notice: Notice, publishAt: Date): void {
    notice.state = this.next(notice.state, 'schedule');
    this.assertReviewed(notice);
    notice.publishAt = publishAt;
  }

  unschedule(notice: Notice): void {
    notice.state = this.next(notice.state, 'unschedule');
    notice.publishAt = null;
  }

  /**
   * New facts for a notice. Before publication they simply replace the draft's; after it, the
   * notice gets a new version (the old one is kept) and the portal a `corrected` event.
   */
  async correct(m: EntityManager, notice: Notice, facts: Record<string, unknown>, reason: string, by: string): Promise<Notice> {
    if (notice.state === 'draft' || notice.state === 'scheduled') {
      notice.facts = facts;
      if (notice.kind !== 'spot_check') {
        const d = facts as unknown as DecisionFacts;
        notice.decisionDate = d.decisionDate;
        notice.dueFrom = d.decisionDate;
        const due = publicationDueDate(notice.kind, d.decisionDate, this.calendar.calendar(), this.rules.deadlines);
        notice.dueDate = due.date;
        notice.dueProvisional = due.provisional;
        // Changed facts of a decision under review (or rejected) are reviewed again; an approved
        // one that stays major too, since the reviewer approved other facts.
        this.applyReview(notice, d, true);
        if (notice.reviewState === 'pending' && notice.state === 'scheduled') {
          notice.state = this.next(notice.state, 'unschedule');
          notice.publishAt = null;
        }
      }
      return m.save(notice);
    }
    notice.state = this.next(notice.state, 'correct');
    notice.version += 1;
    notice.facts = facts;
    notice.decisionDate = notice.kind === 'spot_check' ? (facts as unknown as ResultRecordedPayload).inspectionDate : (facts as unknown as DecisionFacts).decisionDate;
    this.applyDisplayPeriod(notice);
    notice.payload = this.build(notice);
    await m.save(notice);
    const redactedReason = this.redactReason(notice, reason);
    await this.keepVersion(m, notice, reason, by);
    await this.outbox.enqueue(m, NoticeCorrected, { ...notice.payload, reason: redactedReason }, this.now());
    return notice;
  }

  /** The decision was revoked (撤销/撤回): the notice leaves the portal; due 3 working days after revocation. */
  async withdraw(m: EntityManager, notice: Notice, reason: string, revokedOn: string, by: string): Promise<Notice> {
    const at = this.now();
    notice.state = this.next(notice.state, 'withdraw');
    const due = withdrawalDueDate(revokedOn, this.calendar.calendar(), this.rules.deadlines);
    notice.revokedOn = revokedOn;
    notice.withdrawalDueDate = due.date;
    notice.withdrawalOnTime = compareIsoDates(todayInShanghai(at), due.date) <= 0;
    return this.end(m, notice, at, reason, NoticeWithdrawn, by);
  }

  /** The display period is over (公示期满). */
  async expire(m: EntityManager, notice: Notice, at: Date): Promise<Notice> {
    notice.state = this.next(notice.state, 'expire');
    return this.end(m, notice, at, `公示期满（公示截止期 ${notice.displayUntil}）`, NoticeExpired, 'scheduler');
  }

  /**
   * Early removal after a granted credit-repair request (信用修复), once the minimum period is over.
   * The portal hears `notice.expired` (the display ended early; the decision stands), with a reason
   * that starts with 信用修复.
   */
  async removeEarly(m: EntityManager, notice: Notice, reason: string, by: string): Promise<Notice> {
    const at = this.now();
    const today = todayInShanghai(at);
    if (notice.kind !== 'penalty') throw conflict('only penalty notices can be removed early (信用修复)');
    if (notice.earliestRemovalDate && compareIsoDates(today, notice.earliestRemovalDate) < 0) {
      throw conflict(`信用修复 is possible from ${notice.earliestRemovalDate}, after the minimum display period`);
    }
    notice.state = this.next(notice.state, 'remove_early');
    return this.end(m, notice, at, `信用修复：${reason}`, NoticeExpired, by);
  }

  /** Recomputes a provisional deadline (a new year's holidays may have been loaded since). */
  recomputeDue(notice: Notice): boolean {
    const kind = notice.kind === 'spot_check' ? 'spot-check-result' : notice.kind;
    const due = publicationDueDate(kind, notice.dueFrom, this.calendar.calendar(), this.rules.deadlines);
    const changed = due.date !== notice.dueDate || due.provisional !== notice.dueProvisional;
    notice.dueDate = due.date;
    notice.dueProvisional = due.provisional;
    return changed;
  }

  /** The notice as it would be published now, for legal review before publication. */
  preview(notice: Notice): NoticePublishedPayload {
    const copy = Object.assign(new Notice(), notice);
    const at = notice.publishedAt ?? this.now();
    copy.publishedAt = at;
    copy.onTime = notice.onTime ?? compareIsoDates(todayInShanghai(at), notice.dueDate) <= 0;
    this.applyDisplayPeriod(copy);
    return this.build(copy);
  }

  private async end(
    m: EntityManager,
    notice: Notice,
    at: Date,
    reason: string,
    event: typeof NoticeWithdrawn | typeof NoticeExpired,
    _by: string,
  ): Promise<Notice> {
    notice.endedAt = at;
    notice.endReason = reason;
    await m.save(notice);
    const payload: NoticeRemovedPayload = {
      noticeId: notice.id,
      version: notice.version,
      kind: notice.kind,
      department: notice.department,
      at: at.toISOString(),
      reason: this.redactReason(notice, reason),
    };
    await this.outbox.enqueue(m, event, payload, at);
    return notice;
  }

  private async keepVersion(m: EntityManager, notice: Notice, reason: string | null, by: string): Promise<void> {
    await m.save(this.versionOf(notice, reason, by));
  }

  private versionOf(notice: Notice, reason: string | null, by: string): NoticeVersion {
    return Object.assign(new NoticeVersion(), { noticeId: notice.id, version: notice.version, facts: notice.facts, payload: notice.payload!, reason, createdBy: by });
  }

  private next(state: NoticeState, action: NoticeAction): NoticeState {
    try {
      return transition(state, action);
    } catch (error) {
      if (error instanceof LifecycleError) {
        throw conflict(isFinalState(state) ? `the notice is ${state}: nothing can be done with it any more` : error.message);
      }
      throw error;
    }
  }

  private build(notice: Notice): NoticePublishedPayload {
    const meta: NoticeMeta = {
      noticeId: notice.id,
      version: notice.version,
      kind: notice.kind,
      department: notice.department,
      publishedAt: notice.publishedAt!,
      displayUntil: notice.displayUntil,
      onTime: notice.onTime ?? false,
    };
    return notice.kind === 'spot_check'
      ? buildSpotCheckNotice(meta, notice.facts as unknown as ResultRecordedPayload)
      : buildDecisionNotice(meta, notice.facts as unknown as DecisionFacts);
  }

  /** 公示截止期 and the earliest 信用修复 date, counted from the (first) publication date. */
  private applyDisplayPeriod(notice: Notice): void {
    const start = todayInShanghai(notice.publishedAt!);
    if (notice.kind === 'penalty') {
      const p = notice.facts as unknown as PenaltyFacts;
      const period = displayPeriod(
        {
          partyKind: p.partyKind,
          startDate: start,
          serious: p.serious ?? false,
          penalties: p.penaltyTypes.map((type): PenaltyItem => ({
            type,
            ...(type === '罚款' ? { fineYuan: Math.round(Number(p.fineAmount ?? '0') * 1_000_000) / 100 } : {}),
            ...(BAN_TYPES.has(type) && (p.lifetimeRestriction || p.restrictionMonths)
              ? { restrictionMonths: p.lifetimeRestriction ? ('life' as const) : p.restrictionMonths }
              : {}),
          })),
        },
        this.rules.displayPeriods,
      );
      notice.displayUntil = p.displayUntil ?? period.endDate;
      notice.earliestRemovalDate = period.earliestEarlyRemovalDate;
      return;
    }
    const months = notice.kind === 'licence' ? this.rules.licenceDisplayMonths : this.rules.spotCheckDisplayMonths;
    notice.displayUntil = months === null ? null : addMonthsClamped(start, months);
    notice.earliestRemovalDate = null;
  }

  /** Reasons are officers' free text: they may name the party or someone else, so they are redacted too. */
  private redactReason(notice: Notice, reason: string): string {
    if (notice.kind === 'spot_check') {
      const r = notice.facts as unknown as ResultRecordedPayload;
      const natural = targetPartyKind(r.targetKind) === '自然人';
      return redactText(reason, { personNames: natural ? [r.targetName] : [], addresses: natural });
    }
    const f = notice.facts as unknown as DecisionFacts;
    const natural = f.partyKind === '自然人';
    const names = [...(f.otherPersons ?? []), ...(natural ? [f.partyName, f.legalRepresentative ?? ''] : [])];
    return redactText(reason, { personNames: names, addresses: natural });
  }
}
