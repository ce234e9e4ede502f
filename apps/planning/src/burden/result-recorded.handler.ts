import { Injectable } from '@nestjs/common';
import { ResultRecorded, type ResultRecordedPayload } from '#contracts';
import { tallyCreditCode } from '#domain';
import { OnEvent, type EventContext } from '#messaging';

/**
 * Keeps planning's inspection tally (无事不扰). Idempotent twice over: the inbox drops a redelivered
 * envelope, and a result (by resultId) is one row whatever envelope carries it; a later resultVersion
 * replaces the row (a corrected date or department), an older or equal one changes nothing. A result
 * that is not a firm's (a natural person, a site, no valid credit code) is kept without a code, so it
 * counts for nobody and an older version arriving late cannot bring it back.
 */
@Injectable()
export class PlanningResultRecordedHandler {
  @OnEvent(ResultRecorded)
  async on(p: ResultRecordedPayload, ctx: EventContext): Promise<void> {
    const m = ctx.manager;
    const creditCode = tallyCreditCode(p);
    await m.query(
      `INSERT INTO planning.inspection_tally AS t (result_id, assignment_id, result_version, credit_code, target_kind, departments, inspection_date, inspection_kind, outcome, confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7::date, $8, $9, $10::timestamptz)
       ON CONFLICT (result_id) DO UPDATE SET assignment_id = EXCLUDED.assignment_id, result_version = EXCLUDED.result_version, credit_code = EXCLUDED.credit_code,
         target_kind = EXCLUDED.target_kind, departments = EXCLUDED.departments, inspection_date = EXCLUDED.inspection_date,
         inspection_kind = EXCLUDED.inspection_kind, outcome = EXCLUDED.outcome, confirmed_at = EXCLUDED.confirmed_at
       WHERE t.result_version < EXCLUDED.result_version`,
      [p.resultId, p.assignmentId, p.resultVersion, creditCode, p.targetKind, [...new Set(p.departments)].sort(), p.inspectionDate, p.kind, p.outcome, p.confirmedAt],
    );
  }
}
