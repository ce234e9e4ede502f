import { containsPersonalData } from './find-personal-data.js';
import { redactNotice } from './redact-notice.js';

const ID = '11010519491231002X';
const COMPANY = '91350100M000100Y43';
const ID_AND_USCC = '330102198503120030'; // valid as both an ID number and a credit code

function penalty<T extends Record<string, unknown>>(overrides: T = {} as T) {
  return {
    partyKind: '法人及非法人组织' as const,
    partyName: '杭州某某砂石有限公司',
    partyCreditCode: COMPANY,
    legalRepresentative: '王五',
    decisionNumber: '杭水罚〔2026〕12号',
    violationFacts: `经查，当事人未经许可在钱塘江河道采砂。其员工赵六（身份证号${ID}，手机13912345678）现场作业。`,
    penaltyContent: '罚款人民币五万元，退还保证金至卡号6222 0212 3456 7890 123（开户行某银行）。',
    fineAmountWanYuan: 5,
    remarks: '',
    personNames: ['赵六'],
    ...overrides,
  };
}

describe('redactNotice', () => {
  it('masks a valid ID number inside 违法事实 and keeps the company credit code', () => {
    const out = redactNotice(penalty());
    expect(out.violationFacts).not.toContain(ID);
    expect(out.violationFacts).toContain('身份证号******************');
    expect(out.partyCreditCode).toBe(COMPANY);
  });

  it('masks phones and bank cards inside free text', () => {
    const notice = penalty({ penaltyContent: '退还保证金至卡号 4111 1111 1111 1111，联系 +86 139-1234-5678。' });
    const out = redactNotice(notice);
    expect(out.violationFacts).not.toContain('13912345678');
    expect(out.penaltyContent).toBe('退还保证金至卡号 *******************，联系 +****************。');
    expect(containsPersonalData(JSON.stringify(out))).toBe(false);
  });

  it('masks the names of other persons everywhere and drops the list', () => {
    const out = redactNotice(penalty({ remarks: '赵六已另案处理' }));
    expect(out.violationFacts).toContain('其员工赵*');
    expect(out.remarks).toBe('赵*已另案处理');
    expect(out).not.toHaveProperty('personNames');
    expect(JSON.stringify(out)).not.toContain('赵六');
  });

  it('keeps the company name and legal representative of an organisation', () => {
    const out = redactNotice(penalty());
    expect(out.partyName).toBe('杭州某某砂石有限公司');
    expect(out.legalRepresentative).toBe('王五');
    expect(out.decisionNumber).toBe('杭水罚〔2026〕12号');
    expect(out.fineAmountWanYuan).toBe(5);
  });

  it('masks a natural person party and removes their ID, address and phone fields', () => {
    const notice = {
      partyKind: '自然人' as const,
      partyName: '欧阳娜娜',
      partyIdNumber: ID,
      partyAddress: '杭州市西湖区文三路100号',
      partyPhone: '13912345678',
      partyBankAccount: '6222021234567890123',
      violationFacts: '欧阳娜娜（住址：杭州市西湖区文三路100号）于2026年3月5日在河道内倾倒渣土。',
      otherPersons: ['张三'],
      remarks: '张三系其雇工',
    };
    const out = redactNotice(notice);
    expect(out.partyName).toBe('欧阳**');
    expect(out).not.toHaveProperty('partyIdNumber');
    expect(out).not.toHaveProperty('partyAddress');
    expect(out).not.toHaveProperty('partyPhone');
    expect(out).not.toHaveProperty('partyBankAccount');
    expect(out).not.toHaveProperty('otherPersons');
    expect(out.violationFacts).toBe('欧阳**（住址：*************）于2026年3月5日在河道内倾倒渣土。');
    expect(out.remarks).toBe('张*系其雇工');
  });

  it('keeps an organisation address, which is public registration data', () => {
    const out = redactNotice(penalty({ violationFacts: '当事人住所：杭州市上城区某路1号。' }));
    expect(out.violationFacts).toBe('当事人住所：杭州市上城区某路1号。');
  });

  describe('credit code vs ID number collision', () => {
    it('keeps a code valid as both when it is the organisation party\'s own credit code', () => {
      const out = redactNotice(penalty({ partyCreditCode: ID_AND_USCC, remarks: `信用代码${ID_AND_USCC}` }));
      expect(out.partyCreditCode).toBe(ID_AND_USCC);
      expect(out.remarks).toBe(`信用代码${ID_AND_USCC}`);
    });

    it('masks it in a natural person\'s notice (public-interest rule: an ID number is never public)', () => {
      const out = redactNotice({
        partyKind: '自然人' as const,
        partyName: '张三',
        partyCreditCode: ID_AND_USCC,
        remarks: `证件号码${ID_AND_USCC}`,
      });
      expect(out.partyCreditCode).toBe('******************');
      expect(out.remarks).toBe('证件号码******************');
    });

    it('masks it in an organisation\'s free text when it is not one of the notice\'s own codes', () => {
      const out = redactNotice(penalty({ remarks: `经办人证件号码${ID_AND_USCC}` }));
      expect(out.remarks).toBe('经办人证件号码******************');
    });
  });

  it('scans identifier fields for ID numbers only, so a Luhn-valid licence number survives', () => {
    const out = redactNotice(penalty({ licenceNumber: '4111111111111111', certificateNumber: ID }));
    expect(out.licenceNumber).toBe('4111111111111111');
    expect(out.certificateNumber).toBe('******************');
  });

  it('scans nested strings and leaves numbers, booleans and null alone', () => {
    const out = redactNotice(
      penalty({ attachments: [{ title: `询问笔录（${ID}）`, pages: 3, sealed: true, note: null }] }),
    );
    expect(out.attachments).toEqual([{ title: '询问笔录（******************）', pages: 3, sealed: true, note: null }]);
  });

  it('does not modify its input', () => {
    const notice = penalty();
    const before = JSON.stringify(notice);
    redactNotice(notice);
    expect(JSON.stringify(notice)).toBe(before);
  });

  it('accepts a policy that removes more fields', () => {
    const out = redactNotice(penalty(), { alwaysRemovedFields: ['personNames', 'remarks'] });
    expect(out).not.toHaveProperty('remarks');
    expect(out).not.toHaveProperty('personNames');
  });
});
