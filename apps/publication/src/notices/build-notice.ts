import type { NoticeKind, NoticePublishedPayload, RectificationOutcome, ResultRecordedPayload, SpotCheckFacts, TargetKind } from '#contracts';
import { DomainError, findPersonalData, redactNotice, redactText, type PartyKind } from '#domain';
import type { DecisionFacts, PenaltyFacts } from '../decisions/decision-facts.js';

/** What the notice needs besides the facts. */
export interface NoticeMeta {
  noticeId: string;
  version: number;
  kind: NoticeKind;
  department: string;
  publishedAt: Date;
  displayUntil: string | null;
  onTime: boolean;
}

type Fields = NoticePublishedPayload['fields'];

/** Fields kept verbatim by redaction (codes, numbers): scanned for ID numbers only. */
const IDENTIFIER_FIELDS = new Set(['统一社会信用代码', '行政处罚决定书文号', '行政许可决定文书号', '许可编号', '处罚机关统一社会信用代码', '许可机关统一社会信用代码', '数据来源单位统一社会信用代码', '任务编号', '检查对象代码']);

/**
 * The redacted notice of a licence or penalty decision: the 双公示 fields by their Chinese names,
 * run through the domain redaction (natural persons' names masked, ID numbers, phones, cards,
 * accounts and listed names masked inside free text), then checked once more before it may leave.
 * Only fields meant for the public are handed to redaction at all: the ID number, the list of
 * other persons and the non-publication flags never get near the payload.
 */
export function buildDecisionNotice(meta: NoticeMeta, facts: DecisionFacts): NoticePublishedPayload {
  const natural = facts.partyKind === '自然人';
  const common = {
    partyKind: facts.partyKind,
    partyName: facts.partyName,
    otherPersons: facts.otherPersons ?? [],
    partyCreditCode: natural ? undefined : facts.partyCreditCode,
    legalRepresentative: facts.legalRepresentative,
    documentNumber: facts.documentNumber,
    authority: facts.authority,
    authorityCreditCode: facts.authorityCreditCode,
    dataSource: facts.dataSource,
    dataSourceCreditCode: facts.dataSourceCreditCode,
    remarks: facts.remarks,
  };
  if (facts.kind === 'licence') {
    const r = redactNotice({
      ...common,
      documentName: facts.documentName,
      certificateName: facts.certificateName,
      licenceNumber: facts.licenceNumber,
      licenceContent: facts.licenceContent,
    });
    const fields: Fields = {
      行政相对人名称: r.partyName,
      行政相对人类别: facts.partyKind,
      统一社会信用代码: r.partyCreditCode ?? null,
      法定代表人: r.legalRepresentative ?? null,
      行政许可决定文书名称: r.documentName,
      行政许可决定文书号: r.documentNumber,
      许可类别: facts.licenceCategory,
      许可证书名称: r.certificateName ?? null,
      许可编号: r.licenceNumber ?? null,
      许可内容: r.licenceContent,
      许可决定日期: facts.decisionDate,
      有效期自: facts.validFrom,
      有效期至: facts.validUntil ?? '长期',
      许可机关: r.authority,
      许可机关统一社会信用代码: r.authorityCreditCode,
      当前状态: facts.status,
      数据来源单位: r.dataSource ?? null,
      数据来源单位统一社会信用代码: r.dataSourceCreditCode ?? null,
      备注: r.remarks ?? null,
    };
    return finish(meta, facts, r.partyName, r.partyCreditCode, `${r.partyName} ${r.documentName}（${r.documentNumber}）`, fields, [r.licenceContent, r.remarks]);
  }
  const r = redactNotice({
    ...common,
    violationType: facts.violationType,
    violationFacts: facts.violationFacts,
    legalBasis: facts.legalBasis,
    penaltyContent: facts.penaltyContent,
    // Free text in the domain policy: officers write a licence's name and holder into it.
    suspendedOrRevokedLicence: facts.suspendedOrRevokedLicence,
  });
  const fields: Fields = {
    行政相对人名称: r.partyName,
    行政相对人类别: facts.partyKind,
    统一社会信用代码: r.partyCreditCode ?? null,
    法定代表人: r.legalRepresentative ?? null,
    行政处罚决定书文号: r.documentNumber,
    违法行为类型: r.violationType,
    违法事实: r.violationFacts,
    处罚依据: r.legalBasis,
    处罚类别: facts.penaltyTypes,
    处罚内容: r.penaltyContent,
    '罚款金额（万元）': amount(facts.fineAmount),
    '没收违法所得、没收非法财物的金额（万元）': amount(facts.confiscatedAmount),
    暂扣或吊销证照名称及编号: r.suspendedOrRevokedLicence ?? null,
    处罚决定日期: facts.decisionDate,
    处罚有效期: facts.penaltyValidUntil ?? null,
    公示截止期: meta.displayUntil,
    处罚机关: r.authority,
    处罚机关统一社会信用代码: r.authorityCreditCode,
    数据来源单位: r.dataSource ?? null,
    数据来源单位统一社会信用代码: r.dataSourceCreditCode ?? null,
    备注: r.remarks ?? null,
  };
  return finish(meta, facts, r.partyName, r.partyCreditCode, `${r.partyName} 行政处罚决定（${r.documentNumber}）`, fields, [r.violationType, r.violationFacts, r.penaltyContent, r.remarks], facts as PenaltyFacts);
}

