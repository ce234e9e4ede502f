import type { Response } from 'express';
import { assetUrl } from './assets.js';
import { html, type Html } from './html.js';

export interface PageOptions {
  title: string;
  /** Which navigation entry is current (aria-current). */
  nav?: 'home' | 'search' | 'items' | 'tasks' | 'officers' | 'statistics' | 'data';
  description?: string;
  /** Extra scripts (asset names), loaded deferred. */
  scripts?: string[];
  /** A <link rel="alternate"> to the Atom feed of what this page lists. */
  feed?: string;
  /** The page's absolute URL on the configured public origin (PublicUrl.absolute), for <link rel="canonical">. */
  canonical?: string;
}

const NAV: [PageOptions['nav'], string, string][] = [
  ['home', '/', '首页'],
  ['search', '/search', '公示查询'],
  ['items', '/items', '抽查事项'],
  ['tasks', '/tasks', '抽查任务'],
  ['officers', '/officers', '执法人员'],
  ['statistics', '/statistics', '统计'],
  ['data', '/open-data', '开放数据'],
];

/** The page shell: zh-CN, skip link, landmarks, one h1 per page (in `main`). */
export function page(o: PageOptions, main: Html): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} - 双随机一公开与双公示信息公开</title>
<meta name="description" content="${o.description ?? '行政许可、行政处罚和双随机抽查结果公示查询，无需注册。'}">
<link rel="stylesheet" href="${assetUrl('portal.css')}">
${o.canonical ? html`<link rel="canonical" href="${o.canonical}">` : ''}
<link rel="alternate" type="application/atom+xml" title="最新公示" href="${o.feed ?? '/feed.atom'}">
${(o.scripts ?? []).map((s) => html`<script defer src="${assetUrl(s)}"></script>`)}
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="site">
  <div class="wrap">
    <a class="brand" href="/">执法信息公示</a>
    <nav aria-label="主导航"><ul>
      ${NAV.map(([key, href, label]) => html`<li><a href="${href}"${o.nav === key ? html` aria-current="page"` : ''}>${label}</a></li>`)}
    </ul></nav>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${main}
</main>
<footer class="site"><div class="wrap">
  <p>本站公开的信息均已依法脱敏。数据可免费下载：<a href="/open-data">开放数据与接口说明</a> · <a href="/feed.atom">订阅最新公示（Atom）</a></p>
</div></footer>
</body>
</html>`;
}

/** Sends a page with the headers every page gets: a strict CSP (no inline script), no sniffing; `headers` add to or replace them. */
export function sendPage(res: Response, body: Html, status = 200, headers: Record<string, string> = {}): void {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      // Revalidate every time (ETag): a withdrawn notice must disappear at once, not after a cache TTL.
      'Cache-Control': 'no-cache',
      ...headers,
    })
    .send(body.value);
}
