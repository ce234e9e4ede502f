import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '#domain';
import { pgErrorStatus } from '#platform';
import { html } from './html.js';
import { page, sendPage } from './layout.js';

const STATUS: Record<string, number> = { invalid: 400, not_found: 404, gone: 410, forbidden: 403, conflict: 409, too_large: 413, unprocessable: 422 };

const HEADINGS: Record<number, string> = {
  400: '请求有误',
  404: '页面不存在',
  410: '该公示已不再公开',
  429: '访问过于频繁',
  500: '服务暂时不可用',
};

/**
 * The pages' error filter: the same statuses as the JSON API (400, 404, 410, 429…) but as a page a
 * person can read and act on. Controller-scoped, so the JSON API keeps the platform's JSON errors.
 */
@Catch()
export class HtmlExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('PortalPages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    let status = 500;
    let message = '请稍后再试。';
    let pgStatus: number | undefined;
    if (exception instanceof DomainError) {
      status = STATUS[exception.kind] ?? 400;
      message = exception.message;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse() as string | { message?: string | string[] };
      const m = typeof body === 'string' ? body : body.message;
      message = Array.isArray(m) ? m.join('；') : (m ?? exception.message);
    } else if ((pgStatus = pgErrorStatus(exception))) {
      // The platform's one mapping of PostgreSQL client errors, as the JSON API uses it.
      status = pgStatus;
      message = '请求中的某个值格式有误或超出范围，请检查查询条件（如日期是否存在）。';
    } else {
      this.logger.error((exception as Error)?.stack ?? String(exception));
    }
    if (status === 429) {
      const after = res.getHeader('Retry-After');
      message = `您的访问过于频繁，请${after ? ` ${String(after)} 秒后` : '稍后'}再试。批量获取数据请使用 CSV 下载或开放接口。`;
    }
    if (status === 410) message = `${message}。依照规定，撤回或超过公示期限的信息不再公开。`;
    const heading = HEADINGS[status] ?? '无法完成请求';
    sendPage(
      res,
      page({ title: heading }, html`<h1>${heading}</h1><p class="${status === 410 ? 'notice-gone' : ''}">${message}</p><p><a href="/">返回首页</a> · <a href="/search">查询公示</a></p>`),
      status,
    );
  }
}
