import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInShanghai } from '#domain';
import { CalendarService } from '../common/calendar.service.js';
import { PUBLICATION_RULES, type PublicationRules } from '../common/publication-rules.js';
import { NoticeLifecycle } from '../notices/notice-lifecycle.service.js';

export interface DeadlineItem {
  noticeId: string;
  kind: string;
  department: string;
  state: string;
  /** Internal label for officers: party (or target) and document number. */
  label: string;
  decisionDate: string;
  dueDate: string;
  dueProvisional: boolean;
  /** Working days left until the due date (0 on the day); negative counts for overdue ones are working days late. */
  workingDays: number;
  problem: string | null;
}

export interface RateRow {
  department: string;
  year: number;
  kind: string;
  published: number;
  onTime: number;
  late: number;
  /** Not published and past the deadline: counted as late in the rate. */
  overdue: number;
  /** Not published, still within the deadline: not in the rate yet. */
  pending: number;
  /** onTime / (published + overdue); null when nothing is due yet. */
  onTimeRate: number | null;
  withdrawn: number;
  withdrawnOnTime: number;
}

@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly lifecycle: NoticeLifecycle,
    @Inject(PUBLICATION_RULES) private readonly rules: PublicationRules,
  ) {}

  /** Unpublished notices due within N working days, and those already past their legal deadline. */
  async deadlines(department: string | undefined, within = this.rules.dueSoonWorkingDays): Promise<{ today: string; dueSoonUntil: string; dueSoon: DeadlineItem[]; overdue: DeadlineItem[] }> {
    const calendar = this.calendar.calendar();
    const today = todayInShanghai(this.lifecycle.now());
    const until = calendar.addWorkingDays(today, within).date;
    const rows = (await this.dataSource.query(
      `SELECT id, kind, department, state, decision_date::text AS decision_date, due_date::text AS due_date, due_provisional, problem,
              coalesce(facts->>'partyName', facts->>'targetName') AS party, coalesce(facts->>'documentNumber', facts->>'taskName') AS document
         FROM publication.notice
        WHERE state IN ('draft', 'scheduled') AND due_date <= $1 AND ($2::text IS NULL OR department = $2)
        ORDER BY due_date, id`,
      [until, department ?? null],
    )) as { id: string; kind: string; department: string; state: string; decision_date: string; due_date: string; due_provisional: boolean; problem: string | null; party: string; document: string }[];
    const dueSoon: DeadlineItem[] = [];
    const overdue: DeadlineItem[] = [];
    for (const r of rows) {
      const late = r.due_date < today;
      const item: DeadlineItem = {
        noticeId: r.id,
        kind: r.kind,
        department: r.department,
        state: r.state,
        label: `${r.party}（${r.document}）`,
        decisionDate: r.decision_date,
        dueDate: r.due_date,
        dueProvisional: r.due_provisional,
        workingDays: late ? -calendar.countWorkingDays(r.due_date, today).count : calendar.countWorkingDays(today, r.due_date).count,
        problem: r.problem,
      };
      (late ? overdue : dueSoon).push(item);
    }
    return { today, dueSoonUntil: until, dueSoon, overdue };
  }

  /** The on-time publication rate per department and kind for the decisions (results) of one year. */
  async onTimeRate(year: number | undefined, department: string | undefined): Promise<{ year: number; today: string; rows: RateRow[] }> {
    const today = todayInShanghai(this.lifecycle.now());
    const y = year ?? Number(today.slice(0, 4));
    const rows = (await this.dataSource.query(
      `SELECT department, kind,
              count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published,
              count(*) FILTER (WHERE published_at IS NOT NULL AND on_time)::int AS on_time,
              count(*) FILTER (WHERE published_at IS NOT NULL AND NOT on_time)::int AS late,
              count(*) FILTER (WHERE published_at IS NULL AND due_date < $3)::int AS overdue,
              count(*) FILTER (WHERE published_at IS NULL AND due_date >= $3)::int AS pending,
              count(*) FILTER (WHERE state = 'withdrawn')::int AS withdrawn,
              count(*) FILTER (WHERE state = 'withdrawn' AND withdrawal_on_time)::int AS withdrawn_on_time
         FROM publication.notice
        WHERE decision_date >= $1 AND decision_date < $2 AND ($4::text IS NULL OR department = $4)
        GROUP BY department, kind
        ORDER BY department, kind`,
      [`${y}-01-01`, `${y + 1}-01-01`, today, department ?? null],
    )) as { department: string; kind: string; published: number; on_time: number; late: number; overdue: number; pending: number; withdrawn: number; withdrawn_on_time: number }[];
    return {
      year: y,
      today,
      rows: rows.map((r) => {
        const due = r.published + r.overdue;
        return {
          department: r.department,
          year: y,
          kind: r.kind,
          published: r.published,
          onTime: r.on_time,
          late: r.late,
          overdue: r.overdue,
          pending: r.pending,
          onTimeRate: due === 0 ? null : Math.round((r.on_time / due) * 10_000) / 10_000,
          withdrawn: r.withdrawn,
          withdrawnOnTime: r.withdrawn_on_time,
        };
      }),
    };
  }
}
