import { containsPersonalData, idNumberCheckDigit } from '#domain';
import type { NoticePublishedPayload } from '#contracts';
import { guardNotice } from './personal-data-guard.js';

const id17 = '33010219900307123';
const idNumber = id17 + idNumberCheckDigit(id17);

function notice(over: Partial<NoticePublishedPayload> = {}): NoticePublishedPayload {
  return {
    noticeId: 'n1', version: 1, kind: 'penalty', department: '区水利水电局', title: '行政处罚决定', partyName: '某某砂石有限公司',
    creditCode: '91330100MA27XK4L1E', decisionDate: '2020-05-01', publishedAt: '2020-05-03T00:00:00Z', fields: {}, body: '', ...over,
  } as NoticePublishedPayload;
}

describe('guardNotice', () => {
  it('leaves a clean notice untouched', () => {
    const n = notice({ body: '未经许可在河道采砂，罚款人民币2万元。' });
    expect(guardNotice(n)).toEqual({ payload: n, masked: false });
  });

  it('masks ID, mobile and card numbers wherever they appear and flags the notice', () => {
    const { payload, masked } = guardNotice(notice({
      body: `当事人身份证号${idNumber}，电话13912345678`,
      fields: { 备注: ['卡号 6222 0212 3456 7890 128'], 违法事实: `联系人 139-1234-5678` },
    }));
    expect(masked).toBe(true);
    expect(containsPersonalData(JSON.stringify(payload))).toBe(false);
    expect(payload.body).toContain('当事人身份证号******************');
  });

  it('drops a "credit code" that is a natural person\'s ID number', () => {
    const { payload, masked } = guardNotice(notice({ creditCode: idNumber }));
    expect(payload.creditCode).toBeUndefined();
    expect(masked).toBe(true);
  });
});
