import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ItemsPublished, type PublishedItem } from '#contracts';
import { conflict, notFound } from '#domain';
import { OutboxService } from '#messaging';
import type { Principal } from '#auth';
import { writableDepartment } from '../common/department.js';
import { ItemVersion } from './item.entity.js';
import type { CreateItemDto, ItemFieldsDto } from './dto/item.dto.js';

/**
 * The 随机抽查事项清单. Every change writes a new version and publishes the department's whole
 * current list (planning.items.published) in the same transaction.
 */
@Injectable()
export class ItemsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The current, published list (optionally of one department). */
  listCurrent(department?: string): Promise<ItemVersion[]> {
    return this.ds.getRepository(ItemVersion).find({
      where: { current: true, retired: false, ...(department ? { department } : {}) },
      order: { code: 'ASC' },
    });
  }

  async history(code: string): Promise<ItemVersion[]> {
    const versions = await this.ds.getRepository(ItemVersion).find({ where: { code }, order: { version: 'ASC' } });
    if (!versions.length) throw notFound(`item ${code} not found`);
    return versions;
  }

  async create(user: Principal, dto: CreateItemDto): Promise<ItemVersion> {
    const department = writableDepartment(user, dto.department);
    return this.ds.transaction(async (m) => {
      const existing = await m.findOneBy(ItemVersion, { code: dto.code });
      if (existing) throw conflict(`item code ${dto.code} already exists (edit it with PUT /items/${dto.code})`);
      const item = await m.save(m.create(ItemVersion, { ...fieldsOf(dto), code: dto.code, version: 1, current: true, retired: false, department, createdBy: user.sub }));
      await this.publish(m, department);
      return item;
    });
  }

  /** An edit: a new version; tasks keep the version they froze. */
  async revise(user: Principal, code: string, dto: ItemFieldsDto): Promise<ItemVersion> {
    return this.nextVersion(user, code, (current) => ({ ...fieldsOf(dto), department: current.department, retired: false }));
  }

  /** Takes an item off the list (a new, retired version; the history stays). */
  async retire(user: Principal, code: string, note?: string): Promise<ItemVersion> {
    return this.nextVersion(user, code, (current) => ({ ...snapshot(current), retired: true, changeNote: note ?? 'retired' }));
  }

  private async nextVersion(user: Principal, code: string, next: (current: ItemVersion) => Partial<ItemVersion>): Promise<ItemVersion> {
    return this.ds.transaction(async (m) => {
      const current = await m.findOne(ItemVersion, { where: { code, current: true }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound(`item ${code} not found`);
      writableDepartment(user, current.department);
      await m.update(ItemVersion, { id: current.id }, { current: false });
      const item = await m.save(m.create(ItemVersion, { ...next(current), code, version: current.version + 1, current: true, department: current.department, createdBy: user.sub }));
      await this.publish(m, current.department);
      return item;
    });
  }

  /** Publishes the department's current list; an emptied list is not published (the contract needs one item). */
  private async publish(m: EntityManager, department: string): Promise<void> {
    const items = await m.find(ItemVersion, { where: { department, current: true, retired: false }, order: { code: 'ASC' } });
    if (!items.length) return;
    await this.outbox.enqueue(m, ItemsPublished, { department, publishedAt: this.clock.now().toISOString(), items: items.map(toPublished) });
  }
}

function fieldsOf(dto: ItemFieldsDto): Partial<ItemVersion> {
  return {
    name: dto.name.trim(), category: dto.category as ItemVersion['category'], legalBasis: dto.legalBasis.trim(), method: dto.method.trim(),
    checkPoints: dto.checkPoints.map((p) => p.trim()).filter(Boolean),
    targetScope: { kinds: dto.targetScope.kinds ?? [], categories: dto.targetScope.categories ?? [], description: dto.targetScope.description },
    certificationCategory: dto.certificationCategory.trim(),
    defaultRatios: { A: dto.defaultRatios.A, B: dto.defaultRatios.B, C: dto.defaultRatios.C, D: dto.defaultRatios.D },
    frequencyPerYear: dto.frequencyPerYear, changeNote: dto.changeNote ?? null,
  };
}

function snapshot(v: ItemVersion): Partial<ItemVersion> {
  const { id: _id, createdAt: _c, createdBy: _b, version: _v, current: _cur, ...rest } = v;
  return rest;
}

/** The public form of an item (planning.items.published and GET /public/items). */
export function toPublished(v: ItemVersion): PublishedItem {
  return {
    code: v.code, name: v.name, category: v.category, legalBasis: v.legalBasis, department: v.department, method: v.method,
    checkPoints: v.checkPoints, targetScope: v.targetScope.description, defaultRatio: v.defaultRatios.B,
    defaultRatios: v.defaultRatios, frequency: v.frequencyPerYear, version: v.version,
  };
}
