import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#auth';
import { PublicUrl } from '../common/public-url.js';
import { HtmlExceptionFilter } from '../web/html-exception.filter.js';
import { html } from '../web/html.js';
import { page, sendPage } from '../web/layout.js';
import { ItemService, type PublicItem } from './item.service.js';

@ApiTags('items (open data)')
@Public()
@Controller('api/v1/items')
export class ItemApiController {
  constructor(private readonly items: ItemService) {}

  @Get()
  @ApiOperation({ summary: 'The current 随机抽查事项清单 of every department (or one)' })
  @ApiQuery({ name: 'department', required: false })
  list(@Query('department') department?: string): Promise<PublicItem[]> {
    return this.items.current(department || undefined);
  }
}

@ApiExcludeController()
@Public()
@UseFilters(HtmlExceptionFilter)
@Controller('items')
export class ItemPagesController {
  constructor(
    private readonly items: ItemService,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Get()
  async list(@Res() res: Response): Promise<void> {
    const items = await this.items.current();
    const departments = [...new Set(items.map((i) => i.department))];
    sendPage(
      res,
      page(
        { title: '随机抽查事项清单', nav: 'items', canonical: this.publicUrl.absolute('/items') },
        html`<h1>随机抽查事项清单</h1>
        <p>没有法律法规依据的事项不得开展检查。重点事项抽查比例不设上限，一般事项抽查比例严格控制。<a href="/api/v1/items">JSON</a></p>
        ${departments.length ? '' : html`<p class="empty">暂无公开的抽查事项清单。</p>`}
        ${departments.map((dep) => {
          const list = items.filter((i) => i.department === dep);
          return html`<h2>${dep}</h2>
          <div class="table-scroll"><table><caption>${dep}随机抽查事项（${list.length} 项，${list[0].listPublishedAt.slice(0, 10)} 发布）</caption>
          <thead><tr><th scope="col">编号</th><th scope="col">抽查事项</th><th scope="col">类别</th><th scope="col">检查对象</th><th scope="col">检查内容</th><th scope="col">检查方式</th><th scope="col">依据</th></tr></thead>
          <tbody>${list.map(
            (i) => html`<tr><td>${i.code}</td><th scope="row">${i.name}</th><td>${i.category}</td><td>${i.targetScope}</td><td>${i.checkPoints.join('；')}</td><td>${i.method}</td><td>${i.legalBasis}</td></tr>`,
          )}</tbody></table></div>`;
        })}`,
      ),
    );
  }
}
