import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#auth';
import { definitionList } from '../web/components.js';
import { inspectionBurdenRuleText } from '../firms/firm-inspections.view.js';
import { HtmlExceptionFilter } from '../web/html-exception.filter.js';
import { html, type Html } from '../web/html.js';
import { page, sendPage } from '../web/layout.js';
import { DrawQueryService, type DrawDetail, type DrawSummary } from './draw-query.service.js';

const STAGES: Record<DrawSummary['stage'], string> = { announced: '已公告，待抽取', executed: '已抽取，待公开', revealed: '已公开，可验证' };

@ApiExcludeController()
@Public()
@UseFilters(HtmlExceptionFilter)
@Controller('tasks')
export class DrawPagesController {
  constructor(private readonly draws: DrawQueryService) {}

  @Get()
  async list(@Res() res: Response): Promise<void> {
    const draws = await this.draws.list();
    sendPage(
      res,
      page(
        { title: '抽查任务', nav: 'tasks' },
        html`<h1>抽查任务与随机抽取</h1>
        <p>每次抽取前公告抽取规则、对象与人员名录的哈希值和种子承诺；抽取后公开种子与全部抽取过程，任何人都可以在本站或用命令行工具重新计算、验证结果。</p>
        ${draws.length
          ? html`<div class="table-scroll"><table><caption>抽查任务（${draws.length}）</caption>
            <thead><tr><th scope="col">任务</th><th scope="col">部门</th><th scope="col">公告时间</th><th scope="col" class="num">抽取户数</th><th scope="col">状态</th></tr></thead>
            <tbody>${draws.map(
              (d) => html`<tr><td><a href="${d.url}">${d.taskName}</a>${d.taskNumber ? html`<br><span class="meta">${d.taskNumber}</span>` : ''}</td>
                <td>${d.departments.length > 1 ? d.departments.join('、') : d.department}</td><td>${d.announcedAt?.slice(0, 10)}</td>
                <td class="num">${d.totalAssignments ?? '—'}</td><td>${STAGES[d.stage]}${d.stage === 'revealed' ? html` · <a href="${d.url}/verify">验证</a>` : ''}</td></tr>`,
            )}</tbody></table></div>`
          : html`<p class="empty">暂无公告的抽查任务。</p>`}`,
      ),
    );
  }

  @Get(':drawId')
  async detail(@Param('drawId') drawId: string, @Res() res: Response): Promise<void> {
    const d = await this.draws.detail(drawId);
    sendPage(res, page({ title: d.taskName, nav: 'tasks' }, detailBody(d)));
  }

  @Get(':drawId/verify')
  async verify(@Param('drawId') drawId: string, @Res() res: Response): Promise<void> {
    const d = await this.draws.detail(drawId);
    sendPage(
      res,
      page(
        { title: `验证抽取：${d.taskName}`, nav: 'tasks', scripts: ['verifier.js'] },
        html`<h1>验证抽取结果：${d.taskName}</h1>
        <p>本页在您的浏览器中，用与命令行工具（<code>npm run verify-draw</code>）相同的算法，根据公开的名录、规则、种子承诺和公开随机数重新计算整个抽取过程，并与公布的结果逐项比对。计算不经过服务器。</p>
        <p>自验证数据第 2 版起，验证数据不公开执法人员的回避声明和请休假情况：每项回避或不能参加的情形只公开适用的规则和对其理由的加盐承诺（哈希值），理由本身由执法部门保存，可供审计核对；未被抽中的检查对象只以加盐哈希值出现，不公开其名称、代码或信用风险分类。此前公布的第 1 版验证数据保持原样，同样可以验证；验证结果会注明版本。</p>
        <div id="verifier" data-bundle-url="${d.bundleUrl ?? ''}">
          ${d.bundleUrl
            ? html`<p><button type="button" id="verify-published">验证公布的抽取结果</button> <a href="${d.bundleUrl}" download>下载验证数据（JSON）</a></p>`
            : html`<p class="empty">该任务尚未公开抽取过程，公开后即可验证。</p>`}
          <p class="field"><label for="verify-file">或选择自己保存的验证数据文件：</label> <input type="file" id="verify-file" accept="application/json,.json"></p>
          <p id="verify-status" class="verdict" role="status" aria-live="polite">尚未验证。</p>
          <ul id="verify-differences"></ul>
        </div>
        <noscript><p>验证需要启用 JavaScript；也可下载验证数据后用命令行工具验证。</p></noscript>
        <p><a href="${d.url}">返回任务</a></p>`,
      ),
    );
  }
}

