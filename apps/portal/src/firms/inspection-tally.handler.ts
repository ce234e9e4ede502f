import { Injectable } from '@nestjs/common';
import { ResultRecorded, type ResultRecordedPayload } from '#contracts';
import { PUBLIC_TALLIED_TARGET_KINDS, tallyCreditCode } from '#domain';
import { OnEvent, type EventContext } from '#messaging';

/**
 * Keeps the portal's inspection tally. The inbox drops a redelivered envelope; a result is one row
 * (by resultId) whatever envelope carries it, and only a later resultVersion replaces it. Only
 * organisations get a code (an individual business is run by a natural person; a natural person's
 * result is never tied to any identifier here).
 */
@Injectable()
export class InspectionTallyHandler {
  @OnEvent(ResultRecorded)
  async on(p: ResultRecordedPayload, ctx: EventContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO portal.inspection_tally AS t (result_id, assignment_id, result_version, credit_code, departments, inspection_date, outcome)
       VALUES ($1, $2, $3, $4, $5::text[], $6::date, $7)
       ON CONFLICT (result_id) DO UPDATE SET assignment_id = EXCLUDED.assignment_id, result_version = EXCLUDED.result_version,
         credit_code = EXCLUDED.credit_code, departments = EXCLUDED.departments, inspection_date = EXCLUDED.inspection_date, outcome = EXCLUDED.outcome
       WHERE t.result_version < EXCLUDED.result_version`,
      [p.resultId, p.assignmentId, p.resultVersion, tallyCreditCode(p, PUBLIC_TALLIED_TARGET_KINDS), [...new Set(p.departments)].sort(), p.inspectionDate, p.outcome],
    );
  }
}
