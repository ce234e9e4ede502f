import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assessPublishability, conflict, invalid, notFound, NON_PUBLICATION_REASON_TEXT, todayInShanghai, type NonPublicationReason } from '#domain';
import { NoticeLifecycle } from '../notices/notice-lifecycle.service.js';
import { Notice } from '../notices/notice.entity.js';
import { reviewView, type ReviewView } from '../notices/notices.service.js';
import { checkDecision, type CheckedDecision, type Problem } from './check-decision.js';
import type { DecisionFacts, DecisionKind } from './decision-facts.js';
import { Decision } from './decision.entity.js';
import type { LicenceDecisionDto } from './dto/licence-decision.dto.js';
import type { PenaltyDecisionDto } from './dto/penalty-decision.dto.js';

/** What an officer gets back for a recorded decision. */
export interface DecisionView {
  id: string;
  kind: DecisionKind;
  department: string;
  documentNumber: string;
  decisionDate: string;
  publishable: boolean;
  /** Why it is not published, in the officer's words (empty when publishable). */
  nonPublicationReasons: { code: string; text: string }[];
  notice: {
    id: string;
    state: string;
    version: number;
    dueDate: string;
    dueProvisional: boolean;
    publishedAt: string | null;
    onTime: boolean | null;
    /** Legal review (法制审核) of a major decision; null when none is needed. */
    review: ReviewView | null;
  } | null;
  facts?: DecisionFacts;
}

