import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { Public } from '#auth';
import { parseQuery } from '../common/parse-query.js';
import { PublicUrl } from '../common/public-url.js';
import { percent } from '../web/components.js';
import { HtmlExceptionFilter } from '../web/html-exception.filter.js';
import { html, queryString, raw } from '../web/html.js';
import { page, sendPage } from '../web/layout.js';
import { StatisticsService, type Statistics } from './statistics.service.js';

export class StatisticsQueryDto {
  @ApiPropertyOptional({ description: 'Calendar year (default: the newest year with data)', example: 2020 })
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'Department, exact name (default: all departments)' })
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional() @IsString() @MaxLength(100)
  department?: string;
}

async function resolveYear(stats: StatisticsService, q: StatisticsQueryDto): Promise<{ year: number; years: number[]; departments: string[] }> {
  const dims = await stats.dimensions();
  return { ...dims, year: q.year ?? dims.years[0] ?? stats.currentYear() };
}

@ApiTags('statistics (open data)')
@Public()
@Controller('api/v1/statistics')
export class StatisticsApiController {
  constructor(private readonly stats: StatisticsService) {}

  @Get()
  @ApiOperation({ summary: 'Annual figures and rates for one year and department (definitions: docs/portal.md)' })
  async get(@Query() q: StatisticsQueryDto): Promise<Statistics & { years: number[]; departments: string[] }> {
    const { year, years, departments } = await resolveYear(this.stats, q);
    return { ...(await this.stats.compute(year, q.department)), years, departments };
  }
}

const MONTHS = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];