function detailBody(d: DrawDetail): Html {
  return html`<h1>${d.taskName}</h1>
  <p class="meta">${STAGES[d.stage]}</p>
  ${d.stage === 'revealed' ? html`<p><a class="button" href="${d.url}/verify">在浏览器中验证抽取结果</a></p>` : ''}
  <h2>公告</h2>
  ${definitionList([
    ['任务编号', d.taskNumber],
    ['部门', d.departments.length > 1 ? `${d.departments.join('、')}（联合抽查）` : d.department],
    ['抽查事项', d.items.map((i) => i.name).join('、')],
    ['公告时间', d.announcedAt?.replace('T', ' ').slice(0, 16)],
    ['完成期限', d.dueDate],
    ['抽取算法', d.algorithm],
    ['检查对象名录', d.targetPopulationSize !== null ? `${d.targetPopulationSize} 户` : null],
    ['对象名录哈希（SHA-256）', d.targetPopulationHash ? html`<span class="hash">${d.targetPopulationHash}</span>` : null],
    ['检查人员名录', d.inspectorPopulationSize !== null ? `${d.inspectorPopulationSize} 人` : null],
    ['人员名录哈希（SHA-256）', d.inspectorPopulationHash ? html`<span class="hash">${d.inspectorPopulationHash}</span>` : null],
    ['种子承诺', d.commitment ? html`<span class="hash">${d.commitment}</span>` : null],
    ['公开随机数来源', d.publicRandomnessSource],
    ['无事不扰', inspectionBurdenRuleText(d.rules)],
  ])}
  ${d.strata?.length
    ? html`<table><caption>分层抽取（按信用风险分类）</caption><thead><tr><th scope="col">类别</th><th scope="col" class="num">对象数</th><th scope="col" class="num">抽取数</th></tr></thead>
      <tbody>${d.strata.map((s) => html`<tr><th scope="row">${s.stratum}</th><td class="num">${s.size}</td><td class="num">${s.sampleSize}</td></tr>`)}</tbody></table>`
    : ''}
  ${d.executedAt ? html`<h2>抽取</h2>${definitionList([['抽取时间', d.executedAt.replace('T', ' ').slice(0, 16)], ['抽取户数', d.totalAssignments], ['种子', d.seed ? html`<span class="hash">${d.seed}</span>` : '公开后显示']])}` : ''}
  ${d.assignments.length ? assignmentsTable(d) : ''}`;
}

/** The drawn firms and their teams; the credit class column only where the bureau publishes it. */
function assignmentsTable(d: DrawDetail): Html {
  const withClass = d.creditClass === 'published';
  return html`<div class="table-scroll"><table><caption>抽取结果</caption><thead><tr><th scope="col">检查对象</th>${withClass ? html`<th scope="col">类别</th>` : ''}<th scope="col">检查人员</th></tr></thead>
      <tbody>${d.assignments.map(
        (a) => html`<tr><td>${a.targetCode ? html`<a href="/firms/${a.targetCode}">${a.targetName}</a>` : a.targetName}</td>${withClass ? html`<td>${a.stratum}</td>` : ''}
          <td>${a.inspectors.map((i) => `${i.name}（${i.department}）`).join('、')}</td></tr>`,
      )}</tbody></table></div>
    ${withClass ? '' : html`<p class="meta">按信用风险分类的抽取情况只按类别汇总公开（见上表），不公开每户的分类。</p>`}`;
}
