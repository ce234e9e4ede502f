import type { RectificationRecordedPayload, ResultRecordedPayload } from '#contracts';
import { buildSpotCheckNotice, type NoticeMeta } from '../notices/build-notice.js';
import { keepRectification, rectificationReason, withRectification } from './rectification.js';

const result: ResultRecordedPayload = {
  resultId: 'r', assignmentId: 'a', resultVersion: 1, kind: 'random', taskName: '河道采砂抽查', items: [{ code: 'W05', name: '河道采砂', version: 1 }],
  targetName: '某某砂石有限公司', targetCode: '91330100MA2H00001X', targetKind: 'organisation', inspectionDate: '2026-11-18', outcome: '发现问题已责令改正',
  findingsSummary: '发现问题已责令改正。河道采砂：超范围采砂不符合要求（限2026-12-10前整改）。', departments: ['d'], channel: 'mobile', confirmedAt: '2026-11-19T02:00:00Z',
  rectificationDeadline: '2026-12-10',
};
const followUp = (version: number, rectification: '整改到位' | '逾期未整改' = '整改到位'): RectificationRecordedPayload => ({
  resultId: 'r', assignmentId: 'a', ofResultId: 'rev-1', followUpAssignmentId: 'f', followUpResultId: 'fr', followUpVersion: version, rectification,
  rectificationDeadline: '2026-12-10', inspectionDate: '2026-12-20', departments: ['d'], confirmedAt: '2026-12-20T03:00:00Z',
  ...(version > 1 ? { correctionReason: '复查记录有误' } : {}),
});
const meta: NoticeMeta = { noticeId: 'n', version: 2, kind: 'spot_check', department: 'd', publishedAt: new Date('2026-11-19T03:00:00Z'), displayUntil: null, onTime: true };

describe('a follow-up (整改复查) on a spot-check notice', () => {
  it('adds the outcome once, and only a later follow-up version replaces it', () => {
    const first = withRectification(result, followUp(1))!;
    expect(first.rectification).toEqual({ outcome: '整改到位', inspectionDate: '2026-12-20', deadline: '2026-12-10', followUpVersion: 1 });
    expect(withRectification(first, followUp(1))).toBeNull();
    expect(withRectification(first, followUp(2, '逾期未整改'))!.rectification!.outcome).toBe('逾期未整改');
  });

  it('says why the notice changed', () => {
    expect(rectificationReason(followUp(1))).toBe('整改复查：整改到位');
    expect(rectificationReason(followUp(2))).toBe('整改复查：整改到位（复查结果更正：复查记录有误）');
  });

  it('shows the deadline, the follow-up outcome and its date on the notice, and keeps the original outcome for statistics', () => {
    const payload = buildSpotCheckNotice(meta, withRectification(result, followUp(1))!);
    expect(payload.fields).toMatchObject({ 检查结果: '发现问题已责令改正', 整改期限: '2026-12-10', 整改复查结果: '整改到位', 整改复查日期: '2026-12-20' });
    expect(payload.spotCheck!.outcome).toBe('发现问题已责令改正');
    expect(payload.body).toContain('整改复查（2026-12-20）：整改到位');
  });

  it('leaves a notice without an order as it was (no rectification fields)', () => {
    const payload = buildSpotCheckNotice(meta, { ...result, outcome: '未发现问题', rectificationDeadline: undefined });
    expect(Object.keys(payload.fields)).not.toContain('整改期限');
    expect(Object.keys(payload.fields)).not.toContain('整改复查结果');
  });

  it('keeps a recorded follow-up when the result itself is corrected', () => {
    const held = withRectification(result, followUp(1)) as unknown as Record<string, unknown>;
    expect(keepRectification({ ...result, resultVersion: 2 }, held).rectification?.outcome).toBe('整改到位');
    expect(keepRectification({ ...result, resultVersion: 2 }, null).rectification).toBeUndefined();
    // A correction that took the order away has nothing left to follow up.
    expect(keepRectification({ ...result, resultVersion: 2, outcome: '未发现问题' }, held).rectification).toBeUndefined();
  });
});
