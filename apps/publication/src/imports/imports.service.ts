import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { invalid } from '#domain';
import { VALIDATION_OPTIONS } from '#messaging';
import { checkDecision, type CheckedDecision, type Problem } from '../decisions/check-decision.js';
import type { DecisionKind } from '../decisions/decision-facts.js';
import { Decision } from '../decisions/decision.entity.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import { LicenceDecisionDto } from '../decisions/dto/licence-decision.dto.js';
import { PenaltyDecisionDto } from '../decisions/dto/penalty-decision.dto.js';
import { columnsFor, normalizeHeader, PROTECTION_FLAGS, type ImportColumn } from './import-columns.js';
import { readTable, type Table } from './read-table.js';

/** One problem of one row (row numbers as the spreadsheet shows them; the header is row 1). */
export interface RowError {
  row: number;
  column?: string;
  message: string;
}

export interface ImportOptions {
  kind: DecisionKind;
  department: string;
  /** What to do with publishable rows that have no 公示日期: keep as drafts, or publish now. */
  publish: 'draft' | 'now';
  dryRun: boolean;
  by: string;
}

export interface ImportReport {
  kind: DecisionKind;
  department: string;
  dryRun: boolean;
  rows: number;
  /** Decisions recorded (0 in a dry run). */
  recorded: number;
  /** Notices published by this import (rows with 公示日期, or all publishable ones with publish=now). */
  published: number;
  drafts: number;
  /** Rows recorded but not published, and why (简易程序, warning only, minors…). */
  notPublished: { row: number; documentNumber: string; reasons: string[] }[];
  decisionIds: string[];
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: DecisionsService,
  ) {}

  /**
   * Imports a CSV or XLSX file of decisions all or nothing: every row is checked first, and a file
   * with any bad row writes nothing and answers with every problem of every row.
   */
  async import(file: Buffer, filename: string, o: ImportOptions): Promise<ImportReport> {
    const table = await readTable(file, filename);
    const columns = this.mapHeaders(table, o.kind);
    const today = this.decisions.today();
    const errors: RowError[] = [];
    const checked: { row: number; decision: CheckedDecision }[] = [];
    const seen = new Map<string, number>();

    for (const [i, { row, cells }] of table.rows.entries()) {
      // Checking a row is CPU work: a turn for the event loop every 100 rows keeps the app answering
      // and its outbox relay publishing while a file of thousands is checked.
      if (i > 0 && i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      const { plain, problems } = toPlain(columns, cells);
      const rowErrors: RowError[] = problems.map((p) => ({ row, column: p.column, message: p.message }));
      const shape: new () => LicenceDecisionDto | PenaltyDecisionDto = o.kind === 'licence' ? LicenceDecisionDto : PenaltyDecisionDto;
      const dto = plainToInstance(shape, plain) as LicenceDecisionDto | PenaltyDecisionDto;
      const validation = await validate(dto, VALIDATION_OPTIONS);
      const header = (field: string) => columns.find((c) => c?.field === field)?.header ?? PROTECTION_HEADER(field) ?? field;
      for (const e of flatten(validation)) if (!rowErrors.some((r) => r.column === header(e.field))) rowErrors.push({ row, column: header(e.field), message: e.message });
      if (rowErrors.length === 0) {
        const result = o.kind === 'licence' ? checkDecision('licence', dto as LicenceDecisionDto, today) : checkDecision('penalty', dto as PenaltyDecisionDto, today);
        for (const p of result.problems) rowErrors.push({ row, column: header(p.field), message: p.message });
        if (result.checked) {
          const number = result.checked.facts.documentNumber;
          const first = seen.get(number);
          if (first !== undefined) rowErrors.push({ row, column: header('documentNumber'), message: `${number} is already in row ${first} of this file` });
          else seen.set(number, row);
          if (!result.checked.publishedOn) result.checked.publish = o.publish;
          checked.push({ row, decision: result.checked });
        }
      }
      errors.push(...rowErrors);
    }

    const numbers = [...seen.keys()];
    if (numbers.length) {
      const existing = await this.dataSource.getRepository(Decision).find({ select: { documentNumber: true }, where: { kind: o.kind, department: o.department, documentNumber: In(numbers) } });
      for (const e of existing) {
        errors.push({ row: seen.get(e.documentNumber)!, column: columns.find((c) => c?.field === 'documentNumber')!.header, message: `${o.department} already has a decision numbered ${e.documentNumber}` });
      }
    }
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      const badRows = new Set(errors.map((e) => e.row)).size;
      throw invalid(`${badRows} of ${table.rows.length} rows have errors; nothing was imported`, { errors });
    }

    const report: ImportReport = { kind: o.kind, department: o.department, dryRun: o.dryRun, rows: table.rows.length, recorded: 0, published: 0, drafts: 0, notPublished: [], decisionIds: [] };
    for (const { row, decision } of checked) {
      const assessment = this.decisions.assess(decision.facts);
      if (!assessment.publishable) report.notPublished.push({ row, documentNumber: decision.facts.documentNumber, reasons: assessment.reasons });
    }
    if (o.dryRun) return report;
    await this.dataSource.transaction(async (m) => {
      for (const { decision: d, notice } of await this.decisions.recordMany(m, checked.map((c) => c.decision), o.department, o.by)) {
        report.recorded++;
        report.decisionIds.push(d.id);
        if (notice?.state === 'published') report.published++;
        else if (notice) report.drafts++;
      }
    });
    return report;
  }

  /** Matches the header row to the columns of the standard; unknown or missing columns stop the import. */
  private mapHeaders(table: Table, kind: DecisionKind): (ImportColumn | undefined)[] {
    const columns = columnsFor(kind);
    const byHeader = new Map(columns.map((c) => [normalizeHeader(c.header), c]));
    const problems: RowError[] = [];
    const mapped = table.headers.map((h, i) => {
      const header = normalizeHeader(String(h ?? ''));
      if (header === '') return undefined;
      const column = byHeader.get(header);
      if (!column) problems.push({ row: 1, column: String(h), message: `unknown column "${h}" (column ${i + 1}) for ${kind} decisions` });
      return column;
    });
    for (const c of columns) {
      const count = mapped.filter((m) => m === c).length;
      if (c.required && count === 0) problems.push({ row: 1, column: c.header, message: `required column "${c.header}" is missing` });
      if (count > 1) problems.push({ row: 1, column: c.header, message: `column "${c.header}" appears ${count} times` });
    }
    if (problems.length) throw invalid(`the header row does not match the ${kind} template; nothing was imported`, { errors: problems });
    return mapped;
  }
}

