import { xmlWellFormednessError } from '../web/xml-check.js';
import { atomFeed } from './atom-feed.js';
import type { NoticeSummary } from './notice.view.js';

const summary = (over: Partial<NoticeSummary>): NoticeSummary => ({
  id: 'n-1', url: '/notices/n-1', kind: 'licence', kindLabel: '行政许可', title: '行政许可决定书', partyName: '某某有限公司',
  creditCode: null, documentNumber: '区水许〔2024〕1号', decisionDate: '2024-05-06', publishedAt: '2024-05-08T02:00:00.000Z',
  department: '区水利水电局', region: null, penaltyTypes: [], inspectionKind: null, outcome: null, snippet: '正文', ...over,
});

describe('atomFeed', () => {
  it('is well-formed XML whatever the notices contain', () => {
    const nasty = '测试\u0001 \u0000 \u0008 \u000B \u001F \u007F \u0085 \uFFFE \uFFFF \uD800 \uDFFF < & > " \' ]]> &amp; <![CDATA[ x ]]> 😀';
    const feed = atomFeed(
      [summary({ title: nasty, partyName: nasty, documentNumber: nasty, snippet: nasty, department: nasty, kindLabel: nasty, id: 'a&b', url: '/notices/a%26b' })],
      'https://gongshi.example.gov.cn',
      '/feed.atom?q=a&kind=licence',
    );
    expect(xmlWellFormednessError(feed)).toBeNull();
    expect(feed).toContain('测试 ');
    expect(feed).toContain('&lt; &amp; &gt; &quot; &#39; ]]&gt; &amp;amp; &lt;![CDATA[ x ]]&gt; 😀');
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://gongshi.example.gov.cn/feed.atom?q=a&amp;kind=licence"/>');
    expect(feed).toContain('<id>https://gongshi.example.gov.cn/notices/a%26b</id>');
  });

  it('is well-formed without entries too', () => {
    expect(xmlWellFormednessError(atomFeed([], 'http://127.0.0.1:3000', '/feed.atom'))).toBeNull();
  });
});