@ApiExcludeController()
@Public()
@UseFilters(HtmlExceptionFilter)
@Controller('statistics')
export class StatisticsPagesController {
  constructor(
    private readonly stats: StatisticsService,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Get()
  async show(@Query() rawQuery: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const q = await parseQuery(StatisticsQueryDto, rawQuery);
    const { year, years, departments } = await resolveYear(this.stats, q);
    const s = await this.stats.compute(year, q.department);
    const rates: [string, number | null, string][] = [
      ['任务完成率', s.rates.taskCompletion, `${s.tasks.completed} / ${s.tasks.executed} 个任务`],
      ['结果按时公示率', s.rates.resultPublication, `${s.spotChecks.publishedOnTime} / ${s.spotChecks.total} 户次`],
      ['掌上执法率', s.rates.mobileEnforcement, `${s.spotChecks.mobile} / ${s.spotChecks.total} 户次`],
      ['事项覆盖率', s.rates.itemCoverage, `${s.items.coveredListed} / ${s.items.listed} 项`],
    ];
    const chartData = {
      months: MONTHS,
      series: [
        { name: '行政许可', data: s.monthly.licence },
        { name: '行政处罚', data: s.monthly.penalty },
        { name: '抽查结果', data: s.monthly.spot_check },
      ],
      rates: rates.map(([name, value]) => ({ name, value })),
    };
    const scope = q.department ?? '全部部门';
    const yearsToOffer = years.includes(year) ? years : [year, ...years];
    // JSON in a data block: `<` escaped so the text can never close the script element.
    const dataBlock = raw(`<script type="application/json" id="stats-data">${JSON.stringify(chartData).replace(/</g, '\\u003c')}</script>`);
    sendPage(
      res,
      page(
        {
          title: `${year}年统计`,
          nav: 'statistics',
          scripts: ['echarts.min.js', 'statistics.js'],
          canonical: this.publicUrl.absolute(`/statistics${queryString({ year, department: q.department })}`),
        },
        html`<h1>${year}年行政执法公示统计</h1>
        <form class="filters" action="/statistics" method="get" aria-label="统计范围">
          <div class="field"><label for="year">年度</label><select id="year" name="year">${yearsToOffer.map((y) => html`<option value="${y}"${y === year ? html` selected` : ''}>${y}年</option>`)}</select></div>
          <div class="field"><label for="department">部门</label><select id="department" name="department"><option value="">全部部门</option>${departments.map((d) => html`<option value="${d}"${d === q.department ? html` selected` : ''}>${d}</option>`)}</select></div>
          <div class="actions"><button type="submit">查看</button> <a href="/api/v1/statistics?year=${year}${q.department ? `&department=${encodeURIComponent(q.department)}` : ''}">JSON</a></div>
        </form>
        <p>统计范围：${scope}，${year}年1月1日至12月31日。各项定义见本页末尾。</p>
        <div class="cards">
          <div class="card"><div class="value" id="stat-licence">${s.licenceDecisions}</div><div class="label">行政许可决定（件）</div></div>
          <div class="card"><div class="value" id="stat-penalty">${s.penaltyDecisions}</div><div class="label">行政处罚决定（件）</div></div>
          <div class="card"><div class="value" id="stat-spot">${s.spotChecks.total}</div><div class="label">检查（户次），其中即时检查 <strong id="stat-immediate">${s.spotChecks.immediate}</strong></div></div>
          <div class="card"><div class="value" id="stat-items">${s.items.covered}</div><div class="label">检查事项（项），涉及 ${s.items.categories.length} 类</div></div>
          <div class="card"><div class="value">${s.tasks.inspectorsDrawn}</div><div class="label">随机抽取执法人员（人）</div></div>
          <div class="card"><div class="value">${s.tasks.executed}</div><div class="label">双随机抽查任务（个），抽取 ${s.tasks.assignments} 户</div></div>
        </div>
        <h2 id="rates-heading">主要指标</h2>
        <div id="chart-rates" class="chart" role="img" aria-labelledby="rates-heading" style="height:220px"></div>
        <table><caption>主要指标</caption><thead><tr><th scope="col">指标</th><th scope="col" class="num">比率</th><th scope="col">计算</th></tr></thead>
          <tbody>${rates.map(([name, value, basis]) => html`<tr><th scope="row">${name}</th><td class="num">${percent(value)}</td><td>${basis}</td></tr>`)}</tbody></table>
        <h2 id="monthly-heading">按月公示数量</h2>
        <div id="chart-monthly" class="chart" role="img" aria-labelledby="monthly-heading"></div>
        <div class="table-scroll"><table><caption>按月公示数量（件）</caption>
          <thead><tr><th scope="col">类型</th>${MONTHS.map((m) => html`<th scope="col" class="num">${m}</th>`)}</tr></thead>
          <tbody>${chartData.series.map((se) => html`<tr><th scope="row">${se.name}</th>${se.data.map((n) => html`<td class="num">${n}</td>`)}</tr>`)}</tbody></table></div>
        <h2>政府信息公开工作年度报告：主动公开政府信息情况</h2>
        <table id="active-disclosure"><caption>第二十条第（五）项、第（六）项</caption>
          <thead><tr><th scope="col">信息内容</th><th scope="col" class="num">本年处理决定数量</th></tr></thead>
          <tbody>${s.activeDisclosure.map((r) => html`<tr><th scope="row">${r.row}</th><td class="num">${r.decisions}</td></tr>`)}</tbody></table>
        <h2>统计口径</h2>
        <ul>
          <li>许可、处罚按决定日期所在年度计数，检查按检查日期计数；已撤回的不计，已过公示期的仍计入当年。</li>
          <li>任务完成率：当年执行抽取的双随机任务中，已公示检查结果的对象数达到抽取户数的任务所占比例。</li>
          <li>结果按时公示率：当年检查结果中，在规定期限内公示的比例。</li>
          <li>掌上执法率：当年检查中，通过移动执法终端记录的比例。</li>
          <li>事项覆盖率：当年年末有效的随机抽查事项清单中，当年实际检查过的事项所占比例。</li>
          <li>行政强制：本系统不办理行政强制决定，计为 0。</li>
        </ul>
        ${dataBlock}`,
      ),
    );
  }
}
export type { Statistics };
