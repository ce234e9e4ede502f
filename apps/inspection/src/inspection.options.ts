/** Settings of the inspection app beyond the platform's (see InspectionEnv for their variables). */
export interface InspectionSettings {
  /** Where LocalDiskEvidenceStore keeps evidence files. */
  evidenceDir: string;
  /** Largest evidence file accepted, in bytes; a larger upload gets 413 and nothing is stored. */
  evidenceMaxBytes: number;
  /** How often the overdue scan runs; 0 turns the loop off (tests call scanOnce). */
  overdueScanMs: number;
  /** Where LocalDiskPartialUploadStore keeps the bytes of resumable uploads under way. */
  evidenceUploadDir: string;
  /** A resumable upload untouched for this long is abandoned: its state and bytes are removed. */
  evidenceUploadTtlHours: number;
  /** How often the sweep of abandoned uploads runs; 0 turns the loop off (tests call sweepOnce). */
  uploadSweepMs: number;
  /** Most resumable uploads one inspection may have unfinished at once (a new one beyond: 409). */
  uploadsPerAssignment: number;
  /** Most bytes the unfinished uploads of one inspection may declare together (a new one beyond: 413). */
  uploadBytesPerAssignment: number;
}

export const INSPECTION_SETTINGS = Symbol('INSPECTION_SETTINGS');

export const INSPECTION_DEFAULTS = { evidenceMaxBytes: 20 * 1024 * 1024, overdueScanMs: 60_000, evidenceUploadTtlHours: 7 * 24, uploadSweepMs: 60 * 60_000,
  uploadsPerAssignment: 30, uploadBytesPerAssignment: 300 * 1024 * 1024 } as const;
