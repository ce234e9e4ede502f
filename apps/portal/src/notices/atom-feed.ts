import { escapeMarkup } from '../web/characters.js';
import type { NoticeSummary } from './notice.view.js';

/**
 * An Atom 1.0 feed (RFC 4287) of notices, newest first. `base` is the portal's configured public
 * origin (PORTAL_PUBLIC_URL), never taken from the request. Every value goes through `escapeMarkup`:
 * characters XML 1.0 cannot carry (control characters, U+FFFE/U+FFFF, unpaired surrogates) are
 * removed, so one bad character in a notice cannot make the feed unparseable for every subscriber.
 */
export function atomFeed(items: NoticeSummary[], base: string, selfPath: string): string {
  const x = escapeMarkup;
  const updated = items[0]?.publishedAt ?? new Date(0).toISOString();
  const entries = items.map(
    (n) => `  <entry>
    <id>${x(base + n.url)}</id>
    <title>${x(`[${n.kindLabel}] ${n.title}`)}</title>
    <link rel="alternate" type="text/html" href="${x(base + n.url)}"/>
    <published>${x(n.publishedAt)}</published>
    <updated>${x(n.publishedAt)}</updated>
    <author><name>${x(n.department)}</name></author>
    <category term="${x(n.kind)}" label="${x(n.kindLabel)}"/>
    <summary type="text">${x([n.partyName, n.documentNumber, n.decisionDate, n.snippet].filter(Boolean).join(' · '))}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${x(base + selfPath)}</id>
  <title>双公示与抽查结果公示：最新公示</title>
  <link rel="self" type="application/atom+xml" href="${x(base + selfPath)}"/>
  <link rel="alternate" type="text/html" href="${x(base + '/')}"/>
  <updated>${x(updated)}</updated>
${entries.join('\n')}
</feed>
`;
}
