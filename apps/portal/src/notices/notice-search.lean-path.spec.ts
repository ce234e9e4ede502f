import { ValidationPipe } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { VALIDATION_OPTIONS } from '#messaging';
import { encodeCursor } from '../common/cursor.js';
import { RateLimiter } from '../rate-limit.js';
import type { NoticeQueryService } from './notice-query.service.js';
import { NoticeSearchLeanPath, leanSearchQuery } from './notice-search.lean-path.js';
import { NoticeSearchDto } from './search-query.dto.js';

/** What the full route's validation pipe makes of a query: the DTO, or 'refused' (its 400). */
async function viaPipe(query: Record<string, unknown>): Promise<NoticeSearchDto | 'refused'> {
  const pipe = new ValidationPipe(VALIDATION_OPTIONS);
  try {
    return (await pipe.transform({ ...query }, { type: 'query', metatype: NoticeSearchDto })) as NoticeSearchDto;
  } catch {
    return 'refused';
  }
}

/** The DTO as data, keys in order: links are built from its own keys, so the order is part of the answer. */
const shape = (dto: NoticeSearchDto) => Object.entries(dto);

const cursor = encodeCursor({ t: '2024-05-06', id: 'n-1' });
const relevanceCursor = encodeCursor({ s: 4, t: '2024-05-06', id: 'n-1' });

/** Queries the lean path must answer itself: what the pages, the API's own links and the benchmark send. */
const COMMON: Record<string, unknown>[] = [
  {},
  { q: '采砂' },
  { q: '河道采砂 罚款' },
  { q: '  采砂  ' },
  { q: '' },
  { q: 'ＡＢ１２' },
  { q: '采砂', kind: 'penalty', department: '区水政监察大队', from: '2020-01-01', to: '2022-12-31' },
  { q: '水电站', kind: 'licence', region: '东江镇' },
  { q: '责令改正', kind: 'spot_check', from: '2018-01-01', to: '2019-12-31' },
  { kind: 'penalty', penaltyType: '罚款' },
  { creditCode: '91330100ma00abcdx1' },
  { q: '采砂', sort: 'relevance', count: 'true' },
  { q: '采砂', after: cursor, limit: '20' },
  { q: '采砂', sort: 'relevance', after: relevanceCursor, limit: '100' },
  { limit: '1' },
  { q: '采砂', kind: '', department: '', region: '', from: '', to: '', penaltyType: '', creditCode: '', sort: '', after: '', count: '' },
  { from: '2024-02-29', to: '2024-02-29' },
];

/** Everything else: the lean path may hand these over, but whatever it answers must be the pipe's. */
const EDGES: Record<string, unknown>[] = [
  { q: 'x'.repeat(200) },
  { q: 'x'.repeat(201) },
  { q: '😀'.repeat(150) },
  { q: ['采砂', '罚款'] },
  { q: { a: '1' } },
  { unknown: '1' },
  { q: '采砂', utm_source: 'x' },
  { __proto__: 'x' },
  { constructor: 'x' },
  { kind: 'notice' },
  { kind: ' penalty ' },
  { kind: 'PENALTY' },
  { department: 'd'.repeat(100) },
  { department: 'd'.repeat(101) },
  { region: 'r'.repeat(101) },
  { penaltyType: 'p'.repeat(50) },
  { penaltyType: 'p'.repeat(51) },
  { from: '2026-02-30' },
  { from: '2024-1-1' },
  { from: ' 2024-01-01 ' },
  { from: '2024-03-01', to: '2024-02-01' },
  { creditCode: '91330100MA00ABCDX1' },
  { creditCode: ' 91330100ma00abcdx1 ' },
  { creditCode: '91330100MA00ABCDX' },
  { creditCode: '91330100MA00ABCD-1' },
  { sort: 'newest' },
  { sort: 'Relevance' },
  { after: 'not-a-cursor!!' },
  { after: 'x'.repeat(401) },
  { after: ` ${cursor} ` },
  { limit: '' },
  { limit: ' ' },
  { limit: '0' },
  { limit: '101' },
  { limit: '020' },
  { limit: ' 20' },
  { limit: '2e1' },
  { limit: '1.5' },
  { limit: '-1' },
  { limit: 'abc' },
  { count: 'yes' },
  { count: ' true ' },
];

