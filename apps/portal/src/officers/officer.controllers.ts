import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#auth';
import { DomainError } from '#domain';
import { parseQuery } from '../common/parse-query.js';
import { PublicUrl } from '../common/public-url.js';
import { definitionList, pager } from '../web/components.js';
import { HtmlExceptionFilter } from '../web/html-exception.filter.js';
import { html, queryString, type Html } from '../web/html.js';
import { page, sendPage } from '../web/layout.js';
import type { BadgeVerdict } from './badge-verdict.js';
import { OfficerQueryDto } from './officer-query.dto.js';
import { OfficerService, type BadgeCheck, type PublicOfficer } from './officer.service.js';

/** A token is one query value; a repeated `t` (t=a&t=b) is not a token we issued. */
function tokenParam(t: unknown): string | undefined {
  if (t === undefined || t === '') throw new DomainError('invalid', 't: the token of the QR code is required (scan the code the officer shows: …/badge?t=…)');
  return typeof t === 'string' ? t : undefined;
}

// The answer depends on the moment and on the token: never cached, never indexed, never sent on as a referrer.
const BADGE_HEADERS = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' };

@ApiTags('officers (open data)')
@Public()
@Controller('api/v1')
export class OfficerApiController {
  constructor(private readonly officers: OfficerService) {}

  @Get('officers')
  @ApiOperation({ summary: 'The enforcement officers (执法人员名单) of every department (or one): name, 执法证号, certified categories, validity and standing; keyset pagination via `next`' })
  @ApiOkResponse({ description: '{ items, next?, links: { self, next? } }' })
  async list(@Query() q: OfficerQueryDto) {
    const result = await this.officers.list(q);
    const params = { department: q.department, limit: q.limit };
    return {
      ...result,
      links: { self: `/api/v1/officers${queryString({ ...params, after: q.after })}`, ...(result.next ? { next: `/api/v1/officers${queryString({ ...params, after: result.next })}` } : {}) },
    };
  }

  @Get('officers/:id')
  @ApiOperation({ summary: 'One officer’s card (also for an officer no longer listed: the standing says 已注销)' })
  card(@Param('id') id: string): Promise<PublicOfficer> {
    return this.officers.card(id);
  }

  @Get('badge')
  @ApiOperation({
    summary: '亮证: verify the token of an officer’s QR code',
    description: 'Always 200 for a token (a forged or garbled one gets verdict `unverifiable`, with nothing of its content); 400 without `t`.',
  })
  @ApiQuery({ name: 't', required: true, description: 'The token from the QR code' })
  async badge(@Query('t') t: unknown, @Res() res: Response): Promise<void> {
    const check = await this.officers.checkBadge(tokenParam(t));
    res.status(200).set(BADGE_HEADERS).json(check);
  }
}

const VERDICT_CLASS: Record<BadgeVerdict, string> = {
  genuine_inspection: 'verdict-ok',
  genuine_officer: 'verdict-ok',
  qr_expired: 'verdict-bad',
  certificate_invalid: 'verdict-bad',
  unverifiable: 'verdict-bad',
};

function validity(o: PublicOfficer): string {
  if (!o.validFrom && !o.validUntil) return '未登记';
  return `${o.validFrom ?? '—'} 至 ${o.validUntil ?? '—'}`;
}

function standing(o: PublicOfficer): Html {
  return html`<span class="${o.standing === 'valid' ? 'standing-ok' : 'standing-bad'}">${o.standingLabel}</span>`;
}

