import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#auth';
import { parseQuery } from '../common/parse-query.js';
import { PublicUrl } from '../common/public-url.js';
import { FirmInspectionsService } from '../firms/firm-inspections.service.js';
import { firmInspectionsSection } from '../firms/firm-inspections.view.js';
import { CSV_RATE_LIMIT, RateLimited } from '../rate-limit.js';
import { definitionList, noticeList, pager } from '../web/components.js';
import { HtmlExceptionFilter } from '../web/html-exception.filter.js';
import { html, queryString, type Html } from '../web/html.js';
import { page, sendPage } from '../web/layout.js';
import { sendCsv } from './notice-api.controller.js';
import { COUNT_CAP, NoticeQueryService } from './notice-query.service.js';
import { INSPECTION_KIND_LABELS, KIND_LABELS, type NoticeDetail } from './notice.view.js';
import { NoticeFilterDto, NoticeSearchDto } from './search-query.dto.js';

type Params = Record<string, string | undefined>;

function paramsOf(f: NoticeSearchDto): Params {
  return { q: f.q, kind: f.kind, department: f.department, region: f.region, from: f.from, to: f.to, penaltyType: f.penaltyType, creditCode: f.creditCode, sort: f.sort, after: f.after };
}

function options(values: string[], selected: string | undefined, labels: Record<string, string> = {}): Html[] {
  return values.map((v) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${labels[v] ?? v}</option>`);
}

/** The public pages about notices: home, search, detail, firm, open data. */
@ApiExcludeController()
@Public()
@UseFilters(HtmlExceptionFilter)
@Controller()
export class NoticePagesController {
  constructor(
    private readonly notices: NoticeQueryService,
    private readonly publicUrl: PublicUrl,
    private readonly inspections: FirmInspectionsService,
  ) {}

  @Get()
  async home(@Res() res: Response): Promise<void> {
    const latest = await this.notices.search(Object.assign(new NoticeSearchDto(), { limit: 10 }));
    sendPage(
      res,
      page(
        { title: '首页', nav: 'home', canonical: this.publicUrl.absolute('/') },
        html`<h1>行政执法信息公示</h1>
        <p>查询本局公开的行政许可、行政处罚决定和“双随机、一公开”抽查结果。无需注册，可免费下载。</p>
        <form class="search-box" action="/search" method="get" role="search">
          <label for="home-q" class="visually-hidden">关键词</label>
          <input id="home-q" type="search" name="q" placeholder="企业名称、统一社会信用代码、文号或关键词，如：采砂" aria-label="关键词">
          <button type="submit">查询</button>
        </form>
        <p><a href="/search?kind=licence">行政许可</a> · <a href="/search?kind=penalty">行政处罚</a> · <a href="/search?kind=spot_check">抽查结果</a> · <a href="/tasks">抽查任务与抽取验证</a> · <a href="/statistics">统计与年报</a></p>
        <h2>最新公示</h2>
        ${noticeList(latest.items)}
        <p><a href="/search">查看全部公示 »</a></p>`,
      ),
    );
  }

  @Get('search')
  async search(@Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const f = await parseQuery(NoticeSearchDto, raw);
    const [result, total, facets] = await Promise.all([this.notices.search(f), this.notices.count(f), this.notices.facets()]);
    const params = paramsOf(f);
    const csvLink = `/search.csv${queryString({ ...params, after: undefined, sort: undefined })}`;
    const feedLink = `/feed.atom${queryString({ ...params, after: undefined, sort: undefined })}`;
    const heading = f.q ? `“${f.q}”的查询结果` : '公示查询';
    sendPage(
      res,
      page(
        { title: heading, nav: 'search', feed: feedLink, canonical: this.publicUrl.absolute(`/search${queryString({ ...params })}`) },
        html`<h1>${heading}</h1>
        <form class="filters" action="/search" method="get" role="search" aria-label="查询条件">
          <div class="field"><label for="q">关键词</label><input id="q" type="search" name="q" value="${f.q ?? ''}" placeholder="如：水利、采砂、罚款"></div>
          <div class="field"><label for="kind">公示类型</label><select id="kind" name="kind"><option value="">全部</option>${options(['licence', 'penalty', 'spot_check'], f.kind, KIND_LABELS)}</select></div>
          <div class="field"><label for="department">部门</label><select id="department" name="department"><option value="">全部</option>${options(facets.departments, f.department)}</select></div>
          <div class="field"><label for="region">地区</label><select id="region" name="region"><option value="">全部</option>${options(facets.regions, f.region)}</select></div>
          <div class="field"><label for="penaltyType">处罚类别</label><select id="penaltyType" name="penaltyType"><option value="">全部</option>${options(facets.penaltyTypes, f.penaltyType)}</select></div>
          <div class="field"><label for="from">决定日期起</label><input id="from" type="date" name="from" value="${f.from ?? ''}"></div>
          <div class="field"><label for="to">决定日期止</label><input id="to" type="date" name="to" value="${f.to ?? ''}"></div>
          <div class="field"><label for="creditCode">统一社会信用代码</label><input id="creditCode" name="creditCode" value="${f.creditCode ?? ''}" maxlength="18" autocomplete="off" spellcheck="false"></div>
          <div class="field"><label for="sort">排序</label><select id="sort" name="sort">${options(['date', 'relevance'], f.sort ?? 'date', { date: '最新在前', relevance: '相关度' })}</select></div>
          <div class="actions"><button type="submit">查询</button><a class="button secondary" href="/search">清除条件</a></div>
        </form>
        <div class="summary-line">
          <p role="status">共 <strong>${total.exact ? total.value.toLocaleString('zh-CN') : `超过 ${COUNT_CAP.toLocaleString('zh-CN')}`}</strong> 条</p>
          <p><a class="button secondary" href="${csvLink}" download>下载全部结果（CSV）</a> <a href="${feedLink}">订阅（Atom）</a> <a href="/api/v1/notices${queryString({ ...params })}">JSON</a></p>
        </div>
        <h2 class="visually-hidden">结果列表</h2>
        ${noticeList(result.items, f.q)}
        ${pager('/search', params, result.next)}`,
      ),
    );
  }

  @Get('search.csv')
  @RateLimited(CSV_RATE_LIMIT)
  async csv(@Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    await sendCsv(this.notices, await parseQuery(NoticeFilterDto, raw), this.publicUrl.origin, res);
  }

  @Get('notices/:id')
  async detail(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const n = await this.notices.detail(id);
    sendPage(res, page({ title: n.title, nav: 'search', description: `${n.kindLabel}：${n.partyName}`, canonical: this.publicUrl.absolute(n.url) }, detailBody(n)));
  }

  @Get('firms/:creditCode')
  async firm(@Param('creditCode') creditCode: string, @Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const code = creditCode.toUpperCase();
    const f = await parseQuery(NoticeSearchDto, { ...raw, creditCode: code });
    const [name, result, inspections] = await Promise.all([this.notices.firmName(code), this.notices.search(f), this.inspections.of(code)]);
    const heading = name ?? code;
    sendPage(
      res,
      page(
        { title: heading, nav: 'search', feed: `/feed.atom?creditCode=${code}`, canonical: this.publicUrl.absolute(`/firms/${encodeURIComponent(code)}`) },
        html`<h1>${heading}</h1>
        <p>统一社会信用代码：<span class="code">${code}</span></p>
        <p>该主体在本站公开的全部行政许可、行政处罚和抽查结果。<a href="/search.csv?creditCode=${code}" download>下载（CSV）</a> · <a href="/api/v1/firms/${code}">JSON</a></p>
        ${firmInspectionsSection(inspections)}
        <h2>公示信息</h2>
        ${noticeList(result.items)}
        ${pager(`/firms/${code}`, { after: f.after }, result.next)}`,
      ),
    );
  }

  @Get('open-data')
  openData(@Res() res: Response): void {
    sendPage(
      res,
      page(
        { title: '开放数据', nav: 'data', canonical: this.publicUrl.absolute('/open-data') },
        html`<h1>开放数据与接口</h1>
        <p>本站所有公开信息均可免费获取，无需注册或申请密钥。</p>
        <h2>下载</h2>
        <ul>
          <li>任意查询结果可在结果页点击“下载全部结果（CSV）”，文件为 UTF-8（带 BOM），Excel 可直接打开，不限条数。</li>
          <li>全部公示：<a href="/search.csv" download>/search.csv</a>（可加与查询页相同的条件，如 <code>?kind=penalty&amp;from=2020-01-01</code>）。</li>
          <li>订阅最新公示：<a href="/feed.atom">Atom</a>（同样可加查询条件）。</li>
        </ul>
        <h2>接口（JSON）</h2>
        <ul>
          <li><code>GET /api/v1/notices?q=采砂&amp;kind=penalty</code>：查询，翻页用返回的 <code>next</code>。</li>
          <li><code>GET /api/v1/notices/{id}</code>：公示详情（已撤回或过期返回 410）。</li>
          <li><code>GET /api/v1/firms/{统一社会信用代码}</code>、<code>/api/v1/items</code>、<code>/api/v1/draws</code>、<code>/api/v1/statistics?year=2020</code>。</li>
          <li>完整说明：<a href="/docs">OpenAPI 文档</a>（<a href="/docs/openapi.json">openapi.json</a>）。</li>
        </ul>
        <h2>访问频率</h2>
        <p>每个 IP 对每个接口每分钟最多 300 次请求，CSV 下载每分钟 20 次；超过时返回 HTTP 429，并在 <code>Retry-After</code> 中说明需等待的秒数。</p>`,
      ),
    );
  }
}

function fieldValue(v: unknown): string {
  if (Array.isArray(v)) return v.join('、');
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

function detailBody(n: NoticeDetail): Html {
  const sc = n.spotCheck;
  return html`<p class="meta"><span class="tag tag-${n.kind}">${n.kindLabel}</span> ${n.department}</p>
  <h1>${n.title}</h1>
  ${definitionList([
    ['行政相对人名称', n.creditCode ? html`<a href="/firms/${n.creditCode}">${n.partyName}</a>` : n.partyName],
    ['相对人类别', n.partyKind],
    ['统一社会信用代码', n.creditCode],
    ['决定书文号', n.documentNumber],
    ['决定日期', n.decisionDate],
    ['处罚类别', n.penaltyTypes.join('、')],
    ['检查类型', sc?.inspectionKind ? INSPECTION_KIND_LABELS[sc.inspectionKind] : null],
    ['检查日期', sc?.inspectionDate],
    ['抽查事项', sc?.items.map((i) => i.name).join('、')],
    ['检查结果', sc?.outcome],
    ['抽查任务', sc?.drawId ? html`<a href="/tasks/${sc.drawId}">查看抽取过程</a>` : null],
    ['部门', n.department],
    ['地区', n.region],
    ['公示日期', n.publishedAt.slice(0, 10)],
    ['公示截止期', n.displayUntil],
  ])}
  <h2>公示内容</h2>
  ${definitionList(Object.entries(n.fields).map(([k, v]) => [k, fieldValue(v)]))}
  ${n.body ? html`<h2>正文</h2><p class="body">${n.body}</p>` : ''}
  ${n.history.length ? html`<h2>公示历史</h2><ol class="history">${n.history.map((h) => html`<li><time datetime="${h.date}">${h.date}</time> ${h.change}（第 ${h.version} 版）</li>`)}</ol>` : ''}
  <p class="meta">永久链接：<a href="${n.url}">${n.url}</a> · 第 ${n.version} 版 · <a href="/api/v1/notices/${n.id}">JSON</a></p>`;
}
