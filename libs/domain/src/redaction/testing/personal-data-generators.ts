/**
 * Deterministic generators of personal data and notices, for property tests of redaction (here and
 * in the portal's public-surface tests). Not part of the library's API: tests import it by path.
 */
import { luhnCheckDigit } from '../../check-digits/bank-card.js';
import { idNumberCheckDigit, isValidIdNumber } from '../../check-digits/id-number.js';
import { isValidUscc, usccCheckCharacter } from '../../check-digits/uscc.js';
import { seededRandom } from '../../random/seeded-random.js';

/** The seeded PRNG of the domain library, under the name these generators have always used. */
export const mulberry32 = seededRandom;

export type Rng = () => number;

/** A whole number from `min` to `max` inclusive. */
export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
/** One element of `items`. */
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(int(rng, 0, 9))).join('');
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const REGIONS = ['110105', '310104', '330102', '330106', '440305', '510104', '320106', '420111', '610113'];

/** A valid 18-character ID number (birth 1940–2012). */
export function generateIdNumber(rng: Rng): string {
  const year = int(rng, 1940, 2012);
  const month = int(rng, 1, 12);
  const day = int(rng, 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const first17 = pick(rng, REGIONS) + year + pad(month, 2) + pad(day, 2) + digits(rng, 3);
  return first17 + idNumberCheckDigit(first17);
}

/** A 15-digit first-generation ID number (born 1940–1999). */
export function generateLegacyIdNumber(rng: Rng): string {
  const month = int(rng, 1, 12);
  return pick(rng, REGIONS) + pad(int(rng, 40, 99), 2) + pad(month, 2) + pad(int(rng, 1, 28), 2) + digits(rng, 3);
}

/** A mainland mobile number, 11 digits. */
export function generateMobile(rng: Rng): string {
  return '1' + pick(rng, ['3', '4', '5', '6', '7', '8', '9']) + digits(rng, 9);
}

/**
 * A Luhn-valid card number of 16–19 digits. An 18-digit number that is also a valid credit code
 * is skipped: redaction deliberately keeps those (docs/disclosure-rules.md, "credit code wins").
 */
export function generateBankCard(rng: Rng): string {
  for (;;) {
    const length = pick(rng, [16, 16, 19, 19, 17, 18]);
    const prefix = pick(rng, ['62', '4', '51', '35']);
    const payload = prefix + digits(rng, length - 1 - prefix.length);
    const card = payload + luhnCheckDigit(payload);
    if (!(card.length === 18 && isValidUscc(card))) return card;
  }
}

/** A landline with area code, written as people write them. */
export function generateLandline(rng: Rng): string {
  const area = pick(rng, ['010', '021', '0571', '0755', '020', '0574']);
  const local = String(int(rng, 2, 9)) + digits(rng, area.length === 3 ? 7 : pick(rng, [6, 7]));
  return pick(rng, [`${area}-${local}`, `${area} ${local}`, `(${area})${local}`, `（${area}）${local}`, area + local]);
}

/** An e-mail address. */
export function generateEmail(rng: Rng): string {
  const user = pick(rng, ['zhangsan', 'li.si', 'wang_wu', 'zl2026', 'river+admin']);
  return `${user}${int(rng, 1, 999)}@${pick(rng, ['qq.com', '163.com', 'example.com.cn', 'sina.cn'])}`;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid 统一社会信用代码 that is not also a valid ID number; often all digits, to stress collisions. */
export function generateCreditCode(rng: Rng): string {
  for (;;) {
    const allDigits = rng() < 0.6;
    const org = Array.from({ length: 9 }, () => (allDigits ? String(int(rng, 0, 9)) : pick(rng, [...USCC_ALPHABET]))).join('');
    const first17 = pick(rng, ['91', '92', '93', '12', '52']) + pick(rng, REGIONS) + org;
    const code = first17 + usccCheckCharacter(first17);
    if (!isValidIdNumber(code)) return code;
  }
}

const FULL_WIDTH = (s: string): string => s.replace(/[0-9X+()-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Personal data as it may be written in a notice, with the value it carries. */
export interface WrittenPersonalData {
  readonly kind: 'id-number' | 'id-number-legacy' | 'mobile' | 'bank-card' | 'landline' | 'email';
  /** The bare value: digits (and X), or the e-mail address. */
  readonly value: string;
  /** How it is written in the text. */
  readonly written: string;
}

/** One piece of personal data in one of its usual spellings. */
export function generateWrittenPersonalData(rng: Rng): WrittenPersonalData {
  const kind = pick(rng, ['id-number', 'id-number', 'mobile', 'mobile', 'bank-card', 'bank-card', 'id-number-legacy', 'landline', 'email'] as const);
  switch (kind) {
    case 'id-number': {
      const id = generateIdNumber(rng);
      const written = pick(rng, [
        id,
        id.toLowerCase(),
        `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
        FULL_WIDTH(id),
      ]);
      return { kind, value: id, written };
    }
    case 'id-number-legacy': {
      const id = generateLegacyIdNumber(rng);
      return { kind, value: id, written: id };
    }
    case 'mobile': {
      const m = generateMobile(rng);
      const written = pick(rng, [
        m,
        `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
        `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
        `+86 ${m}`,
        `+86-${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
        `0086${m}`,
        `(+86)${m}`,
        FULL_WIDTH(m),
      ]);
      return { kind, value: m, written };
    }
    case 'bank-card': {
      const card = generateBankCard(rng);
      const groups = card.match(/.{1,4}/g)!;
      const written = pick(rng, [card, groups.join(' '), groups.join('-'), FULL_WIDTH(card)]);
      return { kind, value: card, written };
    }
    case 'landline': {
      const written = generateLandline(rng);
      return { kind, value: written.replace(/\D/g, ''), written };
    }
    case 'email': {
      const email = generateEmail(rng);
      return { kind, value: email, written: email };
    }
  }
}

// Text around the data: Chinese words, punctuation, amounts and dates. Prefixes never end in a
// digit and suffixes never start with one, except where an ID number is glued to digits on purpose.
const PREFIXES = ['', '当事人', '联系电话', '手机：', '身份证号', '卡号', '，', '。', '于2026年3月5日', '罚款5000元，', ' ', 'tel:', 'ID:', '（', '编号A1-', '电话 ', '金额 5000 '];
const SUFFIXES = ['', '。', '，', '）', '号', '元', ' ', '的', '等', ' 2026年', '、', ';'];
const FILLERS = [
  '经查，当事人未经许可在河道管理范围内采砂',
  '违反了《中华人民共和国水法》第三十九条的规定',
  '责令停止违法行为，罚款人民币5000元',
  '2026年3月5日现场检查时发现',
  '取水许可证编号取水(浙杭)字[2026]第0012号',
  '依据《河道采砂管理条例》第二十条',
  '已于2026年4月1日整改完毕',
];

/** A paragraph of filler text with `items` spliced in at random positions and spellings. */
export function generateFreeText(rng: Rng, items: readonly WrittenPersonalData[], extra: readonly string[] = []): string {
  const parts: string[] = Array.from({ length: int(rng, 1, 4) }, () => pick(rng, FILLERS));
  for (const item of [...items.map((i) => ({ item: i, text: '' })), ...extra.map((text) => ({ item: undefined, text }))]) {
    let piece = item.text;
    if (item.item) {
      const gluedDigit = item.item.kind === 'id-number' && rng() < 0.15;
      piece = (gluedDigit ? '第3号' : pick(rng, PREFIXES)) + item.item.written + (gluedDigit ? String(int(rng, 0, 9)) : pick(rng, SUFFIXES));
    }
    parts.splice(int(rng, 0, parts.length), 0, piece);
  }
  // Pieces may touch, but never digit to digit: a number glued to another number is a different,
  // longer number, for a reader as for the scanner (ID numbers glued on purpose above excepted).
  const joiner = pick(rng, ['，', '。', '；', '']);
  return parts.reduce((text, part) =>
    /[0-9０-９Xxｘ]$/.test(text) && /^[0-9０-９]/.test(part) ? `${text}，${part}` : text + joiner + part,
  );
}

const SURNAMES = ['张', '王', '李', '赵', '陈', '欧阳', '司马', '周', '吴'];
const GIVEN = ['三', '四', '小明', '娜娜', '建国', '丽', '伟', '芳芳'];

/** A Chinese person name. */
export function generatePersonName(rng: Rng): string {
  return pick(rng, SURNAMES) + pick(rng, GIVEN);
}
