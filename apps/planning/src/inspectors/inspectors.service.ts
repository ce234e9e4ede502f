import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '#messaging';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { assertCanRead, type Principal } from '#auth';
import { conflict, invalid, notFound } from '#domain';
import { readableDepartment, writableDepartment } from '../common/department.js';
import type { Page } from '../common/pagination.js';
import { checkInspector, type InspectorFields, type InspectorRecord } from './inspector-rules.js';
import { publishDirectoryChanges } from './directory-events.js';
import { Inspector } from './inspector.entity.js';
import type { CreateInspectorDto, ListInspectorsQuery, UpdateInspectorDto } from './dto/inspector.dto.js';

/** The 执法检查人员名录库. */
@Injectable()
export class InspectorsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: Principal, q: ListInspectorsQuery): Promise<Page<Inspector>> {
    const department = readableDepartment(user, q.department);
    const qb = this.ds.getRepository(Inspector).createQueryBuilder('i');
    if (department) qb.andWhere('i.department = :department', { department });
    if (q.status) qb.andWhere('i.status = :status', { status: q.status });
    if (q.category) qb.andWhere(':category = ANY(i.certified_categories)', { category: q.category });
    const [items, total] = await qb.orderBy('i.certificate_no').limit(q.limit).offset(q.offset).getManyAndCount();
    return { total, limit: q.limit, offset: q.offset, items };
  }

  async get(user: Principal, id: string): Promise<Inspector> {
    const inspector = await this.ds.getRepository(Inspector).findOneBy({ id });
    if (!inspector) throw notFound(`inspector ${id} not found`);
    assertCanRead(user, inspector.department);
    return inspector;
  }

  async create(user: Principal, dto: CreateInspectorDto): Promise<Inspector> {
    const department = writableDepartment(user, dto.department);
    const record = this.check({ ...dto, department });
    return this.ds.transaction(async (m) => {
      await assertConflictTargetsExist(m, record);
      const taken = await m.findOneBy(Inspector, { certificateNo: record.certificateNo });
      if (taken) throw conflict(`执法证号 ${record.certificateNo} is already in the directory (inspector ${taken.id})`);
      const saved = await m.save(m.create(Inspector, { ...record, importId: null }));
      await publishDirectoryChanges(m, this.outbox, { ids: [saved.id] }, this.clock.now());
      return saved;
    });
  }

  async update(user: Principal, id: string, dto: UpdateInspectorDto): Promise<Inspector> {
    return this.ds.transaction(async (m) => {
      const existing = await m.findOne(Inspector, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!existing) throw notFound(`inspector ${id} not found`);
      writableDepartment(user, existing.department);
      if (dto.department && dto.department !== existing.department) writableDepartment(user, dto.department);
      const record = this.check({ ...existing, ...dto } as InspectorFields);
      await assertConflictTargetsExist(m, record);
      if (record.certificateNo !== existing.certificateNo) {
        const taken = await m.findOneBy(Inspector, { certificateNo: record.certificateNo });
        if (taken) throw conflict(`执法证号 ${record.certificateNo} is already in the directory`);
      }
      Object.assign(existing, record);
      const saved = await m.save(existing);
      await publishDirectoryChanges(m, this.outbox, { ids: [saved.id] }, this.clock.now());
      return saved;
    });
  }

  private check(fields: InspectorFields): InspectorRecord {
    const { value, problems } = checkInspector(fields);
    if (!value) throw invalid(problems.map((p) => p.message).join('; '), problems);
    return value;
  }
}

/** A conflict naming a target id must name a target that exists. */
async function assertConflictTargetsExist(m: EntityManager, record: InspectorRecord): Promise<void> {
  const ids = record.conflicts.map((c) => c.targetId).filter((id): id is string => !!id);
  if (!ids.length) return;
  const rows = (await m.query(`SELECT id::text FROM planning.target WHERE id = ANY($1::uuid[])`, [ids])) as { id: string }[];
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalid(`declared conflict with unknown target(s): ${missing.join(', ')}`);
}
