import { foldForScanning } from './normalize-text.js';
import { containsPersonalData, findPersonalData } from './find-personal-data.js';
import { redactNotice } from './redact-notice.js';
import {
  generateCreditCode,
  generateFreeText,
  generatePersonName,
  generateWrittenPersonalData,
  int,
  mulberry32,
  pick,
  type Rng,
  type WrittenPersonalData,
} from './testing/personal-data-generators.js';

const NOTICES = 3000;
const FREE_TEXT_FIELDS = ['violationFacts', 'penaltyBasis', 'penaltyContent', 'licenceContent', 'remarks'] as const;
const PARTY_KINDS = ['法人及非法人组织', '个体工商户', '自然人'] as const;
const AUTHORITY_CODE = generateCreditCode(mulberry32(1));

interface Generated {
  notice: Record<string, unknown> & { partyKind: (typeof PARTY_KINDS)[number]; partyName: string };
  planted: WrittenPersonalData[];
  companyCode?: string;
  companyCodeMentions: number;
  names: string[];
}

function generateNotice(rng: Rng): Generated {
  const partyKind = pick(rng, PARTY_KINDS);
  const names = Array.from({ length: int(rng, 0, 2) }, () => generatePersonName(rng));
  const companyCode = partyKind === '自然人' ? undefined : generateCreditCode(rng);
  const partyName = partyKind === '自然人' ? generatePersonName(rng) : '杭州某某水利工程有限公司';
  const planted: WrittenPersonalData[] = [];
  let companyCodeMentions = 0;
  const notice: Generated['notice'] = {
    partyKind,
    partyName,
    ...(companyCode ? { partyCreditCode: companyCode } : {}),
    authorityCreditCode: AUTHORITY_CODE,
    decisionNumber: `杭水罚〔2026〕${int(rng, 1, 300)}号`,
    personNames: names,
  };
  for (const field of FREE_TEXT_FIELDS) {
    // Every free-text field carries one to three pieces of personal data.
    const items = Array.from({ length: int(rng, 1, 3) }, () => generateWrittenPersonalData(rng));
    planted.push(...items);
    const extra: string[] = [...names.map((n) => `证人${n}`)];
    if (partyKind === '自然人') extra.push(`当事人${partyName}`);
    if (companyCode && rng() < 0.5) {
      extra.push(`（统一社会信用代码：${companyCode}）`);
      companyCodeMentions++;
    }
    notice[field] = generateFreeText(rng, items, extra);
  }
  if (partyKind === '自然人') {
    notice.partyIdNumber = planted.find((p) => p.kind === 'id-number')?.value ?? '110105194912310021';
    notice.partyPhone = '13800000000';
  }
  return { notice, planted, companyCode, companyCodeMentions, names };
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

describe('redactNotice over 3,000 generated decisions (property)', () => {
  const rng = mulberry32(20261001);
  const cases = Array.from({ length: NOTICES }, () => generateNotice(rng));

  it('plants personal data that the scanner sees before redaction (the property is not vacuous)', () => {
    const planted = cases.reduce((n, c) => n + c.planted.length, 0);
    expect(planted).toBeGreaterThanOrEqual(NOTICES * FREE_TEXT_FIELDS.length);
    const strict = cases.filter((c) => c.planted.some((p) => ['id-number', 'mobile', 'bank-card'].includes(p.kind)));
    for (const c of strict) expect(containsPersonalData(JSON.stringify(c.notice))).toBe(true);
    expect(strict.length).toBeGreaterThan(NOTICES * 0.9);
  });

  it('leaves no valid ID number, mobile number or bank card after redaction', () => {
    const leaks = cases
      .map((c) => JSON.stringify(redactNotice(c.notice)))
      .filter((json) => containsPersonalData(json));
    expect(leaks).toEqual([]);
  });

  it('leaves not a single planted value, in any spelling, and no listed name', () => {
    const leaks: string[] = [];
    for (const c of cases) {
      const json = JSON.stringify(redactNotice(c.notice));
      const folded = foldForScanning(json);
      for (const p of c.planted) {
        // Checked against the generator's own value, not the scanner: digits only (separators and
        // "+86" stripped) or the e-mail address, in the full-width-folded output.
        const bare = p.kind === 'email' ? p.value : p.value.toUpperCase();
        const foldedUpper = folded.toUpperCase();
        if (foldedUpper.includes(bare) || json.includes(p.written)) leaks.push(`${p.kind} ${p.written}`);
        const withoutSeparators = foldedUpper.replace(/[ -]/g, '');
        if (p.kind !== 'email' && withoutSeparators.includes(bare)) leaks.push(`${p.kind} ${p.written} (separated)`);
      }
      for (const name of c.names) if (json.includes(name)) leaks.push(`name ${name}`);
      if (c.notice.partyKind === '自然人' && json.includes(c.notice.partyName)) leaks.push(`party ${c.notice.partyName}`);
    }
    expect(leaks).toEqual([]);
  });

  it('keeps company credit codes, in their field and in the text', () => {
    let checked = 0;
    for (const c of cases) {
      if (!c.companyCode) continue;
      const out = redactNotice(c.notice) as Record<string, unknown>;
      expect(out.partyCreditCode).toBe(c.companyCode);
      expect(out.authorityCreditCode).toBe(AUTHORITY_CODE);
      const text = FREE_TEXT_FIELDS.map((f) => out[f]).join('\n');
      expect(occurrences(text, c.companyCode)).toBe(c.companyCodeMentions);
      checked += c.companyCodeMentions;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('removes the personal fields of natural persons', () => {
    for (const c of cases.filter((x) => x.notice.partyKind === '自然人')) {
      const out = redactNotice(c.notice);
      expect(out).not.toHaveProperty('partyIdNumber');
      expect(out).not.toHaveProperty('partyPhone');
      expect(findPersonalData(JSON.stringify(out), { kinds: ['id-number-unverified'] })).toEqual([]);
    }
  });
});
