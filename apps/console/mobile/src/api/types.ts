/** The inspection service's answers as the phone reads them (docs/inspection.md, the issue-14 contract). */

export interface TeamMember {
  inspectorId: string;
  name: string;
  department: string | null;
  certificateNo: string | null;
}

export interface AssignedItem {
  code: string;
  name: string;
  version: number;
  /** 检查内容 of that item version; [] when the service does not know them. */
  checkPoints?: string[];
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface Target {
  id: string | null;
  name: string;
  code: string | null;
  kind: string;
  region: string | null;
  address?: string | null;
  location?: GeoPoint | null;
}

export interface CheckPointFinding {
  index?: number;
  label: string;
  compliant: boolean;
  legalProvision?: string;
  description?: string;
  rectificationDeadline?: string;
}

export interface ItemFinding {
  itemCode: string;
  checkPoints: CheckPointFinding[];
  note?: string;
}

export interface SignatureEntry {
  signer: 'inspector' | 'party';
  inspectorId?: string;
  name?: string;
  image?: string;
  refused?: boolean;
  refusalReason?: string;
  witness?: { name: string; role: string };
  signedAt: string;
  recordHash: string;
}

export interface ResultRevision {
  id: string;
  resultId: string;
  assignmentId: string;
  revision: number;
  version: number | null;
  status: 'pending' | 'confirmed' | 'disputed' | string;
  outcome: string;
  findings: ItemFinding[];
  summary: string;
  rectificationDeadline: string | null;
  rectification: string | null;
  inspectedAt: string;
  place: string;
  location: (GeoPoint & { accuracyMeters: number | null }) | null;
  evidence: string[];
  submittedBy: string;
  submittedAt: string;
  confirmations: { inspectorId: string; confirmedAt: string }[];
  awaiting: string[];
  disputedBy: string | null;
  disputeReason: string | null;
  recordHash?: string | null;
  signatures?: SignatureEntry[] | null;
}

export interface EvidenceView {
  id: string;
  sha256: string;
  contentType: string;
  size: number;
  fileName: string | null;
  purpose?: 'photo' | 'signature';
  capturedAt?: string | null;
}

export interface Assignment {
  id: string;
  kind: 'random' | 'immediate' | 'follow-up' | string;
  status: 'assigned' | 'in_progress' | 'overdue' | 'submitted' | 'confirmed' | 'cancelled' | string;
  task: { taskId: string | null; drawId: string | null; name: string; number: string | null };
  department: string;
  target: Target;
  items: AssignedItem[];
  dueDate: string;
  team: TeamMember[];
  reason: string | null;
  notBefore: string;
  startedAt: string | null;
  followUpOf: { assignmentId: string; resultId: string; rectificationDeadline: string } | null;
  results?: ResultRevision[];
  evidence?: EvidenceView[];
}

export interface AssignmentPage {
  items: Assignment[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Badge {
  token: string;
  url: string;
  expiresAt: string;
  qrSvg: string;
  officer: { id: string; certificateNo: string; name: string };
  assignment?: { id: string; task: string; items: string[]; target: string; from: string; to: string };
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  department: string | null;
  inspectorId: string | null;
  mustChangePassword: boolean;
}

/** The resumable upload's state (POST …/evidence/uploads). */
export interface UploadState {
  sha256: string;
  size: number;
  offset: number;
  complete: boolean;
  evidence?: EvidenceView;
}
