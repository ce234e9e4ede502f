import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { Roles } from '#auth';
import { invalid } from '#domain';
import { AuditQuery } from './audit-query.dto.js';
import { AuditRepository, auditView, type AuditFilter, type ChainVerdict } from './audit.repository.js';

const EXPORT_BATCH = 1000;
const CSV_HEADER = ['序号', '记录ID', '时间', '操作人', '角色', '部门', '操作', '涉及对象', '变更', '请求ID', '前一记录哈希', '本记录哈希'];

/**
 * The full-process record (执法全过程记录) for auditors and admins: search, CSV export and a walk of
 * the hash chain. Every app serves its own; the record of one app is one chain.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(private readonly records: AuditRepository) {}

  @Get()
  @ApiOperation({ summary: 'Audit records, newest first, by entity id, person, department and time range; `next` pages on' })
  async list(@Query() q: AuditQuery) {
    const items = await this.records.find(filterOf(q), q.limit);
    return { items: items.map(auditView), next: items.length === q.limit ? items.at(-1)!.seq : null };
  }

  @Get('export')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The matching records as CSV (UTF-8 with BOM, for Excel), newest first, streamed' })
  async export(@Query() q: AuditQuery, @Res() res: Response): Promise<void> {
    const filter = filterOf(q);
    let gone = false;
    res.once('close', () => (gone = true));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit.csv"');
    try {
      res.write('\uFEFF' + stringify([CSV_HEADER]));
      while (!gone) {
        const rows = await this.records.find(filter, EXPORT_BATCH);
        const lines = rows.map((r) => [r.seq, r.id, r.at.toISOString(), r.subject, r.roles.join(' '), r.department ?? '', r.action, r.entityIds.join(' '), JSON.stringify(r.changes), r.requestId, r.prevHash, r.hash]);
        // csv-stringify quotes what needs it; a cell that a spreadsheet would run as a formula is prefixed.
        if (rows.length && !res.write(stringify(lines, { cast: { string: neutralise } }))) await drainedOrClosed(res);
        if (rows.length < EXPORT_BATCH) break;
        filter.beforeSeq = rows.at(-1)!.seq;
      }
      res.end();
    } catch (error) {
      // The header is sent: the client can only see a cut-off file, never a hang.
      res.destroy(error as Error);
    }
  }

  @Get('verify')
  @ApiOperation({ summary: 'Walks the hash chain from the first record and answers where it first breaks (a changed or deleted record)' })
  verify(): Promise<ChainVerdict> {
    return this.records.verify();
  }
}

/** A slow reader makes the export wait; one that has gone away ends it. */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

function filterOf(q: AuditQuery): AuditFilter {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) throw invalid('from must be before to');
  return { entity: q.entity, subject: q.subject, department: q.department, from, to, beforeSeq: q.before };
}

/** CSV injection: a leading =, +, - or @ makes a spreadsheet evaluate the cell. */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
