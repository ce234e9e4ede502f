import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NOT_AN_INSPECTION_OUTCOMES, trailingMonthsWindow, type DateWindow } from '#domain';
import { CLOCK, type Clock } from '#platform';
import { chinaToday } from '../common/search-text.js';

/** A firm's inspections in the last 12 months, as the firm page and /api/v1/firms/:creditCode show them. */
export interface FirmInspections {
  /** The last 12 months up to today in China, both ends included. */
  window: DateWindow;
  /** Distinct inspections across departments (a joint inspection counts once). */
  total: number;
  /** Per department; a joint inspection appears under each department that took part. */
  byDepartment: { department: string; count: number }[];
}

@Injectable()
export class FirmInspectionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async of(creditCode: string): Promise<FirmInspections> {
    const window = trailingMonthsWindow(chinaToday(this.clock.now()));
    const counted = (a: string) => `${a}.credit_code = $1 AND ${a}.inspection_date BETWEEN $2::date AND $3::date AND ${a}.outcome <> ALL($4::text[])`;
    const params = [creditCode, window.from, window.to, NOT_AN_INSPECTION_OUTCOMES];
    const [[total], byDepartment] = (await Promise.all([
      this.db.query(`SELECT count(DISTINCT x.assignment_id)::int AS n FROM portal.inspection_tally x WHERE ${counted('x')}`, params),
      this.db.query(
        `SELECT d.department, count(DISTINCT x.assignment_id)::int AS count
         FROM portal.inspection_tally x CROSS JOIN LATERAL unnest(x.departments) AS d(department)
         WHERE ${counted('x')} GROUP BY d.department ORDER BY count DESC, d.department COLLATE "C"`,
        params,
      ),
    ])) as [[{ n: number }], { department: string; count: number }[]];
    return { window, total: total.n, byDepartment };
  }
}
