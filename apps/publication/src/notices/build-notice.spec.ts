import { containsPersonalData, idNumberCheckDigit, luhnCheckDigit, PENALTY_TYPES, seededRandom, usccCheckCharacter, type PartyKind } from '#domain';
import type { ResultRecordedPayload } from '#contracts';
import type { LicenceFacts, PenaltyFacts } from '../decisions/decision-facts.js';
import { buildDecisionNotice, buildSpotCheckNotice, targetPartyKind, type NoticeMeta } from './build-notice.js';

const SEED = 20261126;
const random = seededRandom(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function idNumber(): string {
  const year = 1940 + int(66);
  const first17 = `${pick(['110101', '330102', '440305', '510104'])}${year}${String(1 + int(12)).padStart(2, '0')}${String(1 + int(28)).padStart(2, '0')}${digits(3)}`;
  return first17 + idNumberCheckDigit(first17);
}
const mobile = () => `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`;
function card(): string {
  const body = `62${digits(pick([13, 16]))}`;
  return body + luhnCheckDigit(body);
}
const uscc = () => {
  const first17 = `91330100MA${digits(7)}`;
  return first17 + usccCheckCharacter(first17);
};

/** One piece of personal data, written the ways officers write them. */
function personalData(): string {
  const value = pick([idNumber, mobile, card])();
  switch (int(5)) {
    case 0: return value;
    case 1: return fullWidth(value);
    case 2: return value.length === 11 ? `${value.slice(0, 3)} ${value.slice(3, 7)} ${value.slice(7)}` : value.replace(/(\d{4})(?=\d)/g, '$1 ');
    case 3: return value.length === 11 ? `+86-${value}` : value;
    default: return value.length === 11 ? `${value.slice(0, 3)}-${value.slice(3, 7)}-${value.slice(7)}` : value;
  }
}

const SURNAMES = ['张', '王', '李', '赵', '欧阳', '司马'];
const GIVEN = ['三', '小明', '建国', '娜娜', '伟'];
const personName = () => pick(SURNAMES) + pick(GIVEN);
const CONNECTORS = ['当事人', '，电话', '，身份证号', '，卡号', '；', '。联系方式：', '（', '）', '罚款5000元', '第3号'];

/** Free text with personal data at random places, glued to words and numbers. */
function freeText(names: string[]): string {
  const parts: string[] = [];
  for (let i = 0, n = 1 + int(4); i < n; i++) parts.push(pick(CONNECTORS), personalData(), pick(['', ' ', '，']), names.length ? pick(names) : '');
  return parts.join('');
}

const meta = (kind: NoticeMeta['kind']): NoticeMeta => ({ noticeId: 'n-1', version: 1, kind, department: 'd', publishedAt: new Date('2026-11-26T02:00:00Z'), displayUntil: '2027-02-26', onTime: true });

describe(`notices built from generated decisions full of personal data (seed ${SEED})`, () => {
  it('never carry an ID number, a mobile number or a bank card, in thousands of penalty, licence and spot-check notices', () => {
    const leaks: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const partyKind: PartyKind = pick(['法人及非法人组织', '个体工商户', '自然人'] as const);
      const party = partyKind === '自然人' ? personName() : `临安${pick(['某某', '清溪', '天目'])}水务有限公司`;
      const representative = personName();
      const others = [personName(), personName()].filter((n) => n !== representative);
      const names = partyKind === '自然人' ? [party, ...others] : others;
      const code = partyKind === '自然人' ? undefined : uscc();
      const base = {
        partyName: party, partyKind, partyCreditCode: code, legalRepresentative: partyKind === '自然人' ? party : representative, otherPersons: others,
        documentNumber: `区水罚〔2026〕${i}号`, decisionDate: '2026-11-20', authority: '区水利水电局', authorityCreditCode: uscc(),
        dataSource: `区水利水电局${freeText(names)}`, remarks: freeText(names),
      };
      const kind = pick(['licence', 'penalty', 'spot_check'] as const);
      let body: string;
      if (kind === 'penalty') {
        const facts: PenaltyFacts = {
          ...base, kind: 'penalty', violationType: freeText(names), violationFacts: freeText(names), legalBasis: `《水法》${freeText(names)}`,
          penaltyTypes: [pick(PENALTY_TYPES.filter((t) => t !== '罚款'))], penaltyContent: freeText(names), suspendedOrRevokedLicence: freeText(names), procedure: '普通程序',
        };
        body = JSON.stringify(buildDecisionNotice(meta('penalty'), facts));
      } else if (kind === 'licence') {
        const facts: LicenceFacts = {
          ...base, kind: 'licence', documentName: `取水许可决定书${freeText(names)}`, licenceCategory: '普通', certificateName: freeText(names),
          licenceContent: freeText(names), validFrom: '2026-11-20', status: '有效',
        };
        body = JSON.stringify(buildDecisionNotice(meta('licence'), facts));
      } else {
        // A result event carries no list of the people its findings mention: only the target's own
        // name (a natural person) is known to be personal, so only it is checked here.
        names.splice(0, names.length, ...(partyKind === '自然人' ? [party] : []));
        const result: ResultRecordedPayload = {
          resultId: `r${i}`, assignmentId: 'a', resultVersion: 1, kind: 'random', taskName: `取水检查${freeText([])}`, items: [{ code: 'W05', name: '取水许可', version: 1 }],
          targetName: party, targetCode: code, targetKind: partyKind === '自然人' ? 'natural_person' : partyKind === '个体工商户' ? 'individual_business' : 'organisation', inspectionDate: '2026-11-18', outcome: '未发现问题',
          findingsSummary: freeText(names), departments: ['d'], channel: 'mobile', confirmedAt: '2026-11-19T02:00:00Z',
        };
        body = JSON.stringify(buildSpotCheckNotice(meta('spot_check'), result));
      }
      const publicCodes = [base.authorityCreditCode, ...(code ? [code] : [])];
      if (containsPersonalData(body, { publicCodes })) leaks.push(body);
      for (const name of names) if (name.length > 1 && body.includes(name)) leaks.push(`${name} in ${body}`);
    }
    expect(leaks.slice(0, 3)).toEqual([]);
  });
});

