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

/** PostgreSQL errors that mean the request, not the server, was wrong. */
const PG_CLIENT_ERRORS: Record<string, number> = {
  '23505': HttpStatus.CONFLICT, // unique_violation
  '23503': HttpStatus.CONFLICT, // foreign_key_violation
  '22P02': HttpStatus.BAD_REQUEST, // invalid_text_representation (e.g. a malformed uuid)
  '22021': HttpStatus.BAD_REQUEST, // character_not_in_repertoire (e.g. a NUL byte in a text field)
  '22001': HttpStatus.BAD_REQUEST, // string_data_right_truncation
  '22003': HttpStatus.BAD_REQUEST, // numeric_value_out_of_range
  '22007': HttpStatus.BAD_REQUEST, // invalid_datetime_format
  '22008': HttpStatus.BAD_REQUEST, // datetime_field_overflow
};

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
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { driverError?: { code?: string; detail?: string } }).driverError?.code;
      const status = code ? PG_CLIENT_ERRORS[code] : undefined;
      if (status) return { status, body: { statusCode: status, error: 'rejected', message: status === 409 ? 'conflicts with an existing record' : 'a value is malformed or out of range' } };
    }
    if ((exception as { type?: string })?.type === 'entity.too.large') {
      return { status: 413, body: { statusCode: 413, message: 'request body too large' } };
    }
    return { status: 500, body: { statusCode: 500, message: 'internal error' } };
  }
}
