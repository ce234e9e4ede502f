/** Settings of the inspection app beyond the platform's (see InspectionEnv for their variables). */
export interface InspectionSettings {
  /** Where LocalDiskEvidenceStore keeps evidence files. */
  evidenceDir: string;
  /** Largest evidence file accepted, in bytes; a larger upload gets 413 and nothing is stored. */
  evidenceMaxBytes: number;
  /** How often the overdue scan runs; 0 turns the loop off (tests call scanOnce). */
  overdueScanMs: number;
}

export const INSPECTION_SETTINGS = Symbol('INSPECTION_SETTINGS');

export const INSPECTION_DEFAULTS = { evidenceMaxBytes: 20 * 1024 * 1024, overdueScanMs: 60_000 } as const;
