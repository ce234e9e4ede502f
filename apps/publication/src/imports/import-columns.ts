import type { DecisionKind } from '../decisions/decision-facts.js';

/** How a cell's text becomes a field value. */
export type CellType = 'text' | 'date' | 'list' | 'bool' | 'amount' | 'months' | 'protection';

export interface ImportColumn {
  /** The column header, as in the 双公示 standard (or Spotcheck's extension after it). */
  header: string;
  /** The decision field it fills (see LicenceDecisionDto / PenaltyDecisionDto). */
  field: string;
  type: CellType;
  /** The header must be present (its field is mandatory). */
  required?: boolean;
  /** Part of the 双公示 standard (false: Spotcheck's extension columns). */
  standard: boolean;
}

const party = (documentHeader: string): ImportColumn[] => [
  { header: '行政相对人名称', field: 'partyName', type: 'text', required: true, standard: true },
  { header: '行政相对人类别', field: 'partyKind', type: 'text', required: true, standard: true },
  { header: '统一社会信用代码', field: 'partyCreditCode', type: 'text', standard: true },
  { header: '法定代表人', field: 'legalRepresentative', type: 'text', standard: true },
  ...(documentHeader ? [{ header: documentHeader, field: 'documentNumber', type: 'text' as const, required: true, standard: true }] : []),
];

/** Columns after the standard ones: what the rules need that the standard does not carry. */
const extensions: ImportColumn[] = [
  { header: '身份证号', field: 'partyIdNumber', type: 'text', standard: false },
  { header: '涉及人员', field: 'otherPersons', type: 'list', standard: false },
  { header: '不予公开情形', field: 'protection', type: 'protection', standard: false },
  { header: '公示日期', field: 'publishedOn', type: 'date', standard: false },
];

/** 行政处罚: the standard's columns in its order, then Spotcheck's extensions. */
export const PENALTY_COLUMNS: ImportColumn[] = [
  ...party('行政处罚决定书文号'),
  { header: '违法行为类型', field: 'violationType', type: 'text', required: true, standard: true },
  { header: '违法事实', field: 'violationFacts', type: 'text', required: true, standard: true },
  { header: '处罚依据', field: 'legalBasis', type: 'text', required: true, standard: true },
  { header: '处罚类别', field: 'penaltyTypes', type: 'list', required: true, standard: true },
  { header: '处罚内容', field: 'penaltyContent', type: 'text', required: true, standard: true },
  { header: '罚款金额（万元）', field: 'fineAmount', type: 'amount', standard: true },
  { header: '没收违法所得、没收非法财物的金额（万元）', field: 'confiscatedAmount', type: 'amount', standard: true },
  { header: '暂扣或吊销证照名称及编号', field: 'suspendedOrRevokedLicence', type: 'text', standard: true },
  { header: '处罚决定日期', field: 'decisionDate', type: 'date', required: true, standard: true },
  { header: '处罚有效期', field: 'penaltyValidUntil', type: 'date', standard: true },
  { header: '公示截止期', field: 'displayUntil', type: 'date', standard: true },
  { header: '处罚机关', field: 'authority', type: 'text', required: true, standard: true },
  { header: '处罚机关统一社会信用代码', field: 'authorityCreditCode', type: 'text', required: true, standard: true },
  { header: '数据来源单位', field: 'dataSource', type: 'text', standard: true },
  { header: '数据来源单位统一社会信用代码', field: 'dataSourceCreditCode', type: 'text', standard: true },
  { header: '备注', field: 'remarks', type: 'text', standard: true },
  { header: '处罚程序', field: 'procedure', type: 'text', required: true, standard: false },
  { header: '限制期限（月）', field: 'restrictionMonths', type: 'months', standard: false },
  { header: '严重失信', field: 'serious', type: 'bool', standard: false },
  ...extensions,
];

/** 行政许可: the standard's columns in its order, then Spotcheck's extensions. */
export const LICENCE_COLUMNS: ImportColumn[] = [
  ...party(''),
  { header: '行政许可决定文书名称', field: 'documentName', type: 'text', required: true, standard: true },
  { header: '行政许可决定文书号', field: 'documentNumber', type: 'text', required: true, standard: true },
  { header: '许可类别', field: 'licenceCategory', type: 'text', required: true, standard: true },
  { header: '许可证书名称', field: 'certificateName', type: 'text', standard: true },
  { header: '许可编号', field: 'licenceNumber', type: 'text', standard: true },
  { header: '许可内容', field: 'licenceContent', type: 'text', required: true, standard: true },
  { header: '许可决定日期', field: 'decisionDate', type: 'date', required: true, standard: true },
  { header: '有效期自', field: 'validFrom', type: 'date', required: true, standard: true },
  { header: '有效期至', field: 'validUntil', type: 'date', standard: true },
  { header: '许可机关', field: 'authority', type: 'text', required: true, standard: true },
  { header: '许可机关统一社会信用代码', field: 'authorityCreditCode', type: 'text', required: true, standard: true },
  { header: '当前状态', field: 'status', type: 'text', standard: true },
  { header: '数据来源单位', field: 'dataSource', type: 'text', standard: true },
  { header: '数据来源单位统一社会信用代码', field: 'dataSourceCreditCode', type: 'text', standard: true },
  { header: '备注', field: 'remarks', type: 'text', standard: true },
  ...extensions,
];

export function columnsFor(kind: DecisionKind): ImportColumn[] {
  return kind === 'licence' ? LICENCE_COLUMNS : PENALTY_COLUMNS;
}

/** Headers compare without spaces and with either kind of parentheses: 罚款金额(万元) is 罚款金额（万元）. */
export function normalizeHeader(header: string): string {
  return header.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Values of 不予公开情形 and the flag each sets. */
export const PROTECTION_FLAGS: Record<string, string> = {
  未成年人: 'partyIsMinor',
  国家秘密: 'involvesStateSecret',
  商业秘密: 'involvesCommercialSecret',
  个人隐私: 'involvesPersonalPrivacy',
  危及安全: 'endangersSecurity',
};
