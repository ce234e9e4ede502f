import 'reflect-metadata';
import http from 'node:http';
import { DataSource } from 'typeorm';
import { NoticePublished, deadLetterStreamName, eventStreamName } from '#contracts';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { NoticeSearchLeanPath } from '../../apps/portal/src/notices/notice-search.lean-path.js';
import { creditCode, notice, publish } from '../browser/portal-fixtures.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { eventually, testPrefix } from '../support/test-env.js';

/**
 * The lean path of GET /api/v1/notices (apps/portal/src/notices/notice-search.lean-path.ts) answers
 * exactly as the full Nest route does: the same portal twice on one database, once with the lean
 * path and once without, asked the same requests; status, headers and body must be the same, and
 * both paths draw on one rate-limit counter per client.
 */
describe('the lean search path answers exactly as the full route (real PostgreSQL and JetStream)', () => {
  let db: TestDatabase;
  const prefixes = [testPrefix('portallean'), testPrefix('portalfull')];
  let probe: NatsProbe;
  let lean: RunningApp;
  let full: RunningApp;
  const LIMIT = 12;
  let client = 0;

  /** One request; `as` picks the client (X-Forwarded-For, trusted by both apps) so each comparison has its own rate-limit window. */
  // node:http rather than fetch, which adds request headers of its own (a conditional GET got no 304 through it).
  const ask = (app: RunningApp, path: string, as: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    new Promise<{ status: number; headers: Record<string, string>; body: string; requestId?: string }>((resolve, reject) => {
      const req = http.request(app.url + path, { method: init.method ?? 'GET', headers: { 'X-Forwarded-For': as, ...init.headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const all = res.headers as Record<string, string>;
          const headers = Object.fromEntries(Object.entries(all).filter(([k]) => k !== 'date' && !(k === 'x-request-id' && !init.headers?.['X-Request-Id'])));
          resolve({ status: res.statusCode!, headers, body: Buffer.concat(chunks).toString('utf8'), requestId: all['x-request-id'] });
        });
      });
      req.on('error', reject);
      req.end();
    });
  const both = async (path: string, init: { method?: string; headers?: Record<string, string> } = {}) => {
    const as = `10.0.${Math.floor(++client / 250)}.${client % 250}`;
    return [await ask(lean, path, as, init), await ask(full, path, as, init)] as const;
  };
  const q = (params: Record<string, string>) => `/api/v1/notices?${new URLSearchParams(params).toString()}`;

  beforeAll(async () => {
    db = await createTestDatabase('portallean');
    probe = await NatsProbe.connect();
    const options = { outboxPollMs: 50, rateLimit: { limit: LIMIT, ttlMs: 60_000 }, trustProxy: 'true' };
    lean = await startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, options), db.url, prefixes[0]);
    const kinds = ['penalty', 'licence', 'spot_check'] as const;
    const bodies = ['当事人未经许可在河道管理范围内采砂，罚款人民币二万元。', '准予取水许可，许可有效期五年。', '经现场检查未发现问题。', '在堤防保护范围内爆破，责令改正并罚款。'];
    for (let i = 1; i <= 30; i++) {
      await publish(probe, prefixes[0], NoticePublished, notice({
        noticeId: `lean-${i}`,
        kind: kinds[i % 3],
        department: i % 2 ? '区水利水电局' : '区水政监察大队',
        region: i % 4 ? '城关镇' : '东江镇',
        creditCode: creditCode(i),
        documentNumber: `区水罚〔2024〕${i}号`,
        decisionDate: `2024-0${1 + (i % 9)}-1${i % 10}`,
        penaltyTypes: kinds[i % 3] === 'penalty' ? ['罚款'] : [],
        body: bodies[i % 4],
      }));
    }
    const sql = lean.app.get(DataSource);
    await eventually(async () => ((await sql.query(`SELECT count(*)::int AS n FROM portal.notice`)) as { n: number }[])[0].n === 30, 15_000, 'notices ingested');
    // The same schema, its own (empty) event stream: it answers from what the first one ingested.
    full = await startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { ...options, leanSearch: false }), db.url, prefixes[1]);
  });

  afterAll(async () => {
    await lean?.close();
    await full?.close();
    for (const p of prefixes) await probe?.deleteStreams(eventStreamName(p), deadLetterStreamName(p));
    await probe?.close();
    await db?.drop();
  });

  const REQUESTS = [
    '/api/v1/notices',
    q({ q: '采砂' }),
    q({ q: '罚款 采砂' }),
    q({ q: '  采砂 ' }),
    q({ q: '采砂', kind: 'penalty', department: '区水利水电局', from: '2024-01-01', to: '2024-12-31' }),
    q({ q: '许可', kind: 'licence', region: '东江镇' }),
    q({ kind: 'penalty', penaltyType: '罚款', count: 'true' }),
    q({ creditCode: creditCode(7).toLowerCase() }),
    q({ q: '罚款', sort: 'relevance', limit: '3' }),
    q({ q: '', kind: '', department: '', limit: '5' }),
    q({ q: '不存在的词语' }),
    '/api/v1/notices/', // Express routes ignore a trailing slash: both paths take it
    // Handed to the full route (and answered there alike): refused, or spelled unusually.
    q({ q: '采砂', utm_source: 'x' }),
    q({ kind: 'notice' }),
    q({ from: '2024-03-01', to: '2024-02-01' }),
    q({ after: 'not-a-cursor!!' }),
    q({ limit: '0' }),
    q({ limit: '2e1' }),
    q({ creditCode: 'short' }),
    '/api/v1/notices?q=%E9%87%87&q=%E7%A0%82',
  ];

  /** Requests of REQUESTS the lean path answers itself (the rest it hands over). */
  const LEAN = 12;

  it.each(REQUESTS)('GET %s: same status, headers and body', async (path) => {
    const before = lean.app.get(NoticeSearchLeanPath).answered;
    const [a, b] = await both(path);
    expect(lean.app.get(NoticeSearchLeanPath).answered - before).toBe(REQUESTS.indexOf(path) < LEAN ? 1 : 0);
    expect(full.app.get(NoticeSearchLeanPath).answered).toBe(0);
    expect(a.status).toBe(b.status);
    expect(a.body).toBe(b.body);
    expect(a.headers).toEqual(b.headers);
    expect(a.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('follows `next` links page by page alike, and a caller’s X-Request-Id is echoed alike', async () => {
    let path: string | undefined = q({ limit: '7' });
    let pages = 0;
    while (path) {
      const [a, b] = await both(path, { headers: { 'X-Request-Id': `req-${pages}` } });
      expect(a.status).toBe(200);
      expect([a.body, a.headers]).toEqual([b.body, b.headers]);
      expect(a.requestId).toBe(`req-${pages}`);
      path = (JSON.parse(a.body) as { links: { next?: string } }).links.next;
      pages++;
    }
    expect(pages).toBe(5); // 30 notices, 7 a page
  });

  it('answers HEAD and a conditional GET (304 for the same ETag) alike', async () => {
    const [headA, headB] = await both(q({ q: '采砂' }), { method: 'HEAD' });
    expect([headA.status, headA.headers, headA.body]).toEqual([headB.status, headB.headers, headB.body]);
    const [a, b] = await both(q({ q: '采砂' }));
    expect(a.headers.etag).toBeDefined();
    const [ifA, ifB] = await both(q({ q: '采砂' }), { headers: { 'If-None-Match': a.headers.etag } });
    expect(ifA.status).toBe(304);
    expect([ifA.status, ifA.headers, ifA.body]).toEqual([ifB.status, ifB.headers, ifB.body]);
    expect(b.headers.etag).toBe(a.headers.etag);
  });

  it('counts a client once per request on one counter, whichever path answers, and the limit holds', async () => {
    const as = '10.9.9.9';
    const good = q({ q: '采砂' });
    const refused = q({ q: '采砂', utm_source: 'x' }); // full route: the guard counts it, the pipe refuses it
    const seen: [number, string | undefined][] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const r = await ask(lean, i % 3 === 2 ? refused : good, as);
      seen.push([r.status, r.headers['x-ratelimit-remaining']]);
    }
    const expected = Array.from({ length: LIMIT + 2 }, (_, i): [number, string] => [i >= LIMIT ? 429 : i % 3 === 2 ? 400 : 200, String(Math.max(0, LIMIT - 1 - i))]);
    expect(seen).toEqual(expected);
    const last = await ask(lean, good, as);
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.body).toMatch(/too many requests/);
  });
});
