import 'reflect-metadata';
import http from 'node:http';
import { parse as parseCsv } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { NoticePublished, deadLetterStreamName, eventStreamName } from '#contracts';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { FORMULA_START } from '../../apps/portal/src/notices/csv-export.js';
import { UNCARRIABLE } from '../../apps/portal/src/web/characters.js';
import { xmlWellFormednessError } from '../../apps/portal/src/web/xml-check.js';
import { creditCode, notice, publish } from '../browser/portal-fixtures.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { eventually, testPrefix } from '../support/test-env.js';

/**
 * What the portal writes is valid in its format whatever a notice contains, and its links never
 * come from the request (issue 11: one control character broke the Atom feed for every
 * subscriber; a Host header was reflected into the feed's and the CSV's links).
 */
const PUBLIC = 'https://gongshi.example.gov.cn';
const EVIL = 'evil.example';
/** An `&` in HTML that does not start a well-formed character reference. */
const BROKEN_REFERENCE = /&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#x[0-9a-fA-F]+;)/;

const NASTY = '测试\u0001有限公司 <决定> & “引号” ]]> \uFFFF \u0008 \u007F \u0085 \uD800 end';
const CODE = creditCode(301);

describe('portal output: XML, CSV and HTML carry only what their format can, links from the configured origin', () => {
  let db: TestDatabase;
  let prefix: string;
  let probe: NatsProbe;
  let portal: RunningApp;
  let sql: DataSource;

  /** A GET with the headers given (Host included, which fetch does not let a caller set). */
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
      const url = new URL(portal.url + path);
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const ok = async (path: string, headers: Record<string, string> = {}) => {
    const res = await get(path, headers);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res.text;
  };
  const version = async (id: string): Promise<number | undefined> =>
    ((await sql.query(`SELECT version FROM portal.notice WHERE id = $1`, [id])) as { version: number }[])[0]?.version;

  beforeAll(async () => {
    db = await createTestDatabase('portal_output');
    prefix = testPrefix('portalout');
    probe = await NatsProbe.connect();
    // Trust proxy on: X-Forwarded-Host and X-Forwarded-Proto are believed by Express, and still must not reach a link.
    portal = await startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { outboxPollMs: 50, publicUrl: `${PUBLIC}/`, trustProxy: '1' }), db.url, prefix);
    sql = portal.app.get(DataSource);

    await publish(probe, prefix, NoticePublished, notice({
      noticeId: 'out-1', kind: 'licence', penaltyTypes: [], creditCode: CODE,
      title: `许可决定 ${NASTY}`, partyName: NASTY, documentNumber: '=1+1',
      body: `正文A\u0000B ${NASTY} <script>alert(1)</script> ]]>`,
      fields: { 许可内容: `x\u0001y ]]> & < \uFFFF`, 备注: ['=HYPERLINK("http://attacker.invalid/x","点击")', '\u0000@SUM(A1)'], 附言: '\u0001+2' },
    }));
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'out-2', creditCode: creditCode(302), partyName: '-5 号砂场', title: '@管理员 处罚决定', documentNumber: '+86 文号', region: '\t城关镇' }));
    await publish(probe, prefix, NoticePublished, notice({ noticeId: 'amp-1', creditCode: creditCode(303), title: 'AT&T amp 水务公司', partyName: 'R&D amp 水务有限公司', body: '用水户 AT&T amp 未按规定取水。' }));
    await eventually(async () => (await version('out-1')) === 1 && (await version('out-2')) === 1 && (await version('amp-1')) === 1, 15_000, 'notices ingested');
  });

  afterAll(async () => {
    await portal?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await db?.drop();
  });

  it('publishes a notice with a NUL (removed on ingest: PostgreSQL cannot store it) instead of dead-lettering it', async () => {
    const detail = JSON.parse(await ok('/api/v1/notices/out-1')) as { body: string; fields: Record<string, unknown> };
    expect(detail.body.startsWith('正文AB ')).toBe(true);
    expect(detail.fields['备注']).toEqual(['=HYPERLINK("http://attacker.invalid/x","点击")', '@SUM(A1)']);
  });

  it('keeps the Atom feed well-formed XML: control characters, U+FFFF and lone surrogates removed, < & ]]> escaped', async () => {
    for (const path of ['/feed.atom', `/feed.atom?creditCode=${CODE}`]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.type).toMatch(/^application\/atom\+xml/);
      expect({ path, error: xmlWellFormednessError(res.text) }).toEqual({ path, error: null });
      expect(res.text).not.toMatch(UNCARRIABLE);
      expect(res.text).toContain('测试有限公司 &lt;决定&gt; &amp; “引号” ]]&gt;');
      expect(res.text).toContain(`<link rel="alternate" type="text/html" href="${PUBLIC}/notices/out-1"/>`);
    }
  });

  it('writes CSV cells without control characters and with every formula defused', async () => {
    for (const path of ['/search.csv', `/api/v1/notices.csv?creditCode=${CODE}`]) {
      const text = await ok(path);
      expect(text).not.toMatch(UNCARRIABLE);
      const rows = parseCsv(text, { bom: true }) as string[][];
      const [header, ...data] = rows;
      expect(data.length).toBeGreaterThan(0);
      for (const row of data) {
        expect(row).toHaveLength(header.length);
        for (const cell of row) expect({ cell, formula: FORMULA_START.test(cell) }).toEqual({ cell, formula: false });
      }
      const out1 = data.find((r) => r[header.indexOf('详情链接')] === `${PUBLIC}/notices/out-1`)!;
      expect(out1).toBeDefined();
      expect(out1[header.indexOf('决定书文号')]).toBe("'=1+1");
      // The lone surrogate became U+FFFD on its way through NATS (UTF-8 cannot encode it); the unit tests remove it.
      expect(out1[header.indexOf('行政相对人名称')]).toBe('测试有限公司 <决定> & “引号” ]]>     \uFFFD end');
    }
    const all = parseCsv(await ok('/search.csv'), { bom: true }) as string[][];
    const out2 = all.find((r) => r.includes(`${PUBLIC}/notices/out-2`))!;
    expect(out2).toEqual(expect.arrayContaining(["'-5 号砂场", "'@管理员 处罚决定", "'+86 文号", "'\t城关镇"]));
  });

  it('escapes and cleans every HTML page that shows the notice', async () => {
    for (const path of ['/', '/search?q=' + encodeURIComponent('测试'), '/notices/out-1', `/firms/${CODE}`]) {
      const page = await ok(path);
      expect({ path, uncarriable: UNCARRIABLE.exec(page)?.[0] }).toEqual({ path, uncarriable: undefined });
      expect({ path, broken: BROKEN_REFERENCE.exec(page)?.index }).toEqual({ path, broken: undefined });
      expect(page).toContain('有限公司 &lt;决定&gt; &amp; “引号” ]]&gt;');
      expect(page).not.toContain('<script>alert(1)');
    }
  });

  it('highlights search terms without breaking entities (q=amp)', async () => {
    const page = await ok('/search?q=amp');
    expect(page).toContain('AT&amp;T <mark>amp</mark> 水务公司');
    expect(page).toContain('R&amp;D <mark>amp</mark> 水务有限公司');
    expect(page).not.toMatch(/&<mark>|<mark>[^<]*;<\/mark>/);
    expect(BROKEN_REFERENCE.exec(page)?.index).toBeUndefined();
    // Terms that are markup characters or entity names are matched in the text, then escaped.
    for (const q of ['&', 'lt', 'quot', '<mark>']) {
      const html = await ok(`/search?q=${encodeURIComponent(q)}`);
      expect({ q, broken: BROKEN_REFERENCE.exec(html)?.index }).toEqual({ q, broken: undefined });
      expect(html).not.toMatch(/<mark>[^<]*<mark>/);
    }
    expect(await ok(`/search?q=${encodeURIComponent('&')}`)).toContain('AT<mark>&amp;</mark>T');
  });

  it('never reflects the Host header (or X-Forwarded-Host) into a link: the configured origin is used', async () => {
    const spoofed = { Host: EVIL, 'X-Forwarded-Host': EVIL, 'X-Forwarded-Proto': 'http' };
    const mustLinkToPublic = ['/feed.atom', '/search.csv', `/api/v1/notices.csv?creditCode=${CODE}`, '/', '/search?q=amp', '/notices/out-1', `/firms/${CODE}`, '/open-data', '/items', '/statistics?year=2024'];
    for (const path of [...mustLinkToPublic, '/api/v1/notices?q=amp', '/api/v1/notices/out-1', '/tasks']) {
      const text = await ok(path, spoofed);
      expect({ path, reflected: text.includes(EVIL) }).toEqual({ path, reflected: false });
      if (mustLinkToPublic.includes(path)) expect({ path, linksToPublic: text.includes(`${PUBLIC}/`) }).toEqual({ path, linksToPublic: true });
    }
    const feed = await ok('/feed.atom?kind=licence', spoofed);
    expect(feed).toContain(`<id>${PUBLIC}/feed.atom?kind=licence</id>`);
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${PUBLIC}/feed.atom?kind=licence"/>`);
    expect(await ok('/notices/out-1', spoofed)).toContain(`<link rel="canonical" href="${PUBLIC}/notices/out-1">`);
  });
});
