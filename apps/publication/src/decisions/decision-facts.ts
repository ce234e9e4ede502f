import type { LicenceCategory, PartyKind, PenaltyProcedure, PenaltyType } from '#domain';

/**
 * A decision as the officer entered it: complete and unredacted. Stored inside the service only;
 * what leaves it is the notice built from these facts by build-notice.ts.
 */
export interface DecisionFactsBase {
  /** 行政相对人名称. */
  partyName: string;
  /** 相对人类别. */
  partyKind: PartyKind;
  /** 统一社会信用代码 (organisations, and 个体工商户 that have one). */
  partyCreditCode?: string;
  /** 身份证号 of a natural-person party or operator: kept for minority checks, never published. */
  partyIdNumber?: string;
  /** 法定代表人 (or 经营者). */
  legalRepresentative?: string;
  /** Other natural persons named in the case: masked wherever they appear, never published. */
  otherPersons?: string[];
  partyIsMinor?: boolean;
  involvesStateSecret?: boolean;
  involvesCommercialSecret?: boolean;
  involvesPersonalPrivacy?: boolean;
  endangersSecurity?: boolean;
  /** 决定文书号 (行政处罚决定书文号 / 行政许可决定文书号). */
  documentNumber: string;
  /** 决定日期, YYYY-MM-DD. */
  decisionDate: string;
  /** 处罚机关 / 许可机关 and its credit code. */
  authority: string;
  authorityCreditCode: string;
  /** 数据来源单位 and its credit code. */
  dataSource?: string;
  dataSourceCreditCode?: string;
  /** 备注. */
  remarks?: string;
  /** 行政区划, for the portal's region filter. */
  region?: string;
}

export interface LicenceFacts extends DecisionFactsBase {
  kind: 'licence';
  /** 行政许可决定文书名称. */
  documentName: string;
  /** 许可类别. */
  licenceCategory: LicenceCategory;
  /** 许可证书名称. */
  certificateName?: string;
  /** 许可编号. */
  licenceNumber?: string;
  /** 许可内容. */
  licenceContent: string;
  /** 有效期自 / 有效期至 (absent: 长期). */
  validFrom: string;
  validUntil?: string;
  /** 当前状态. */
  status: '有效' | '无效';
}

export interface PenaltyFacts extends DecisionFactsBase {
  kind: 'penalty';
  /** 违法行为类型. */
  violationType: string;
  /** 违法事实. */
  violationFacts: string;
  /** 处罚依据. */
  legalBasis: string;
  /** 处罚类别. */
  penaltyTypes: PenaltyType[];
  /** 处罚内容. */
  penaltyContent: string;
  /** 罚款金额（万元）, 6 decimals. */
  fineAmount?: string;
  /** 没收违法所得、没收非法财物的金额（万元）, 6 decimals. */
  confiscatedAmount?: string;
  /** 暂扣或吊销证照名称及编号. */
  suspendedOrRevokedLicence?: string;
  /** 处罚有效期. */
  penaltyValidUntil?: string;
  /** 公示截止期 set by the bureau; when absent it is computed from the display-period table. */
  displayUntil?: string;
  /** 处罚程序: only 普通程序 decisions are published. */
  procedure: PenaltyProcedure;
  /** Length of a ban (限制从业 …) in months; with lifetimeRestriction: for life. */
  restrictionMonths?: number;
  lifetimeRestriction?: boolean;
  /** 严重失信: a longer minimum before early removal (信用修复). */
  serious?: boolean;
  /** Marked 重大 by the officer: needs legal review (法制审核) before publication. */
  major?: boolean;
}

export type DecisionFacts = LicenceFacts | PenaltyFacts;
export type DecisionKind = DecisionFacts['kind'];