/**
 * The party kind of a spot-check target, from the closed list of target kinds planning and inspection use
 * (organisation, individual_business, site, project, and natural_person for a 即时检查 of a person).
 * Anything else (a kind from an older or foreign producer) is treated as a natural person: masking an
 * organisation's name is a lesser harm than publishing a person's.
 */
const PARTY_KIND_OF_TARGET_KIND: Readonly<Record<TargetKind, PartyKind>> = {
  natural_person: '自然人',
  individual_business: '个体工商户',
  organisation: '法人及非法人组织',
  site: '法人及非法人组织',
  project: '法人及非法人组织',
};

export function targetPartyKind(targetKind: string): PartyKind {
  return Object.hasOwn(PARTY_KIND_OF_TARGET_KIND, targetKind) ? PARTY_KIND_OF_TARGET_KIND[targetKind as TargetKind] : '自然人';
}

/** What a spot-check notice keeps of the follow-up inspection (整改复查) of its rectification order. */
export interface RectificationFacts {
  outcome: RectificationOutcome;
  /** The date of the follow-up inspection. */
  inspectionDate: string;
  /** The 整改期限 it checked. */
  deadline: string;
  /** The follow-up result's version: a later one replaces it, an older or equal one changes nothing. */
  followUpVersion: number;
}

/** The facts of a spot-check notice: the result as inspection sent it, and its follow-up once there is one. */
export type SpotCheckNoticeFacts = ResultRecordedPayload & { rectification?: RectificationFacts };

/**
 * The redacted notice of a spot-check result (docs/regulations.md §6): task, items, target, date, outcome,
 * departments; with a rectification order, its 整改期限, and once followed up, the 整改复查 outcome and date.
 */
