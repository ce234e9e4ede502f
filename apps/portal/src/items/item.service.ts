import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ItemsPublished, type ItemsPublishedPayload } from '#contracts';
import { OnEvent, type EventContext } from '#messaging';

export interface PublicItem {
  department: string;
  code: string;
  name: string;
  category: string;
  legalBasis: string;
  responsibleDepartment: string;
  method: string;
  checkPoints: string[];
  targetScope: string;
  defaultRatio: number | null;
  frequency: number | null;
  version: number;
  listPublishedAt: string;
}

/**
 * The 随机抽查事项清单: each planning.items.published carries a department's whole list; every
 * version is kept (a past year's item coverage is measured against the list in force then), the
 * newest is the one shown.
 */
@Injectable()
export class ItemService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @OnEvent(ItemsPublished)
  async onItemsPublished(p: ItemsPublishedPayload, ctx: EventContext): Promise<void> {
    const inserted = (await ctx.manager.query(
      `INSERT INTO portal.item_list (department, published_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING department`,
      [p.department, p.publishedAt],
    )) as unknown[];
    if (!inserted.length) return; // this version is already held
    for (const i of p.items) {
      await ctx.manager.query(
        `INSERT INTO portal.item (department, list_published_at, code, name, category, legal_basis, item_department, method, check_points,
           target_scope, default_ratio, frequency, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
        [p.department, p.publishedAt, i.code, i.name, i.category, i.legalBasis, i.department, i.method, JSON.stringify(i.checkPoints), i.targetScope, i.defaultRatio ?? null, i.frequency ?? null, i.version],
      );
    }
  }

  /** The current list of every department (or one). */
  async current(department?: string): Promise<PublicItem[]> {
    const rows = (await this.db.query(
      `SELECT i.* FROM portal.item i
       JOIN (SELECT department, max(published_at) AS published_at FROM portal.item_list GROUP BY department) l
         ON l.department = i.department AND l.published_at = i.list_published_at
       ${department ? 'WHERE i.department = $1' : ''}
       ORDER BY i.department, i.category DESC, i.code`,
      department ? [department] : [],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      department: r.department as string,
      code: r.code as string,
      name: r.name as string,
      category: r.category as string,
      legalBasis: r.legal_basis as string,
      responsibleDepartment: r.item_department as string,
      method: r.method as string,
      checkPoints: r.check_points as string[],
      targetScope: r.target_scope as string,
      defaultRatio: r.default_ratio as number | null,
      frequency: r.frequency as number | null,
      version: r.version as number,
      listPublishedAt: new Date(r.list_published_at as Date).toISOString(),
    }));
  }
}
