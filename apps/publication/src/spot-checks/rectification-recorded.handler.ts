import { Injectable, Logger } from '@nestjs/common';
import { RectificationRecorded, RectificationRecordedPayload } from '#contracts';
import { isFinalState } from '#domain';
import { OnEvent, type EventContext } from '#messaging';
import type { SpotCheckNoticeFacts } from '../notices/build-notice.js';
import { NoticeLifecycle } from '../notices/notice-lifecycle.service.js';
import { Notice } from '../notices/notice.entity.js';
import { rectificationReason, withRectification } from './rectification.js';

/**
 * The confirmed follow-up (整改复查) of a rectification order updates the spot-check notice of the
 * original result: a published notice gets a new version (NoticeCorrected, reason "整改复查：整改到位"),
 * a draft or scheduled one just gets the new facts. Idempotent: the inbox drops a redelivered envelope,
 * and a follow-up version the notice already holds changes nothing.
 */
@Injectable()
export class RectificationRecordedHandler {
  private readonly logger = new Logger(RectificationRecordedHandler.name);

  constructor(private readonly lifecycle: NoticeLifecycle) {}

  @OnEvent(RectificationRecorded)
  async on(followUp: RectificationRecordedPayload, ctx: EventContext): Promise<void> {
    const m = ctx.manager;
    const notice = await m.findOne(Notice, { where: { resultId: followUp.resultId }, lock: { mode: 'pessimistic_write' } });
    // The original result's event travels on another consumer; should it still be on its way, fail so the follow-up is redelivered after it.
    if (!notice) throw new Error(`no spot-check notice for result ${followUp.resultId} yet; the follow-up will be redelivered`);
    const facts = withRectification(notice.facts as unknown as SpotCheckNoticeFacts, followUp);
    if (!facts) return;
    if (isFinalState(notice.state)) {
      this.logger.warn(`follow-up of result ${followUp.resultId} arrived for a ${notice.state} notice; left as it is`);
      return;
    }
    await this.lifecycle.correct(m, notice, facts as unknown as Record<string, unknown>, rectificationReason(followUp), 'inspection');
  }
}
