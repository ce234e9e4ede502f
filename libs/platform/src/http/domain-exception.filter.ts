import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError, type DomainErrorKind } from '#domain';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  gone: HttpStatus.GONE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

/**
 * PostgreSQL errors that mean the request, not the server, was wrong: class 22 (data exception: a NUL
 * in text or jsonb, a malformed uuid, a number out of range) and class 23 (integrity constraint
 * violation), plus 54000 (a value too long for an index). The answer never carries the SQL, the
 * constraint or the value.
 */
export function pgClientErrorStatus(code: string | undefined): number | undefined {
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  if (code.startsWith('22')) return HttpStatus.BAD_REQUEST;
  // not_null_violation and check_violation: a value the request should not have sent.
  if (code === '23502' || code === '23514') return HttpStatus.BAD_REQUEST;
  // unique, foreign key, exclusion, restrict: the request conflicts with what is stored.
  if (code.startsWith('23')) return HttpStatus.CONFLICT;
  if (code === '54000') return HttpStatus.BAD_REQUEST;
  return undefined;
}

const PG_MESSAGES: Record<string, string> = {
  '22P05': 'a text value contains a character that cannot be stored (e.g. NUL)',
  '22021': 'a text value contains a character that cannot be stored (e.g. NUL)',
  '54000': 'a value is too long',
};

/** The 4xx status of a PostgreSQL error that was the request's fault (undefined for anything else). */
export function pgErrorStatus(exception: unknown): number | undefined {
  return pgClientErrorStatus(sqlState(exception));
}

/** The SQLSTATE of a PostgreSQL error, as TypeORM wraps it or as the driver throws it. */
function sqlState(exception: unknown): string | undefined {
  if (exception instanceof QueryFailedError) {
    const e = exception as QueryFailedError & { code?: unknown; driverError?: { code?: unknown } };
    const code = e.driverError?.code ?? e.code;
    return typeof code === 'string' ? code : undefined;
  }
  // pg's DatabaseError (a query outside TypeORM): it has a severity and a five-character code.
  const e = exception as { code?: unknown; severity?: unknown; name?: unknown } | null;
  if (e && typeof e === 'object' && e.name === 'error' && typeof e.severity === 'string' && typeof e.code === 'string') return e.code;
  return undefined;
}

/**
 * One error shape for every app: `{ statusCode, error, message, details? }`. Domain errors map to
 * 4xx; anything unexpected is a 500 whose body says nothing about the internals (the log does).
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<{ headersSent?: boolean; status(code: number): { json(body: unknown): void } }>();
    if (response.headersSent) return;
    const { status, body } = this.describe(exception);
    if (status >= 500) this.logger.error((exception as Error)?.stack ?? String(exception));
    response.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const body = typeof res === 'string' ? { statusCode: status, message: res } : { statusCode: status, ...(res as object) };
      return { status, body };
    }
    if (exception instanceof DomainError) {
      const status = STATUS[exception.kind];
      return { status, body: { statusCode: status, error: exception.kind, message: exception.message, ...(exception.details !== undefined ? { details: exception.details } : {}) } };
    }
    const code = sqlState(exception);
    const pgStatus = pgClientErrorStatus(code);
    if (code && pgStatus) {
      const message = PG_MESSAGES[code] ?? (pgStatus === HttpStatus.CONFLICT ? 'conflicts with an existing record' : 'a value is malformed or out of range');
      return { status: pgStatus, body: { statusCode: pgStatus, error: 'rejected', message } };
    }
    if ((exception as { type?: string })?.type === 'entity.too.large') {
      return { status: 413, body: { statusCode: 413, message: 'request body too large' } };
    }
    return { status: 500, body: { statusCode: 500, message: 'internal error' } };
  }
}
