import { Writable } from 'node:stream';
import pino from 'pino';
import { LOG_REDACT } from './platform.module.js';

describe('request logs', () => {
  it('never show a bearer token, cookies, a CSRF token or a Set-Cookie with a session secret', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    const log = pino({ redact: LOG_REDACT }, sink);
    log.info({
      req: { method: 'POST', url: '/auth/login', headers: { authorization: 'Bearer SECRET-TOKEN', cookie: 'sc_session=SECRET-COOKIE', 'x-csrf-token': 'SECRET-CSRF', 'user-agent': 'test' } },
      res: { statusCode: 200, headers: { 'set-cookie': ['sc_session=SECRET-SET-COOKIE; HttpOnly'], 'content-type': 'application/json' } },
    });
    const text = lines.join('');
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('"user-agent":"test"');
    expect(text).toContain('[Redacted]');
  });
});
