import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#auth';
import { PublicUrl } from '../common/public-url.js';
import { FirmInspectionsService } from '../firms/firm-inspections.service.js';
import { queryString } from '../web/html.js';
import { atomFeed } from './atom-feed.js';
import { streamCsv } from './csv-export.js';
import { NoticeQueryService, type SearchPage } from './notice-query.service.js';
import type { NoticeDetail } from './notice.view.js';
import { NoticeFilterDto, NoticeSearchDto } from './search-query.dto.js';
import { CSV_RATE_LIMIT, RateLimited } from '../rate-limit.js';

type Params = Record<string, string | number | undefined>;

/** Open data: every notice the pages show, as JSON, CSV and Atom. No key; rate-limited per client IP. */
@ApiTags('notices (open data)')
@ApiTooManyRequestsResponse({ description: 'Rate limit exceeded; Retry-After says how many seconds to wait' })
@Public()
@Controller()
export class NoticeApiController {
  constructor(
    private readonly notices: NoticeQueryService,
    private readonly publicUrl: PublicUrl,
    private readonly inspections: FirmInspectionsService,
  ) {}

  @Get('api/v1/notices')
  @ApiOperation({ summary: 'Search notices', description: 'Keyword search (2-character Chinese terms included) with filters; newest first or by relevance; keyset pagination via `next`.' })
  @ApiOkResponse({ description: '{ items, next?, links: { self, next? }, total? }' })
  async search(@Query() query: NoticeSearchDto) {
    return searchAnswer(await this.notices.search(query), query);
  }

  @Get('api/v1/notices.csv')
  @RateLimited(CSV_RATE_LIMIT)
  @ApiOperation({ summary: 'Every notice matching the filters as CSV (UTF-8 with BOM), streamed, newest first' })
  @ApiProduces('text/csv')
  async csv(@Query() query: NoticeFilterDto, @Res() res: Response): Promise<void> {
    await sendCsv(this.notices, query, this.publicUrl.origin, res);
  }

  @Get('api/v1/notices/:id')
  @ApiOperation({ summary: 'One notice, all published fields, and its version history (history: [{ version, date, change }], e.g. 整改复查：整改到位)' })
  @ApiNotFoundResponse({ description: 'No such notice' })
  @ApiGoneResponse({ description: 'Withdrawn or past its display period' })
  detail(@Param('id') id: string): Promise<NoticeDetail> {
    return this.notices.detail(id);
  }

  @Get('api/v1/firms/:creditCode')
  @ApiOperation({ summary: "A firm's notices (by 统一社会信用代码), newest first, and how often it was inspected in the last 12 months across departments (inspectionsLast12Months: { window, total, byDepartment })" })
  async firm(@Param('creditCode') creditCode: string, @Query() query: NoticeSearchDto) {
    const filters = Object.assign(new NoticeSearchDto(), query, { creditCode: creditCode.toUpperCase() });
    const [name, page, inspections] = await Promise.all([this.notices.firmName(filters.creditCode!), this.notices.search(filters), this.inspections.of(filters.creditCode!)]);
    return { creditCode: filters.creditCode, name: name ?? null, inspectionsLast12Months: inspections, ...page };
  }

  @Get('api/v1/facets')
  @ApiOperation({ summary: 'Departments, regions and penalty types in use (the filter choices)' })
  facets() {
    return this.notices.facets();
  }

  @Get('feed.atom')
  @ApiOperation({ summary: 'Atom feed of the newest 50 notices; accepts the search filters' })
  @ApiProduces('application/atom+xml')
  async feed(@Query() query: NoticeFilterDto, @Res() res: Response): Promise<void> {
    const page = await this.notices.search(Object.assign(new NoticeSearchDto(), query, { limit: 50, sort: 'date' }));
    // The configured public origin, never the Host header (which the client chooses).
    const base = this.publicUrl.origin;
    res
      .status(200)
      .set({ 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'no-cache' })
      .send(atomFeed(page.items, base, `/feed.atom${queryString({ ...query } as Params)}`));
  }
}

/** The body of `GET /api/v1/notices`: the page and its links (also sent by the lean path, notice-search.lean-path.ts). */
export function searchAnswer(page: SearchPage, query: NoticeSearchDto) {
  const params = { ...query } as Params;
  return {
    ...page,
    links: {
      self: `/api/v1/notices${queryString(params)}`,
      ...(page.next ? { next: `/api/v1/notices${queryString({ ...params, after: page.next })}` } : {}),
      csv: `/api/v1/notices.csv${queryString({ ...params, after: undefined, limit: undefined, sort: undefined, count: undefined })}`,
    },
  };
}

/** `base`: the portal's public origin (PublicUrl), for the detail links. */
export async function sendCsv(notices: NoticeQueryService, filters: NoticeFilterDto, base: string, res: Response): Promise<void> {
  const batches = notices.scan(filters);
  // Validate and run the first batch before the headers go out, so a bad request is still a clean 4xx.
  const first = await batches.next();
  res.status(200).set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="notices.csv"; filename*=UTF-8''${encodeURIComponent('公示信息.csv')}`,
    'Cache-Control': 'no-store',
  });
  async function* all() {
    if (!first.done) yield first.value;
    yield* batches;
  }
  await streamCsv(res, all(), base);
}
