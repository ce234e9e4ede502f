import { foldForScanning } from './normalize-text.js';
import { containsPersonalData, findPersonalData, type Finding } from './find-personal-data.js';

const ID = '11010519491231002X'; // the GB 11643 example, valid
const ID_DIGIT = '440305199001011248'; // valid, digit check character
const USCC = '91350100M000100Y43'; // valid credit code with letters
const USCC_LOOKS_LIKE_ID = '913302198503120003'; // valid credit code, plausible "birth date", wrong ID check
const ID_AND_USCC = '330102198503120030'; // valid as BOTH an ID number and a credit code
const USCC_LUHN = '913301000000000372'; // valid credit code that also passes Luhn

function spans(text: string, found: Finding[]): string[] {
  return found.map((f) => `${f.kind}:${text.slice(f.start, f.end)}`);
}

describe('findPersonalData', () => {
  it('finds a valid ID number inside Chinese text, and the X check character', () => {
    const text = `当事人张三（身份证号${ID}）于2026年3月5日在河道采砂。`;
    expect(spans(text, findPersonalData(text))).toEqual([`id-number:${ID}`]);
    const lower = `身份证${ID.toLowerCase()}。`;
    expect(spans(lower, findPersonalData(lower))).toEqual([`id-number:${ID.toLowerCase()}`]);
  });

  it('finds ID numbers glued to other digits or written in groups', () => {
    const glued = `第3号${ID_DIGIT}5`;
    expect(spans(glued, findPersonalData(glued))).toEqual([`id-number:${ID_DIGIT}`]);
    const grouped = '身份证号 440305 19900101 1248 ';
    expect(spans(grouped, findPersonalData(grouped))).toEqual(['id-number:440305 19900101 1248']);
    const groupedAndGlued = '身份证号 440305 19900101 12487 ';
    expect(spans(groupedAndGlued, findPersonalData(groupedAndGlued))).toEqual(['id-number:440305 19900101 1248']);
  });

  it('reports a mistyped ID number and a 15-digit one, but not as strict findings', () => {
    const text = '身份证号440305199001011249，旧证110105491231002。';
    expect(spans(text, findPersonalData(text))).toEqual([
      'id-number-unverified:440305199001011249',
      'id-number-legacy:110105491231002',
    ]);
    expect(containsPersonalData(text)).toBe(false);
  });

  it('leaves company credit codes alone, including all-digit ones that look like ID numbers or cards', () => {
    for (const code of [USCC, USCC_LOOKS_LIKE_ID, USCC_LUHN]) {
      const text = `某公司（统一社会信用代码：${code}）未按规定取水。`;
      expect(findPersonalData(text)).toEqual([]);
    }
  });

  it('treats a string valid as both ID number and credit code as an ID number, unless it is a known public code', () => {
    const text = `证件号码${ID_AND_USCC}。`;
    expect(spans(text, findPersonalData(text))).toEqual([`id-number:${ID_AND_USCC}`]);
    expect(findPersonalData(text, { publicCodes: [ID_AND_USCC] })).toEqual([]);
    expect(containsPersonalData(text)).toBe(true);
    expect(containsPersonalData(text, { publicCodes: [ID_AND_USCC] })).toBe(false);
  });

  it('does not take dotted amounts and dates for phone numbers', () => {
    expect(findPersonalData('罚款1.5万元，没收违法所得2.35万元，2020.06.15作出').filter((f) => f.kind === 'mobile' || f.kind === 'landline')).toEqual([]);
  });

  it('finds mobile numbers in the usual spellings', () => {
    for (const phone of [
      '13912345678',
      '139-1234-5678',
      '139 1234 5678',
      '+86 13912345678',
      '+86-139-1234-5678',
      '0086 139 1234 5678',
      '(+86)13912345678',
      '８６１３９１２３４５６７８', // full-width digits
      '139.1234.5678', // dotted, as on some business cards
      '139 1234.5678',
    ]) {
      const text = `联系电话${phone}，罚款5000元`;
      const found = findPersonalData(text).filter((f) => f.kind === 'mobile');
      expect(found.length).toBeGreaterThan(0);
      const covered = text.slice(Math.min(...found.map((f) => f.start)), Math.max(...found.map((f) => f.end)));
      // Every digit of the number is inside the findings.
      expect(foldForScanning(covered).replace(/\D/g, '').endsWith('13912345678')).toBe(true);
      expect(containsPersonalData(text)).toBe(true);
    }
  });

  it('does not take other 11-digit numbers or numbers glued to digits for mobiles', () => {
    expect(findPersonalData('编号12912345678')).toEqual([]); // 12x is not a mobile prefix
    expect(findPersonalData('流水号213912345678')).toEqual([]); // 12 digits
    expect(findPersonalData('2026年10月1日')).toEqual([]);
  });

  it('finds landlines with an area code', () => {
    for (const phone of ['0571-88886666', '010 62345678', '(0571)88886666', '（０５７１）８８８８６６６６', '02188886666']) {
      const text = `办公电话${phone}。`;
      expect(findPersonalData(text).map((f) => f.kind)).toContain('landline');
    }
    expect(findPersonalData('邮编310000')).toEqual([]);
    expect(findPersonalData('电话010 12345678')).toEqual([]); // local numbers never start with 1
  });

  it('finds Luhn-valid bank cards unbroken or in groups of four, next to other numbers', () => {
    const card = '4111111111111111';
    for (const written of [card, '4111 1111 1111 1111', '4111-1111-1111-1111']) {
      const text = `罚没款退回 5000 元至${written}。`;
      expect(spans(text, findPersonalData(text))).toEqual([`bank-card:${written}`]);
    }
    const amid = '金额 5000 4111 1111 1111 1111 号';
    expect(spans(amid, findPersonalData(amid))).toContain('bank-card:4111 1111 1111 1111');
    expect(findPersonalData('4111111111111112')).toEqual([]); // fails Luhn
  });

  it('finds account numbers after 账号/卡号 even when they are not Luhn numbers', () => {
    const text = '开户银行：某银行，账号：1202 0012 0900 1234 567。';
    expect(spans(text, findPersonalData(text))).toEqual(['bank-account:1202 0012 0900 1234 567']);
  });

  it('finds e-mail addresses', () => {
    const text = '举报人邮箱zhang.san+1@example.com.cn。';
    expect(spans(text, findPersonalData(text))).toEqual(['email:zhang.san+1@example.com.cn']);
  });

  it('finds listed names wherever they occur and ignores one-character names', () => {
    const text = '证人李四、王五陈述：李四当日在场。';
    expect(spans(text, findPersonalData(text, { personNames: ['李四', '王五', '李'] }))).toEqual([
      'person-name:李四',
      'person-name:王五',
      'person-name:李四',
    ]);
  });

  it('finds addresses only when asked to', () => {
    const text = '当事人家住杭州市西湖区文三路100号，于……';
    expect(findPersonalData(text)).toEqual([]);
    expect(spans(text, findPersonalData(text, { addresses: true }))).toEqual(['address:杭州市西湖区文三路100号']);
  });

  it('ignores hashes and UUIDs, whose digit runs could look like phone numbers', () => {
    const hash = 'ab13912345678cd' + '0'.repeat(50);
    expect(containsPersonalData(`seed ${hash}`)).toBe(false);
    expect(containsPersonalData('id 0f0e0d0c-0b0a-4000-8000-a13912345678')).toBe(false);
    // The same digits outside a token are still found.
    expect(containsPersonalData('ab 13912345678 cd')).toBe(true);
  });

  it('returns nothing for empty or non-string input', () => {
    expect(findPersonalData('')).toEqual([]);
    expect(findPersonalData(undefined as unknown as string)).toEqual([]);
  });
});
