/**
 * The kinds of inspection target (检查对象) every app speaks of: planning's directory holds the first
 * four; an ad-hoc inspection (即时检查) may also concern a natural person outside the directory.
 * Publication decides from the kind whether a notice's party is a natural person, so the list is
 * shared here rather than guessed from free text.
 */
export const DIRECTORY_TARGET_KINDS = ['organisation', 'individual_business', 'site', 'project'] as const;
export const TARGET_KINDS = [...DIRECTORY_TARGET_KINDS, 'natural_person'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
