import { applyDecorators, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, type Principal } from '#auth';
import { DomainError } from '#domain';
import { CanRead, CanWrite } from '../common/roles.js';
import type { ImportKind } from './import-job.entity.js';
import { ImportsService, type Upload } from './imports.service.js';

/** A 1,000,000-row target CSV is about 76 MB. */
const MAX_BYTES = 128 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface UploadedPart {
  buffer: Buffer;
  originalname?: string;
}

/** The file of the request: a multipart part named `file`, or the raw body (text/csv or XLSX). */
async function uploadOf(req: Request, part: UploadedPart | undefined): Promise<Upload> {
  if (part) return { data: part.buffer, filename: part.originalname ?? null };
  if (req.readableEnded || req.body && Object.keys(req.body as object).length) {
    throw new DomainError('invalid', 'send the file as multipart field "file", or as a text/csv or XLSX request body');
  }
  const filename = filenameOf(req);
  const tooLarge = () => new DomainError('too_large', `a file may be at most ${MAX_BYTES / 1024 / 1024} MB`);
  if (Number(req.header('content-length') ?? 0) > MAX_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return { data: Buffer.concat(chunks), filename };
}

/** The optional `x-filename` header, URI-encoded (a header cannot carry raw non-ASCII). */
function filenameOf(req: Request): string | null {
  const name = req.header('x-filename');
  if (!name) return null;
  try {
    return decodeURIComponent(name).slice(0, 200);
  } catch {
    throw new DomainError('invalid', 'x-filename must be URI-encoded');
  }
}

const UploadDocs = () => applyDecorators(
  ApiConsumes('multipart/form-data', 'text/csv', XLSX),
  ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } }, description: 'CSV (UTF-8) or XLSX; columns in docs/planning.md' }),
  ApiQuery({ name: 'department', required: false, description: 'Defaults to the caller’s department' }),
  ApiQuery({ name: 'wait', required: false, description: 'true: answer when done (201, or 422 with the row errors); otherwise 202 at once' }),
);

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('targets')
  @CanWrite()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_BYTES, files: 1 } }))
  @UploadDocs()
  @ApiOperation({ summary: 'Bulk import of targets from CSV or XLSX: all or nothing, row-level error report' })
  async targets(@CurrentUser() user: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response, @UploadedFile() file?: UploadedPart, @Query('department') department?: string, @Query('wait') wait?: string) {
    return this.start('targets', user, req, res, file, department, wait);
  }

  @Post('inspectors')
  @CanWrite()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_BYTES, files: 1 } }))
  @UploadDocs()
  @ApiOperation({ summary: 'Bulk import of inspectors from CSV or XLSX: all or nothing, row-level error report' })
  async inspectors(@CurrentUser() user: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response, @UploadedFile() file?: UploadedPart, @Query('department') department?: string, @Query('wait') wait?: string) {
    return this.start('inspectors', user, req, res, file, department, wait);
  }

  @Get(':id')
  @CanRead()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Status, progress (processed/inserted rows) and the row-level error report of an import' })
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.imports.get(user, id);
  }

  private async start(kind: ImportKind, user: Principal, req: Request, res: Response, file: UploadedPart | undefined, department: string | undefined, wait: string | undefined) {
    const waiting = wait === 'true' || wait === '1';
    const job = await this.imports.start(kind, user, await uploadOf(req, file), { department, wait: waiting });
    res.status(waiting ? HttpStatus.CREATED : HttpStatus.ACCEPTED).location(`/imports/${job.id}`);
    return job;
  }
}
