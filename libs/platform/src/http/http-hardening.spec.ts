import { QueryFailedError } from 'typeorm';
import { DomainExceptionFilter, pgClientErrorStatus } from './domain-exception.filter.js';
import { jsonNestingExceeds } from './http-hardening.js';

describe('jsonNestingExceeds', () => {
  const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

  it('counts arrays and objects, refusing one level beyond the limit', () => {
    expect(jsonNestingExceeds(Buffer.from(nested(64)), 64)).toBe(false);
    expect(jsonNestingExceeds(Buffer.from(nested(65)), 64)).toBe(true);
    expect(jsonNestingExceeds('{"a":'.repeat(65) + '1' + '}'.repeat(65), 64)).toBe(true);
    expect(jsonNestingExceeds(Buffer.from('{"a":'.repeat(3000) + '1' + '}'.repeat(3000)), 64)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(Buffer.from(JSON.stringify({ a: '['.repeat(1000), b: '\\"[[[[', c: '中文{{{{' })), 4)).toBe(false);
    expect(jsonNestingExceeds(Buffer.from(`["\\"${'['.repeat(10)}"]`), 2)).toBe(false);
  });

  it('treats a flat body of any length as shallow', () => {
    expect(jsonNestingExceeds(Buffer.from(JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ i })))), 2)).toBe(false);
  });
});

describe('PostgreSQL client errors', () => {
  it('maps class 22 to 400 and class 23 to 409 (not-null and check violations to 400)', () => {
    expect(['22P05', '22021', '22P02', '22001', '22003', '22007', '22008', '2200N'].map(pgClientErrorStatus)).toEqual(Array(8).fill(400));
    expect(['23505', '23503', '23P01', '23001'].map(pgClientErrorStatus)).toEqual(Array(4).fill(409));
    expect(['23502', '23514', '54000'].map(pgClientErrorStatus)).toEqual(Array(3).fill(400));
    expect(['40001', '57014', '08006', 'XX000', undefined, 'nope'].map(pgClientErrorStatus)).toEqual(Array(6).fill(undefined));
  });

  it('answers with the error shape and without SQL, values or constraint names', () => {
    const sent: { status?: number; body?: unknown } = {};
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({ getResponse: () => ({ status: (s: number) => ((sent.status = s), { json: (b: unknown) => (sent.body = b) }) }) }),
    };
    const driverError = Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05', detail: '\\u0000 cannot be converted to text.', constraint: 'secret_constraint' });
    new DomainExceptionFilter().catch(new QueryFailedError('INSERT INTO publication.decision (facts) VALUES ($1)', ['{"a":"\\u0000"}'], driverError), host as never);
    expect(sent.status).toBe(400);
    expect(sent.body).toEqual({ statusCode: 400, error: 'rejected', message: expect.stringContaining('cannot be stored') });
    expect(JSON.stringify(sent.body)).not.toMatch(/INSERT|decision|secret_constraint|u0000/);
  });
});
