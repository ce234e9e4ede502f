import { html, type Html } from '../web/html.js';
import type { FirmInspections } from './firm-inspections.service.js';

/** The firm page's 无事不扰 section: the count across departments and who inspected. */
export function firmInspectionsSection(i: FirmInspections): Html {
  return html`<section aria-labelledby="inspections-heading">
    <h2 id="inspections-heading">近12个月被检查${i.total}次（跨部门）</h2>
    <p>统计期间：${i.window.from}至${i.window.to}。按确认的检查结果计数，随机抽查和即时检查都计入；多个部门联合检查的，合计只计一次，在各参加部门下分别列出；通过登记的住所（经营场所）无法联系的不计。</p>
    ${i.byDepartment.length
      ? html`<table><caption>按检查部门</caption><thead><tr><th scope="col">部门</th><th scope="col" class="num">次数</th></tr></thead>
        <tbody>${i.byDepartment.map((d) => html`<tr><th scope="row">${d.department}</th><td class="num">${d.count}</td></tr>`)}</tbody></table>`
      : ''}
  </section>`;
}

/**
 * The announced 无事不扰 exclusion of a draw (rules.inspectionBurden, docs/draw-algorithm.md §1), in
 * words for the task page; null when the draw has none.
 */
export function inspectionBurdenRuleText(rules: Record<string, unknown> | null): string | null {
  const r = rules?.inspectionBurden as { excludeInspectedAtLeast?: unknown; window?: { from?: unknown; to?: unknown }; excludedTargets?: unknown } | null | undefined;
  if (!r || typeof r.excludeInspectedAtLeast !== 'number' || typeof r.excludedTargets !== 'number' || typeof r.window?.from !== 'string' || typeof r.window.to !== 'string') return null;
  return `${r.window.from}至${r.window.to}已被检查${r.excludeInspectedAtLeast}次及以上（跨部门）的对象不参加本次抽取，共${r.excludedTargets}户；公告前已从对象名录中剔除`;
}