const PROTECTION_HEADER = (field: string) => (Object.values(PROTECTION_FLAGS).includes(field) ? '不予公开情形' : undefined);

/** Turns one row's cells into the plain object the DTO validates, converting each cell by its column type. */
function toPlain(columns: (ImportColumn | undefined)[], cells: (string | Date | undefined)[]): { plain: Record<string, unknown>; problems: { column: string; message: string }[] } {
  const plain: Record<string, unknown> = {};
  const problems: { column: string; message: string }[] = [];
  columns.forEach((column, i) => {
    const cell = cells[i];
    if (!column || cell === undefined) return;
    const fail = (message: string) => problems.push({ column: column.header, message });
    const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : cell.trim();
    switch (column.type) {
      case 'text':
        plain[column.field] = text;
        break;
      case 'date': {
        if (column.field === 'validUntil' && /^(长期|永久|无固定期限)$/.test(text)) break;
        const date = parseDate(text);
        if (date) plain[column.field] = date;
        else fail(`${column.header} "${text}" is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)`);
        break;
      }
      case 'list':
        plain[column.field] = text.split(/[;；、,，\n]+/).map((s) => s.trim()).filter(Boolean);
        break;
      case 'amount':
        plain[column.field] = text.replace(/,/g, '');
        break;
      case 'bool': {
        if (/^(是|true|y|yes|1)$/i.test(text)) plain[column.field] = true;
        else if (/^(否|false|n|no|0)$/i.test(text)) plain[column.field] = false;
        else fail(`${column.header} must be 是 or 否, got "${text}"`);
        break;
      }
      case 'months': {
        if (/^(终身|永久)$/.test(text)) plain.lifetimeRestriction = true;
        else if (/^\d+$/.test(text)) plain[column.field] = Number(text);
        else fail(`${column.header} must be a number of months or 终身, got "${text}"`);
        break;
      }
      case 'protection': {
        for (const value of text.split(/[;；、,，\n]+/).map((s) => s.trim()).filter(Boolean)) {
          const flag = PROTECTION_FLAGS[value];
          if (flag) plain[flag] = true;
          else fail(`${column.header}: "${value}" is not one of ${Object.keys(PROTECTION_FLAGS).join('、')}`);
        }
        break;
      }
    }
  });
  return { plain, problems };
}

/** YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, or an Excel serial day number. */
export function parseDate(text: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  if (/^\d{5}$/.test(text)) return new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000).toISOString().slice(0, 10);
  return undefined;
}

function flatten(errors: ValidationError[], prefix = ''): Problem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field: prefix || e.property, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