describe('the party kind of a spot-check target', () => {
  const result = (targetKind: string, targetName: string, targetCode?: string): ResultRecordedPayload => ({
    resultId: 'r', assignmentId: 'a', resultVersion: 1, kind: 'immediate', taskName: '即时检查', items: [{ code: 'W05', name: '取水许可', version: 1 }],
    targetName, ...(targetCode ? { targetCode } : {}), targetKind, inspectionDate: '2026-11-18', outcome: '未发现问题',
    findingsSummary: '未发现问题。', departments: ['d'], channel: 'mobile', confirmedAt: '2026-11-19T02:00:00Z',
  });

  it('maps exactly the kinds planning and inspection use', () => {
    expect(['natural_person', 'individual_business', 'organisation', 'site', 'project'].map(targetPartyKind))
      .toEqual(['自然人', '个体工商户', '法人及非法人组织', '法人及非法人组织', '法人及非法人组织']);
  });

  it('treats any other kind as a natural person, including ones that merely look like a known kind', () => {
    for (const kind of ['农户', '村民', '取水户', '取水单位', 'Individual_Business', 'individual', 'toString', '__proto__', ''])
      expect([kind, targetPartyKind(kind)]).toEqual([kind, '自然人']);
  });

  it('keeps the name and credit code of an individual_business, as a 个体工商户', () => {
    const code = uscc();
    const notice = buildSpotCheckNotice(meta('spot_check'), result('individual_business', '临安区清溪砂石经营部', code));
    expect(notice).toMatchObject({ partyKind: '个体工商户', partyName: '临安区清溪砂石经营部', creditCode: code });
    expect(notice.fields).toMatchObject({ 检查对象名称: '临安区清溪砂石经营部', 检查对象代码: code });
  });

  it('masks the name and drops the code of a target of an unknown kind, as a 自然人', () => {
    const notice = buildSpotCheckNotice(meta('spot_check'), result('农户', '张建国', uscc()));
    expect(notice.partyKind).toBe('自然人');
    expect(JSON.stringify(notice)).not.toContain('张建国');
    expect(notice.fields.检查对象代码).toBeNull();
  });
});
