import { DomainError } from '../errors.js';
import {
  LifecycleError,
  NOTICE_ACTIONS,
  NOTICE_STATES,
  allowedActions,
  isFinalState,
  isPubliclyVisible,
  transition,
  versionAfter,
  type NoticeAction,
  type NoticeState,
} from './notice-lifecycle.js';

const LEGAL: Record<string, NoticeState> = {
  'draft schedule': 'scheduled',
  'draft publish': 'published',
  'scheduled unschedule': 'draft',
  'scheduled publish': 'published',
  'published correct': 'corrected',
  'published withdraw': 'withdrawn',
  'published expire': 'expired',
  'published remove_early': 'removed_early',
  'corrected correct': 'corrected',
  'corrected withdraw': 'withdrawn',
  'corrected expire': 'expired',
  'corrected remove_early': 'removed_early',
};

describe('notice lifecycle', () => {
  it('allows exactly the transitions of the diagram and refuses all others', () => {
    for (const state of NOTICE_STATES) {
      for (const action of NOTICE_ACTIONS) {
        const expected = LEGAL[`${state} ${action}`];
        if (expected) expect(transition(state, action)).toBe(expected);
        else expect(() => transition(state, action)).toThrow(LifecycleError);
      }
    }
  });

  it('refuses to withdraw a draft and to publish a withdrawn notice, saying what is allowed', () => {
    expect(() => transition('draft', 'withdraw')).toThrow('cannot withdraw a notice that is draft (allowed: schedule, publish)');
    expect(() => transition('withdrawn', 'publish')).toThrow('cannot publish a notice that is withdrawn (no action is allowed any more)');
  });

  it('throws a typed conflict error the HTTP layer can map to 409', () => {
    try {
      transition('expired', 'correct');
      throw new Error('expected a LifecycleError');
    } catch (error) {
      expect(error).toBeInstanceOf(LifecycleError);
      expect(error).toBeInstanceOf(DomainError);
      const e = error as LifecycleError;
      expect(e.kind).toBe('conflict');
      expect(e.code).toBe('ILLEGAL_NOTICE_TRANSITION');
      expect([e.state, e.action, e.allowed]).toEqual(['expired', 'correct', []]);
    }
  });

  it('refuses unknown states and actions from requests with the same error', () => {
    expect(() => transition('archived' as NoticeState, 'publish')).toThrow(LifecycleError);
    expect(() => transition('draft', 'delete' as NoticeAction)).toThrow(LifecycleError);
  });

  it('keeps corrections as new versions', () => {
    expect(versionAfter(1, 'correct')).toBe(2);
    expect(versionAfter(2, 'withdraw')).toBe(2);
    expect(() => versionAfter(0, 'correct')).toThrow(DomainError);
  });

  it('shows only published and corrected notices, and ends in three final states', () => {
    expect(NOTICE_STATES.filter(isPubliclyVisible)).toEqual(['published', 'corrected']);
    expect(NOTICE_STATES.filter(isFinalState)).toEqual(['withdrawn', 'expired', 'removed_early']);
    expect(allowedActions('scheduled')).toEqual(['unschedule', 'publish']);
  });
});
