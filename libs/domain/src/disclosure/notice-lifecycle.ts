/**
 * Lifecycle of a published notice (公示信息):
 *
 * ```
 * draft ──schedule──▶ scheduled ──publish──▶ published ──correct──▶ corrected ──correct──▶ corrected
 *   │  ◀──unschedule──┘                         │                      │
 *   └──────────publish─────────────────────────▶│                      │
 *                                  withdraw / expire / remove_early (from published or corrected)
 *                                               ▼
 *                                withdrawn | expired | removed_early   (final)
 * ```
 *
 * `correct` publishes a new version; the service keeps every earlier version (see
 * {@link versionAfter}). Only `published` and `corrected` notices are public.
 */

import { DomainError, invalid } from '../errors.js';

/** Every state. */
export const NOTICE_STATES = ['draft', 'scheduled', 'published', 'corrected', 'withdrawn', 'expired', 'removed_early'] as const;
/** One state. */
export type NoticeState = (typeof NOTICE_STATES)[number];

/** Every action. */
export const NOTICE_ACTIONS = ['schedule', 'unschedule', 'publish', 'correct', 'withdraw', 'expire', 'remove_early'] as const;
/**
 * One action: `withdraw` when the decision was revoked (撤回), `expire` at the end of the display
 * period, `remove_early` after a granted credit-repair request (信用修复).
 */
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

const PUBLIC_EXITS = { correct: 'corrected', withdraw: 'withdrawn', expire: 'expired', remove_early: 'removed_early' } as const;

const TRANSITIONS: Readonly<Record<NoticeState, Partial<Record<NoticeAction, NoticeState>>>> = Object.freeze({
  draft: { schedule: 'scheduled', publish: 'published' },
  scheduled: { unschedule: 'draft', publish: 'published' },
  published: PUBLIC_EXITS,
  corrected: PUBLIC_EXITS,
  withdrawn: {},
  expired: {},
  removed_early: {},
});

/**
 * An action that is not allowed in the notice's current state. A {@link DomainError} of kind
 * 'conflict', so the HTTP layer answers 409 with the allowed actions in `details`.
 */
export class LifecycleError extends DomainError {
  override name = 'LifecycleError';
  /** Stable code for API error bodies. */
  readonly code = 'ILLEGAL_NOTICE_TRANSITION';

  constructor(
    readonly state: string,
    readonly action: string,
    readonly allowed: readonly NoticeAction[],
  ) {
    super(
      'conflict',
      `cannot ${action} a notice that is ${state}` +
        (allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : ' (no action is allowed any more)'),
      { state, action, allowed },
    );
  }
}

/** Type guard for {@link NoticeState}. */
export function isNoticeState(value: unknown): value is NoticeState {
  return (NOTICE_STATES as readonly unknown[]).includes(value);
}

/** Type guard for {@link NoticeAction}. */
export function isNoticeAction(value: unknown): value is NoticeAction {
  return (NOTICE_ACTIONS as readonly unknown[]).includes(value);
}

/** The actions allowed in `state` (none in a final state). */
export function allowedActions(state: NoticeState): NoticeAction[] {
  return isNoticeState(state) ? (Object.keys(TRANSITIONS[state]) as NoticeAction[]) : [];
}

/**
 * The state after `action`. Throws {@link LifecycleError} when the action is not allowed, e.g.
 * withdrawing a draft (nothing is public to withdraw) or publishing a withdrawn notice (a revoked
 * decision never comes back; a new decision is a new notice). Strings that are not a state or an
 * action (from a request body) throw the same error.
 */
export function transition(state: NoticeState, action: NoticeAction): NoticeState {
  const next = isNoticeState(state) && isNoticeAction(action) ? TRANSITIONS[state][action] : undefined;
  if (next === undefined) throw new LifecycleError(String(state), String(action), allowedActions(state));
  return next;
}

/** True for the states in which the notice is shown on the portal. */
export function isPubliclyVisible(state: NoticeState): boolean {
  return state === 'published' || state === 'corrected';
}

/** True for the final states, from which no action leads anywhere. */
export function isFinalState(state: NoticeState): boolean {
  return isNoticeState(state) && allowedActions(state).length === 0;
}

/** The version number after `action`: a correction adds a version, nothing else does. */
export function versionAfter(version: number, action: NoticeAction): number {
  if (!Number.isInteger(version) || version < 1) throw invalid(`version must be a positive integer, got ${version}`);
  return action === 'correct' ? version + 1 : version;
}
