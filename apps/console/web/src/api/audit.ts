/** The full-process record (执法全过程记录) each service serves at /audit (auditors, admins). */
import { get, withQuery } from './http';

export const AUDIT_SERVICES = [
  { value: 'planning', label: '计划与抽取（planning）' },
  { value: 'inspection', label: '检查实施（inspection）' },
  { value: 'publication', label: '决定公示（publication）' },
] as const;
export type AuditService = (typeof AUDIT_SERVICES)[number]['value'];

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  subject: string;
  roles: string[];
  department: string | null;
  action: string;
  entityIds: string[];
  changes: unknown;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  entity?: string;
  subject?: string;
  department?: string;
  /** ISO 8601 instants with offset. */
  from?: string;
  to?: string;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  head: string;
  brokenAt?: { seq?: number; id?: string; reason?: string; [k: string]: unknown };
}

export const auditApi = {
  list: (service: AuditService, filter: AuditFilter, before?: number, limit = 50) =>
    get<{ items: AuditRecord[]; next: number | null }>(`/api/${service}/audit`, { ...filter, before, limit }),
  verify: (service: AuditService) => get<ChainVerdict>(`/api/${service}/audit/verify`),
  exportHref: (service: AuditService, filter: AuditFilter) => withQuery(`/api/${service}/audit/export`, { ...filter }),
};