@Injectable()
export class DecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: NoticeLifecycle,
  ) {}

  today(): string {
    return todayInShanghai(this.lifecycle.now());
  }

  /** Validates one decision; throws 400 listing every problem. */
  check(kind: DecisionKind, dto: LicenceDecisionDto | PenaltyDecisionDto): CheckedDecision {
    const { problems, checked } = kind === 'licence' ? checkDecision('licence', dto as LicenceDecisionDto, this.today()) : checkDecision('penalty', dto as PenaltyDecisionDto, this.today());
    if (!checked) throw invalid(describeProblems(problems), { problems });
    return checked;
  }

  async create(kind: DecisionKind, dto: LicenceDecisionDto | PenaltyDecisionDto, department: string, by: string): Promise<DecisionView> {
    const checked = this.check(kind, dto);
    const { decision } = await this.dataSource.transaction(async (m) => {
      await this.assertNewDocumentNumber(m, kind, department, checked.facts.documentNumber);
      return this.record(m, checked, department, by);
    });
    return this.view(decision.id, true);
  }

  /**
   * Records one checked decision in the caller's transaction: the decision, and for a publishable
   * one its notice (draft, or published at once / as of its historical 公示日期).
   */
  async record(m: EntityManager, checked: CheckedDecision, department: string, by: string): Promise<{ decision: Decision; notice: Notice | null }> {
    const { decision, publishable } = this.decisionOf(m, checked, department, by);
    await m.insert(Decision, decision);
    if (!publishable) return { decision, notice: null };
    let notice = await this.lifecycle.createForDecision(m, decision, !checked.publishedOn);
    if (checked.publish === 'now') notice = await this.lifecycle.publish(m, notice, this.publicationInstant(checked.publishedOn), by);
    return { decision, notice };
  }

  /**
   * Records many checked decisions in the caller's transaction, as `record` records each (the same
   * decisions, notices, versions and events, in the same order), with multi-row statements: the
   * import's way. Decisions published at once share the import's instant.
   */
  async recordMany(m: EntityManager, checked: CheckedDecision[], department: string, by: string): Promise<{ decision: Decision; notice: Notice | null }[]> {
    const now = this.lifecycle.now();
    const recorded: { decision: Decision; notice: Notice | null }[] = [];
    for (const [i, c] of checked.entries()) {
      // Building and redacting a notice is CPU work: a turn for the event loop every 100 decisions.
      if (i > 0 && i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      const { decision, publishable } = this.decisionOf(m, c, department, by);
      if (!publishable) {
        recorded.push({ decision, notice: null });
        continue;
      }
      const notice = this.lifecycle.draftForDecision(m, decision, !c.publishedOn);
      if (c.publish === 'now') this.lifecycle.preparePublish(notice, c.publishedOn ? this.publicationInstant(c.publishedOn) : now);
      recorded.push({ decision, notice });
    }
    const decisions = recorded.map((r) => r.decision);
    for (let i = 0; i < decisions.length; i += 500) await m.insert(Decision, decisions.slice(i, i + 500));
    await this.lifecycle.insertNew(m, recorded.flatMap((r) => (r.notice ? [r.notice] : [])), by);
    return recorded;
  }

  /** The decision entity of a checked decision (not yet written), and whether it may be published. */
  private decisionOf(m: EntityManager, checked: CheckedDecision, department: string, by: string): { decision: Decision; publishable: boolean } {
    const { facts } = checked;
    const assessment = this.assess(facts);
    const decision = m.create(Decision, {
      id: randomUUID(),
      kind: facts.kind,
      department,
      documentNumber: facts.documentNumber,
      partyName: facts.partyName,
      decisionDate: facts.decisionDate,
      facts,
      publishable: assessment.publishable,
      nonPublicationReasons: assessment.reasons,
      createdBy: by,
    });
    return { decision, publishable: assessment.publishable };
  }

  /** Replaces a decision's facts (更正): the notice gets a new version, the old one is kept. */
  async correct(id: string, kind: DecisionKind, dto: (LicenceDecisionDto | PenaltyDecisionDto) & { correctionReason: string }, canWrite: (department: string) => void, by: string): Promise<DecisionView> {
    const checked = this.check(kind, dto);
    await this.dataSource.transaction(async (m) => {
      const decision = await m.findOne(Decision, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!decision) throw notFound(`no decision ${id}`);
      canWrite(decision.department);
      if (decision.kind !== kind) throw conflict(`decision ${id} is a ${decision.kind} decision, not a ${kind} decision`);
      if (checked.facts.documentNumber !== decision.documentNumber) {
        await this.assertNewDocumentNumber(m, kind, decision.department, checked.facts.documentNumber);
      }
      const assessment = this.assess(checked.facts);
      const notice = await m.findOne(Notice, { where: { decisionId: id }, lock: { mode: 'pessimistic_write' } });
      if (notice && !assessment.publishable) {
        if (notice.state !== 'draft' && notice.state !== 'scheduled') {
          throw conflict(`the corrected decision may not be published (${assessment.reasons.join(', ')}): withdraw the notice instead`);
        }
        await m.delete(Notice, { id: notice.id });
      }
      Object.assign(decision, {
        facts: checked.facts,
        documentNumber: checked.facts.documentNumber,
        partyName: checked.facts.partyName,
        decisionDate: checked.facts.decisionDate,
        publishable: assessment.publishable,
        nonPublicationReasons: assessment.reasons,
      });
      await m.save(decision);
      if (notice && assessment.publishable) {
        await this.lifecycle.correct(m, notice, checked.facts as unknown as Record<string, unknown>, dto.correctionReason, by);
      } else if (!notice && assessment.publishable) {
        await this.lifecycle.createForDecision(m, decision);
      }
    });
    return this.view(id, true);
  }

  async view(id: string, withFacts: boolean): Promise<DecisionView> {
    const decision = await this.dataSource.getRepository(Decision).findOneBy({ id });
    if (!decision) throw notFound(`no decision ${id}`);
    const notice = await this.dataSource.getRepository(Notice).findOneBy({ decisionId: id });
    return toView(decision, notice, withFacts);
  }

  async get(id: string): Promise<Decision> {
    const decision = await this.dataSource.getRepository(Decision).findOneBy({ id });
    if (!decision) throw notFound(`no decision ${id}`);
    return decision;
  }

  async list(q: { department?: string; kind?: DecisionKind; year?: number; publishable?: boolean; limit: number; offset: number }): Promise<{ total: number; items: DecisionView[] }> {
    const qb = this.dataSource.getRepository(Decision).createQueryBuilder('d');
    if (q.department) qb.andWhere('d.department = :department', { department: q.department });
    if (q.kind) qb.andWhere('d.kind = :kind', { kind: q.kind });
    if (q.year) qb.andWhere('d.decision_date >= :from AND d.decision_date < :to', { from: `${q.year}-01-01`, to: `${q.year + 1}-01-01` });
    if (q.publishable !== undefined) qb.andWhere('d.publishable = :p', { p: q.publishable });
    const [rows, total] = await qb.orderBy('d.decision_date', 'DESC').addOrderBy('d.document_number').take(q.limit).skip(q.offset).getManyAndCount();
    const notices = rows.length ? await this.dataSource.getRepository(Notice).createQueryBuilder('n').where('n.decision_id IN (:...ids)', { ids: rows.map((r) => r.id) }).getMany() : [];
    const byDecision = new Map(notices.map((n) => [n.decisionId, n]));
    return { total, items: rows.map((d) => toView(d, byDecision.get(d.id) ?? null, false)) };
  }

  assess(facts: DecisionFacts) {
    try {
      return assessPublishability({
        kind: facts.kind,
        ...(facts.kind === 'penalty' ? { procedure: facts.procedure, penaltyTypes: facts.penaltyTypes } : {}),
        partyKind: facts.partyKind,
        partyIsMinor: facts.partyIsMinor,
        partyIdNumber: facts.partyIdNumber,
        decisionDate: facts.decisionDate,
        involvesStateSecret: facts.involvesStateSecret,
        involvesCommercialSecret: facts.involvesCommercialSecret,
        involvesPersonalPrivacy: facts.involvesPersonalPrivacy,
        endangersSecurity: facts.endangersSecurity,
      });
    } catch (error) {
      if (error instanceof RangeError) throw invalid(error.message);
      throw error;
    }
  }

  async assertNewDocumentNumber(m: EntityManager, kind: DecisionKind, department: string, documentNumber: string): Promise<void> {
    if (await m.exists(Decision, { where: { kind, department, documentNumber } })) {
      throw conflict(`${department} already has a ${kind} decision numbered ${documentNumber}`);
    }
  }

  /** A historical 公示日期 becomes noon of that day in Beijing (never later than now). */
  publicationInstant(publishedOn?: string): Date {
    const now = this.lifecycle.now();
    if (!publishedOn) return now;
    const noon = new Date(`${publishedOn}T12:00:00+08:00`);
    return noon < now ? noon : now;
  }
}

export function describeProblems(problems: Problem[]): string {
  return `the decision is invalid: ${problems.map((p) => p.message).join('; ')}`;
}

function toView(decision: Decision, notice: Notice | null, withFacts: boolean): DecisionView {
  return {
    id: decision.id,
    kind: decision.kind,
    department: decision.department,
    documentNumber: decision.documentNumber,
    decisionDate: decision.decisionDate,
    publishable: decision.publishable,
    nonPublicationReasons: decision.nonPublicationReasons.map((code) => ({ code, text: NON_PUBLICATION_REASON_TEXT[code as NonPublicationReason] ?? code })),
    notice: notice
      ? {
          id: notice.id,
          state: notice.state,
          version: notice.version,
          dueDate: notice.dueDate,
          dueProvisional: notice.dueProvisional,
          publishedAt: notice.publishedAt?.toISOString() ?? null,
          onTime: notice.onTime,
          review: reviewView(notice),
        }
      : null,
    ...(withFacts ? { facts: decision.facts } : {}),
  };
}
