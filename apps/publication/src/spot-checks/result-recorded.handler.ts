import { Injectable, Logger } from '@nestjs/common';
import { ResultRecorded, ResultRecordedPayload } from '#contracts';
import { isFinalState } from '#domain';
import { OnEvent, type EventContext } from '#messaging';
import { NoticeLifecycle } from '../notices/notice-lifecycle.service.js';
import { Notice } from '../notices/notice.entity.js';
import { keepRectification } from './rectification.js';

/**
 * Turns each confirmed inspection result into a spot-check result notice and publishes it at once
 * (two inspectors have confirmed it; targets are organisations or sites, and the findings go
 * through redaction like any free text). Idempotent twice over: the inbox drops a redelivered
 * envelope, and a result (by resultId) becomes one notice whatever envelope carries it; a later
 * resultVersion corrects the notice, an older or equal one changes nothing.
 */
@Injectable()
export class ResultRecordedHandler {
  private readonly logger = new Logger(ResultRecordedHandler.name);

  constructor(private readonly lifecycle: NoticeLifecycle) {}

  @OnEvent(ResultRecorded)
  async on(result: ResultRecordedPayload, ctx: EventContext): Promise<void> {
    const m = ctx.manager;
    const existing = await m.findOne(Notice, { where: { resultId: result.resultId }, lock: { mode: 'pessimistic_write' } });
    // A correction of the result keeps the follow-up (整改复查) already recorded on the notice.
    const facts = keepRectification({ ...result }, existing?.facts) as unknown as Record<string, unknown>;
    if (!existing) {
      const notice = await this.lifecycle.createForResult(m, result);
      await this.lifecycle.publish(m, notice, this.lifecycle.now(), 'inspection');
      return;
    }
    if (result.resultVersion <= (existing.resultVersion ?? 0)) return; // the same or an older result: nothing new
    if (isFinalState(existing.state)) {
      this.logger.warn(`result ${result.resultId} v${result.resultVersion} arrived for a ${existing.state} notice; left as it is`);
      return;
    }
    existing.resultVersion = result.resultVersion;
    const reason = result.correctionReason?.trim() || `检查结果更正（第${result.resultVersion}版）`;
    await this.lifecycle.correct(m, existing, facts, reason, 'inspection');
  }
}
