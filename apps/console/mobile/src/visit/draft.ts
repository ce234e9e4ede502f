/** A visit as the phone keeps it while the inspector records it (IndexedDB table `drafts`). */
import type { Fix } from '../geo';
import type { RectificationOutcome, ResultOutcome } from '../outcomes';

export type Answer = 'yes' | 'no' | 'na';

export interface PointAnswer {
  answer?: Answer;
  description?: string;
  legalProvision?: string;
  rectificationDeadline?: string;
}

/** A signature drawn on the phone: the PNG (a stored file, uploaded as evidence of purpose 'signature'). */
export interface DrawnSignature {
  fileId: string;
  sha256: string;
  signedAt: string;
  recordHash: string;
}

export interface InspectorSignature extends DrawnSignature {
  inspectorId: string;
  name: string;
}

export type PartySignature =
  | ({ mode: 'signed'; name: string } & DrawnSignature)
  | { mode: 'refused'; refusalReason: string; witnessName: string; witnessRole: string; signedAt: string; recordHash: string };

export interface Draft {
  assignmentId: string;
  /** The console account that recorded it (a phone may be handed over: nothing is sent on another's session). */
  userId: string;
  inspectorId: string;
  /** Device time (ms) and the instant sent as inspectedAt, both set by 开始检查. */
  startedAt: number | null;
  inspectedAt: string | null;
  fix: Fix | null;
  fixError: string | null;
  place: string;
  /** Keyed by pointKey(itemCode, index). */
  answers: Record<string, PointAnswer>;
  outcome: ResultOutcome | '';
  summary: string;
  followUpBy: string;
  rectification: RectificationOutcome | '';
  /** Stored photo ids, in the order taken. */
  photoIds: string[];
  inspectorSignatures: InspectorSignature[];
  party: PartySignature | null;
  /** Made once, when first queued, and kept for every resend of this submission. */
  idempotencyKey: string | null;
  /** Set while the submission is queued or delivered: the draft is then read-only. */
  submittedAt: number | null;
  updatedAt: number;
}

export const pointKey = (itemCode: string, index: number) => `${itemCode}#${index}`;

export function emptyDraft(assignmentId: string, userId: string, inspectorId: string, place: string, now: number): Draft {
  return {
    assignmentId,
    userId,
    inspectorId,
    startedAt: null,
    inspectedAt: null,
    fix: null,
    fixError: null,
    place,
    answers: {},
    outcome: '',
    summary: '',
    followUpBy: '',
    rectification: '',
    photoIds: [],
    inspectorSignatures: [],
    party: null,
    idempotencyKey: null,
    submittedAt: null,
    updatedAt: now,
  };
}