function officerFacts(o: PublicOfficer): Html {
  return definitionList([
    ['姓名', o.name],
    ['执法证号', o.certificateNo],
    ['执法部门', o.department],
    ['执法类别', o.certifiedCategories.join('、')],
    ['有效期', validity(o)],
    ['证件状态', standing(o)],
  ]);
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

@ApiExcludeController()
@Public()
@UseFilters(HtmlExceptionFilter)
@Controller()
export class OfficerPagesController {
  constructor(
    private readonly officers: OfficerService,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Get('officers')
  async list(@Query() raw: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const q = await parseQuery(OfficerQueryDto, raw);
    const [result, departments] = await Promise.all([this.officers.list(q), this.officers.departments()]);
    const params = { department: q.department, limit: q.limit ? String(q.limit) : undefined, after: q.after };
    const heading = q.department ? `${q.department}执法人员` : '执法人员名单';
    const groups = [...new Set(result.items.map((o) => o.department))];
    sendPage(
      res,
      page(
        { title: heading, nav: 'officers', canonical: this.publicUrl.absolute(`/officers${queryString({ department: q.department })}`), description: '行政执法人员姓名、执法证号、执法类别和证件有效期公示。' },
        html`<h1>${heading}</h1>
        <p>依照行政执法公示制度，公开各执法部门执法人员的姓名、执法证号、执法类别和执法证有效期。执法人员开展检查时应主动出示执法证件；扫描执法人员出示的二维码，可核验其身份和本次检查是否真实。<a href="/api/v1/officers${queryString({ department: q.department })}">JSON</a></p>
        <form class="filters" action="/officers" method="get" aria-label="筛选条件">
          <div class="field"><label for="department">执法部门</label><select id="department" name="department"><option value="">全部</option>${departments.map(
            (d) => html`<option value="${d.department}"${d.department === q.department ? html` selected` : ''}>${d.department}（${d.officers} 人）</option>`,
          )}</select></div>
          <div class="actions"><button type="submit">筛选</button></div>
        </form>
        ${result.items.length ? '' : html`<p class="empty">暂无公示的执法人员。</p>`}
        ${groups.map((dep) => {
          const list = result.items.filter((o) => o.department === dep);
          return html`<h2>${dep}</h2>
          <div class="table-scroll"><table><caption>${dep}执法人员（本页 ${list.length} 人）</caption>
          <thead><tr><th scope="col">姓名</th><th scope="col">执法证号</th><th scope="col">执法类别</th><th scope="col">有效期</th><th scope="col">证件状态</th></tr></thead>
          <tbody>${list.map(
            (o) => html`<tr><th scope="row"><a href="${o.url}">${o.name}</a></th><td>${o.certificateNo}</td><td>${o.certifiedCategories.join('、')}</td><td>${validity(o)}</td><td>${standing(o)}</td></tr>`,
          )}</tbody></table></div>`;
        })}
        ${pager('/officers', params, result.next)}`,
      ),
    );
  }

  @Get('officers/:id')
  async card(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const o = await this.officers.card(id);
    sendPage(
      res,
      page(
        { title: `执法人员：${o.name}`, nav: 'officers', canonical: this.publicUrl.absolute(o.url) },
        html`<div class="badge-page"><h1>执法人员：${o.name}</h1>
        ${officerFacts(o)}
        <p>证件状态为“有效”的执法人员方可从事行政执法活动。<a href="/officers${queryString({ department: o.department })}">${o.department}执法人员名单</a></p></div>`,
      ),
    );
  }

  @Get('badge')
  async badge(@Query('t') t: unknown, @Res() res: Response): Promise<void> {
    const check = await this.officers.checkBadge(tokenParam(t));
    sendPage(res, page({ title: `亮证核验：${check.verdictLabel}`, nav: 'officers', description: '扫码核验执法人员身份和执法检查。' }, badgeBody(check)), 200, BADGE_HEADERS);
  }
}

function badgeBody(c: BadgeCheck): Html {
  const i = c.inspection;
  return html`<div class="badge-page">
  <h1>执法人员亮证核验</h1>
  <section class="badge-verdict ${VERDICT_CLASS[c.verdict]}" role="status" aria-labelledby="verdict">
    <p class="verdict-label" id="verdict">${c.verdictLabel}</p>
    <p>${c.explanation}</p>
  </section>
  ${c.officer ? html`<h2>执法人员</h2>${officerFacts(c.officer)}` : ''}
  ${i
    ? html`<h2>本次检查</h2>${definitionList([
        ['检查任务', i.task],
        ['检查事项', i.items.length ? html`<ul>${i.items.map((n) => html`<li>${n}</li>`)}</ul>` : '—'],
        ['检查对象', i.target],
        ['计划检查时间', `${i.from} 至 ${i.to}`],
      ])}`
    : ''}
  ${c.expiresAt ? html`<p class="meta">二维码有效至 <time datetime="${c.expiresAt}">${SHANGHAI_TIME.format(new Date(c.expiresAt))}</time>（北京时间）。</p>` : ''}
  <p>执法人员进行检查时应当主动出示执法证件；不出示执法证件的，当事人或者有关人员有权拒绝接受检查（《中华人民共和国行政处罚法》第五十五条）。对检查有疑问的，可以向执法部门核实。</p>
  <p><a href="/officers">执法人员名单</a></p>
</div>`;
}
