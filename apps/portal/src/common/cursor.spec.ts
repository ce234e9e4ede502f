import { DomainError } from '#domain';
import { isCalendarDate } from './calendar-date.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const raw = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01'])('accepts %s', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2026-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '0000-01-01', '2026-1-1', '2026-01-01T00:00', ' 2026-01-01', 20260101, undefined])(
    'refuses %p',
    (d) => expect(isCalendarDate(d)).toBe(false),
  );
});

describe('cursor', () => {
  it('round-trips what encodeCursor wrote', () => {
    expect(decodeCursor(encodeCursor({ t: '2024-02-29', id: 'n-1' }))).toEqual({ t: '2024-02-29', id: 'n-1' });
    expect(decodeCursor(encodeCursor({ s: 2.5, t: '2024-01-01', id: 'n-2' }))).toEqual({ s: 2.5, t: '2024-01-01', id: 'n-2' });
  });

  it.each([
    ['garbage', 'not-a-cursor!!'],
    ['not JSON', Buffer.from('{t:', 'utf8').toString('base64url')],
    ['null', raw(null)],
    ['an array', raw(['2024-01-01', 'x'])],
    ['an impossible date', raw({ t: '2026-02-30', id: 'x' })],
    ['a date Date.parse takes but ::date may not', raw({ t: 'March 7, 2024 10:00 GMT+13', id: 'x' })],
    ['an empty id', raw({ t: '2024-01-01', id: '' })],
    ['a NUL in the id', raw({ t: '2024-01-01', id: 'a\u0000b' })],
    ['a numeric id', raw({ t: '2024-01-01', id: 5 })],
    ['a string score', raw({ s: '1', t: '2024-01-01', id: 'x' })],
    ['an infinite score', Buffer.from('{"s":1e999,"t":"2024-01-01","id":"x"}', 'utf8').toString('base64url')],
    ['an unknown key', raw({ t: '2024-01-01', id: 'x', extra: 1 })],
  ])('refuses %s with DomainError invalid', (_, text) => {
    expect(() => decodeCursor(text)).toThrow(DomainError);
    try {
      decodeCursor(text);
    } catch (e) {
      expect((e as DomainError).kind).toBe('invalid');
    }
  });
});
