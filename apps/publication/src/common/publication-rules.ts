import { DEFAULT_DISPLAY_PERIOD_CONFIG, DEFAULT_MAJOR_DECISION_CONFIG, deadlineConfig, type DeadlineConfig, type DeadlineKind, type DisplayPeriodConfig, type MajorDecisionConfig } from '#domain';

/**
 * The configurable numbers of the publication duty (docs/regulations.md §5). Defaults are the national ones;
 * a province with other rules (e.g. 5 working days to withdraw) overrides them at start-up.
 */
export interface PublicationRules {
  /** Working days per duty (decisions 7, spot-check results 20, withdrawal 3). */
  deadlines: DeadlineConfig;
  /** The display-period table for penalties (3 months / 3 years / ban length, longest applies). */
  displayPeriods: DisplayPeriodConfig;
  /** Months a licence notice stays on the portal; null: until withdrawn (信用中国 practice). */
  licenceDisplayMonths: number | null;
  /** Months a spot-check result notice stays on the portal; null: until withdrawn. */
  spotCheckDisplayMonths: number | null;
  /** The bureau's holiday override file (config/holidays/overrides.json); re-read when it changes. */
  holidayOverridesFile: string;
  /** True when the file was configured explicitly: then a missing file stops the service. */
  holidayOverridesRequired: boolean;
  /** How often the scheduler looks for notices to publish or expire; 0 turns the loop off. */
  schedulerIntervalMs: number;
  /** "Due soon" in the officers' view: due within this many working days. */
  dueSoonWorkingDays: number;
  /** What makes a penalty decision major (重大执法决定): it then needs legal review (法制审核) before publication. */
  majorDecisions: MajorDecisionConfig;
}

export const PUBLICATION_RULES = Symbol('PUBLICATION_RULES');

export function publicationRules(overrides: Partial<Omit<PublicationRules, 'deadlines'>> & { deadlines?: Partial<Record<DeadlineKind, number>> } = {}): PublicationRules {
  const { deadlines, ...rest } = overrides;
  return {
    displayPeriods: DEFAULT_DISPLAY_PERIOD_CONFIG,
    licenceDisplayMonths: null,
    spotCheckDisplayMonths: null,
    holidayOverridesFile: 'config/holidays/overrides.json',
    holidayOverridesRequired: false,
    schedulerIntervalMs: 60_000,
    dueSoonWorkingDays: 3,
    majorDecisions: DEFAULT_MAJOR_DECISION_CONFIG,
    ...rest,
    deadlines: deadlineConfig(deadlines ?? {}),
  };
}
