import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { requestLogOptions } from './request-log.js';

describe('request logging (requestLogOptions with pino-http)', () => {
  it('logs one successful read in `sample`, and every write, failure and slow request', async () => {
    const lines: { level: number; msg: string; req: { method: string; url: string }; res: { statusCode: number } }[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
    const log = pinoHttp({ level: 'info', ...requestLogOptions({ sample: 5, slowMs: 200 }) }, sink);
    const server = http.createServer((req, res) => {
      log(req, res);
      const status = req.url === '/missing' ? 404 : req.url === '/broken' ? 500 : 200;
      setTimeout(() => res.writeHead(status).end('x'), req.url === '/slow' ? 250 : 0);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const send = (method: string, path: string) =>
      new Promise<void>((resolve, reject) => http.request({ port, host: '127.0.0.1', method, path }, (res) => res.resume().on('end', resolve)).on('error', reject).end());
    try {
      for (let i = 1; i <= 12; i++) await send('GET', `/read-${i}`);
      await send('POST', '/write');
      await send('GET', '/missing');
      await send('GET', '/broken');
      await send('GET', '/slow');
      await send('HEAD', '/read-13');
    } finally {
      await new Promise((r) => server.close(r));
    }
    const seen = lines.map((l) => `${l.level} ${l.req.method} ${l.req.url} ${l.res.statusCode}`);
    expect(seen).toEqual(['30 GET /read-5 200', '30 GET /read-10 200', '30 POST /write 200', '30 GET /missing 404', '30 GET /broken 500', '40 GET /slow 200']);
  });

  it('logs every request with sample 1, as before sampling existed', async () => {
    const options = requestLogOptions({ sample: 1, slowMs: 0 });
    const req = { method: 'GET' } as http.IncomingMessage;
    options.genReqId(req);
    const levels = Array.from({ length: 5 }, () => options.customLogLevel(req, { statusCode: 200 } as http.ServerResponse));
    expect(levels).toEqual(['info', 'info', 'info', 'info', 'info']);
  });
});
