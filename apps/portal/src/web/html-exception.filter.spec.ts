import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { HtmlExceptionFilter } from './html-exception.filter.js';

function run(exception: unknown): { status: number; body: string } {
  const out = { status: 0, body: '' };
  const res = {
    headersSent: false,
    getHeader: () => undefined,
    status(s: number) {
      out.status = s;
      return res;
    },
    set: () => res,
    send(b: unknown) {
      out.body = String(b);
      return res;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  const filter = new HtmlExceptionFilter();
  (filter as unknown as { logger: { error(): void } }).logger = { error: () => undefined };
  filter.catch(exception, host);
  return out;
}

const pgError = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('date/time field value out of range: "2026-02-30"'), { code }));

describe('HtmlExceptionFilter', () => {
  it.each(['22P02', '22007', '22008', '22003', '22001'])('shows a 400 page for PostgreSQL client error %s', (code) => {
    const { status, body } = run(pgError(code));
    expect(status).toBe(400);
    expect(body).toContain('请求有误');
    expect(body).not.toContain('2026-02-30');
  });

  it('keeps other database errors and unknown errors a generic 500', () => {
    for (const e of [pgError('57014'), new Error('secret internals')]) {
      const { status, body } = run(e);
      expect(status).toBe(500);
      expect(body).toContain('服务暂时不可用');
      expect(body).not.toContain('secret internals');
      expect(body).not.toContain('out of range');
    }
  });
});
