/** Inspection's API through the console (/api/inspection/…): a task's progress and its inspections. */
import { get, request } from './http';

const BASE = '/api/inspection';

export const ASSIGNMENT_STATUS_LABELS: Record<string, string> = {
  assigned: '待检查', in_progress: '检查中', submitted: '已提交', confirmed: '已确认', overdue: '已逾期', cancelled: '已取消',
};

export interface AssignmentSummary {
  id: string;
  kind: string;
  status: string;
  task: { id?: string; name?: string; number?: string | null } | null;
  department: string;
  departments: string[];
  target: { id?: string; name: string; creditCode?: string | null; [k: string]: unknown };
  items: { code: string; name: string; version?: number }[];
  dueDate: string;
  team: { inspectorId: string; name: string; department: string; certificateNo: string }[];
  startedAt: string | null;
  overdueAt: string | null;
}

export interface TaskProgress {
  taskId: string;
  taskName: string;
  taskNumber: string | null;
  department: string;
  draws: { drawId: string; batchesReceived: number; batchCount: number; assignmentsReceived: number; totalAssignments: number; complete: boolean }[];
  total: number;
  byStatus: Record<string, number>;
  overdue: AssignmentSummary[];
}

export interface CheckPointFinding {
  index?: number;
  label: string;
  compliant: boolean;
  legalProvision?: string;
  description?: string;
  rectificationDeadline?: string;
}

export interface ResultRevision {
  id: string;
  revision: number;
  version: number | null;
  status: string;
  outcome: string;
  findings: { itemCode: string; checkPoints: CheckPointFinding[]; note?: string }[];
  summary: string;
  rectificationDeadline: string | null;
  inspectedAt: string;
  inspectionDate: string;
  place: string;
  location: { latitude: number; longitude: number; accuracyMeters: number | null } | null;
  channel: string;
  evidence: string[];
  submittedBy: string;
  submittedAt: string;
  correctionReason: string | null;
  confirmations: { inspectorId: string; confirmedAt: string }[];
  awaiting: string[];
  disputedBy: string | null;
  disputeReason: string | null;
  confirmedAt: string | null;
}

export interface EvidenceFile {
  id: string;
  sha256: string;
  contentType: string;
  size: number;
  fileName: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

export interface AssignmentDetail extends AssignmentSummary {
  results: ResultRevision[];
  evidence: EvidenceFile[];
  followUp: { assignmentId: string; status: string; dueDate: string } | null;
}

export const RESULT_STATUS_LABELS: Record<string, string> = { pending: '待确认', confirmed: '已确认', disputed: '有异议', void: '已作废' };

export const IMMEDIATE_TRIGGERS: Record<string, string> = { complaint: '投诉', tip_off: '举报', patrol: '巡查发现', referral: '移送', other: '其他' };

/** CreateImmediateInspectionDto. */
export interface ImmediateInspectionInput {
  target: { id?: string; name: string; code?: string; kind: string; region?: string };
  items: { code: string; name: string; version: number }[];
  team: { inspectorId: string; name: string; certificateNo: string; department?: string }[];
  reason: string;
  trigger?: string;
  dueDate?: string;
}

export const inspectionApi = {
  /** 即时检查; the idempotency key makes a repeated click open one inspection, not two. */
  openImmediate: (body: ImmediateInspectionInput, idempotencyKey: string) =>
    request<AssignmentDetail>('POST', `${BASE}/immediate-inspections`, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  assignment: (id: string) => get<AssignmentDetail>(`${BASE}/assignments/${encodeURIComponent(id)}`),
  evidenceHref: (assignmentId: string, sha256: string) => `${BASE}/assignments/${encodeURIComponent(assignmentId)}/evidence/${encodeURIComponent(sha256)}`,
  progress: (taskId: string) => get<TaskProgress>(`${BASE}/tasks/${encodeURIComponent(taskId)}/progress`),
  assignments: (q: { taskId: string; status?: string; page: number; pageSize: number }) =>
    get<{ items: AssignmentSummary[]; total: number; page: number; pageSize: number }>(`${BASE}/assignments`, { ...q }),
};
