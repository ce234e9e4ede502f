import { BadRequestException, Controller, Get, Header, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#auth';
import { writeDepartment } from '../common/request-scope.js';
import { ImportQuery, TemplateQuery } from './dto/import.query.js';
import { columnsFor } from './import-columns.js';
import { ImportsService, type ImportReport } from './imports.service.js';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

interface UploadedSpreadsheet {
  buffer: Buffer;
  originalname: string;
  size: number;
}

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions/import')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @Roles('officer', 'admin')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'CSV (UTF-8) or XLSX in the template’s columns' } } } })
  @ApiOperation({
    summary: 'Bulk-import licence or penalty decisions from CSV or XLSX, all or nothing',
    description: 'Every row is checked first; any bad row → 400 with `details.errors` = [{row, column, message}] and nothing written. Rows with 公示日期 are recorded as published on that date (historical records).',
  })
  async import(@UploadedFile() file: UploadedSpreadsheet | undefined, @Query() q: ImportQuery, @CurrentUser() user: Principal): Promise<ImportReport> {
    if (!file) throw new BadRequestException('send the spreadsheet as multipart/form-data in a field named "file"');
    const department = writeDepartment(user, q.department);
    return this.imports.import(file.buffer, Buffer.from(file.originalname, 'latin1').toString('utf8'), { kind: q.kind, department, publish: q.publish, dryRun: q.dryRun, by: user.sub });
  }

  @Get('template')
  @Roles('officer', 'admin', 'auditor')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The header row of the import template (CSV, UTF-8 with BOM so Excel opens it right)' })
  template(@Query() q: TemplateQuery): string {
    return '\uFEFF' + columnsFor(q.kind).map((c) => c.header).join(',') + '\r\n';
  }
}