describe('leanSearchQuery (the lean path of GET /api/v1/notices)', () => {
  it.each(COMMON.map((q) => [JSON.stringify(q), q]))('answers %s itself, with exactly the DTO the validation pipe makes', async (_, query) => {
    const lean = leanSearchQuery(query);
    const full = await viaPipe(query);
    expect(full).not.toBe('refused');
    expect(lean).toBeInstanceOf(NoticeSearchDto);
    expect(shape(lean!)).toEqual(shape(full as NoticeSearchDto));
  });

  it.each(EDGES.map((q) => [JSON.stringify(q), q]))('on %s: hands over, or agrees with the pipe', async (_, query) => {
    const lean = leanSearchQuery(query);
    if (lean === undefined) return;
    const full = await viaPipe(query);
    expect(full).not.toBe('refused');
    expect(shape(lean)).toEqual(shape(full as NoticeSearchDto));
  });

  it('hands over what the pipe refuses and what the service would refuse (a bad cursor, from after to)', async () => {
    const refusedByPipe = [];
    for (const q of EDGES) if ((await viaPipe(q)) === 'refused') refusedByPipe.push(q);
    expect(refusedByPipe.length).toBeGreaterThan(20);
    for (const q of refusedByPipe) expect(leanSearchQuery(q)).toBeUndefined();
    expect(leanSearchQuery({ after: 'not-a-cursor!!' })).toBeUndefined();
    expect(leanSearchQuery({ from: '2024-03-01', to: '2024-02-01' })).toBeUndefined();
    expect(leanSearchQuery(undefined)).toBeUndefined();
  });

  it('agrees with the pipe on random combinations of good and bad values (seeded)', async () => {
    const values: Record<string, unknown[]> = {
      q: ['采砂', ' 河道 采砂 ', '', 'x'.repeat(201), ['a', 'b']],
      kind: ['penalty', 'licence', 'spot_check', '', 'other'],
      department: ['区水利水电局', '', 'd'.repeat(101)],
      from: ['2020-01-01', '', '2020-02-30'],
      to: ['2022-12-31', '2019-01-01', ''],
      creditCode: ['91330100ma00abcdx1', '', 'short'],
      sort: ['date', 'relevance', '', 'x'],
      after: [cursor, '', 'bad!!'],
      limit: ['20', '100', '', '0', '2e1'],
      count: ['true', 'false', '', 'maybe'],
      extra: ['1'],
    };
    let seed = 16;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    let answered = 0;
    for (let i = 0; i < 400; i++) {
      const query: Record<string, unknown> = {};
      for (const [key, options] of Object.entries(values)) if (random() < (key === 'extra' ? 0.05 : 0.4)) query[key] = options[Math.floor(random() * options.length)];
      const lean = leanSearchQuery(query);
      const full = await viaPipe(query);
      if (full === 'refused') expect(lean).toBeUndefined();
      if (lean) {
        answered++;
        expect(shape(lean)).toEqual(shape(full as NoticeSearchDto));
      }
    }
    expect(answered).toBeGreaterThan(50);
  });
});

describe('NoticeSearchLeanPath', () => {
  const request = (query: Record<string, string>, method = 'GET') => ({ method, query, ip: '10.1.1.1', headers: {}, socket: {} }) as unknown as Request;
  const response = () => {
    const sent: { status?: number; body?: unknown; headers: Record<string, unknown> } = { headers: {} };
    const res = {
      setHeader: (k: string, v: unknown) => (sent.headers[k] = v),
      status: (code: number) => ((sent.status = code), res),
      json: (body: unknown) => (sent.body = body),
    };
    return { res: res as unknown as Response, sent };
  };
  const settle = () => new Promise((r) => setImmediate(r));

  it('hands a request whose search fails to the full route, and takes back its count', async () => {
    const limiter = new RateLimiter({ limit: 2, ttlMs: 60_000 });
    const failing = { search: () => Promise.reject(new Error('connection lost')) } as unknown as NoticeQueryService;
    const path = new NoticeSearchLeanPath(failing, limiter, new Reflector());
    let handedOver = 0;
    const next: NextFunction = () => handedOver++;
    const { res, sent } = response();
    path.use(request({ q: '采砂' }), res, next);
    await settle();
    expect(handedOver).toBe(1);
    expect(sent).toEqual({ headers: {} });
    // Nothing was counted: both requests of the window are still there.
    expect(limiter.take('10.1.1.1|NoticeApiController.search', { limit: 2, ttlMs: 60_000 }).remaining).toBe(1);
  });

  it('answers a search itself, counting it, and hands over HEAD, refused queries and a client at its limit', async () => {
    const limiter = new RateLimiter({ limit: 2, ttlMs: 60_000 });
    const notices = { search: () => Promise.resolve({ items: [] }) } as unknown as NoticeQueryService;
    const path = new NoticeSearchLeanPath(notices, limiter, new Reflector());
    const outcomes: string[] = [];
    for (const [query, method] of [[{ q: '采砂' }, 'GET'], [{ q: '采砂' }, 'HEAD'], [{ kind: 'x' }, 'GET'], [{ q: '罚款' }, 'GET'], [{ q: '罚款' }, 'GET']] as const) {
      const { res, sent } = response();
      let handedOver = false;
      path.use(request(query, method), res, () => (handedOver = true));
      await settle();
      outcomes.push(handedOver ? 'full route' : `${sent.status} remaining ${sent.headers['X-RateLimit-Remaining']}`);
    }
    expect(outcomes).toEqual(['200 remaining 1', 'full route', 'full route', '200 remaining 0', 'full route']);
    expect(path.answered).toBe(2);
  });
});