export function buildSpotCheckNotice(meta: NoticeMeta, result: SpotCheckNoticeFacts): NoticePublishedPayload {
  const partyKind = targetPartyKind(result.targetKind);
  const r = redactNotice({
    partyKind,
    partyName: result.targetName,
    partyCreditCode: partyKind === '自然人' ? undefined : result.targetCode,
    taskName: result.taskName,
    taskNumber: result.taskNumber,
    findingsSummary: result.findingsSummary,
    items: result.items.map((i) => i.name),
  });
  const fields: Fields = {
    任务名称: r.taskName,
    任务编号: r.taskNumber ?? null,
    抽查事项: r.items,
    检查对象名称: r.partyName,
    检查对象类别: result.targetKind,
    检查对象代码: r.partyCreditCode ?? null,
    检查日期: result.inspectionDate,
    检查结果: result.outcome,
    检查情况: r.findingsSummary,
    检查方式: result.kind === 'random' ? '双随机抽查' : '即时检查',
    检查实施部门: result.departments,
    ...(result.rectificationDeadline || result.rectification ? { 整改期限: result.rectification?.deadline ?? result.rectificationDeadline ?? null } : {}),
    ...(result.rectification ? { 整改复查结果: result.rectification.outcome, 整改复查日期: result.rectification.inspectionDate } : {}),
  };
  const followUp = result.rectification ? `整改复查（${result.rectification.inspectionDate}）：${result.rectification.outcome}` : undefined;
  const spotCheck: SpotCheckFacts = {
    inspectionKind: result.kind,
    channel: result.channel,
    items: result.items.map((i) => ({ code: i.code, name: i.name, version: i.version })),
    outcome: result.outcome,
    inspectionDate: result.inspectionDate,
    ...(result.taskId ? { taskId: result.taskId } : {}),
    ...(result.drawId ? { drawId: result.drawId } : {}),
  };
  const payload: NoticePublishedPayload = {
    noticeId: meta.noticeId,
    version: meta.version,
    kind: 'spot_check',
    department: meta.department,
    title: `${r.taskName}：${r.partyName} 抽查结果`,
    partyName: r.partyName,
    partyKind,
    ...(r.partyCreditCode ? { creditCode: r.partyCreditCode } : {}),
    ...(r.taskNumber ? { documentNumber: r.taskNumber } : {}),
    decisionDate: result.inspectionDate,
    publishedAt: meta.publishedAt.toISOString(),
    ...(meta.displayUntil ? { displayUntil: meta.displayUntil } : {}),
    onTime: meta.onTime,
    spotCheck,
    fields,
    // The findings summary usually opens with the outcome: say it once in the searchable text.
    body: [r.taskName, ...r.items, r.findingsSummary?.includes(result.outcome) ? undefined : result.outcome, r.findingsSummary, followUp].filter(Boolean).join('\n'),
  };
  assertNothingPersonal(payload, [r.partyCreditCode]);
  return payload;
}

function finish(
  meta: NoticeMeta,
  facts: DecisionFacts,
  partyName: string,
  creditCode: string | undefined,
  title: string,
  fields: Fields,
  bodyParts: (string | undefined)[],
  penalty?: PenaltyFacts,
): NoticePublishedPayload {
  const payload: NoticePublishedPayload = {
    noticeId: meta.noticeId,
    version: meta.version,
    kind: meta.kind,
    department: meta.department,
    ...(facts.region ? { region: redactText(facts.region) } : {}),
    title,
    partyName,
    partyKind: facts.partyKind,
    ...(creditCode ? { creditCode } : {}),
    documentNumber: fields[facts.kind === 'licence' ? '行政许可决定文书号' : '行政处罚决定书文号'] as string,
    decisionDate: facts.decisionDate,
    publishedAt: meta.publishedAt.toISOString(),
    ...(meta.displayUntil ? { displayUntil: meta.displayUntil } : {}),
    ...(penalty ? { penaltyTypes: [...penalty.penaltyTypes] } : {}),
    onTime: meta.onTime,
    fields,
    body: bodyParts.filter((p): p is string => !!p).join('\n'),
  };
  assertNothingPersonal(payload, [creditCode, facts.authorityCreditCode, facts.dataSourceCreditCode]);
  return payload;
}

function amount(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}

/** Same kinds the public-surface scan looks for (containsPersonalData), plus unverified ID numbers. */
const SCANNED = ['id-number', 'mobile', 'bank-card'] as const;

/**
 * The last gate before a notice leaves: whatever redaction missed, nothing that scans as an ID
 * number, a mobile number or a bank card goes out. Identifier fields (document and licence numbers)
 * are checked for ID numbers only, since a long licence number can pass the Luhn check by chance.
 */
function assertNothingPersonal(payload: NoticePublishedPayload, publicCodes: (string | undefined)[]): void {
  const codes = publicCodes.filter((c): c is string => !!c);
  const offending: string[] = [];
  const scan = (where: string, value: unknown, identifier: boolean) => {
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    for (const text of texts) {
      if (findPersonalData(text, { publicCodes: codes, kinds: identifier ? ['id-number'] : SCANNED }).length) offending.push(where);
    }
  };
  scan('title', payload.title, false);
  scan('partyName', payload.partyName, false);
  scan('body', payload.body, false);
  scan('creditCode', payload.creditCode, true);
  scan('documentNumber', payload.documentNumber, true);
  for (const [name, value] of Object.entries(payload.fields)) scan(name, value, IDENTIFIER_FIELDS.has(name));
  if (offending.length) {
    throw new DomainError('unprocessable', `the notice would still show personal data in: ${[...new Set(offending)].join(', ')}; correct the decision before publishing`);
  }
}
