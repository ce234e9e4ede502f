import { searchTerms } from '../common/search-text.js';
import type { NoticeSummary } from '../notices/notice.view.js';
import { stripUncarriable } from './characters.js';
import { escapeHtml, html, queryString, raw, type Html } from './html.js';

/**
 * Wraps every occurrence of the terms in <mark>. Matches are found in the text itself and each
 * piece is escaped afterwards, so a term can never match inside an escape (`q=amp` must not mark
 * the "amp" of `&amp;`) nor inject markup.
 */
export function highlight(text: string, q: string | undefined): Html {
  const terms = searchTerms(q)
    .map(stripUncarriable)
    .filter((t) => t.length > 0)
    // Longest first: where terms overlap, the longer one is marked.
    .sort((a, b) => b.length - a.length);
  if (!terms.length) return raw(escapeHtml(text));
  const pattern = new RegExp(terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    out += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return raw(out + escapeHtml(text.slice(last)));
}

export function noticeList(items: NoticeSummary[], q?: string): Html {
  if (!items.length) return html`<p class="empty">没有找到符合条件的公示。</p>`;
  return html`<ol class="results">${items.map(
    (n) => html`<li class="notice">
      <p class="meta"><span class="tag tag-${n.kind}">${n.kindLabel}</span> ${n.decisionDate ? html`<time datetime="${n.decisionDate}">${n.decisionDate}</time>` : ''} · ${n.department}${n.region ? html` · ${n.region}` : ''}</p>
      <h3><a href="${n.url}">${highlight(n.title, q)}</a></h3>
      <p class="party">${highlight(n.partyName, q)}${n.creditCode ? html` <span class="code">${n.creditCode}</span>` : ''}${n.documentNumber ? html` · ${highlight(n.documentNumber, q)}` : ''}</p>
      ${n.penaltyTypes.length ? html`<p class="penalty">处罚类别：${n.penaltyTypes.join('、')}</p>` : ''}
      ${n.outcome ? html`<p class="penalty">检查结果：${n.outcome}</p>` : ''}
      <p class="snippet">${highlight(n.snippet, q)}</p>
    </li>`,
  )}</ol>`;
}

/** "Next page" with a stable keyset link; "first page" when not on it. */
export function pager(path: string, params: Record<string, string | undefined>, next?: string): Html {
  const onFirst = !params.after;
  if (onFirst && !next) return html``;
  return html`<nav class="pager" aria-label="分页">
    ${onFirst ? '' : html`<a href="${path}${queryString({ ...params, after: undefined })}">« 第一页</a>`}
    ${next ? html`<a rel="next" href="${path}${queryString({ ...params, after: next })}">下一页 »</a>` : ''}
  </nav>`;
}

export function definitionList(rows: [string, Html | string | number | null | undefined][]): Html {
  return html`<dl class="facts">${rows
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)}%`;
}
