import { Injectable } from '@nestjs/common';
import { InspectorsChanged, ItemsPublished, type InspectorsChangedPayload, type ItemsPublishedPayload } from '#contracts';
import { OnEvent, type EventContext } from '#messaging';

/** Keeps inspection's copies of the inspector directory, the published item list and every item version's check points. */
@Injectable()
export class DirectoryHandlers {
  @OnEvent(InspectorsChanged)
  async onInspectorsChanged(p: InspectorsChangedPayload, ctx: EventContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO inspection.directory_inspector (id, certificate_no, name, department, certified_categories, status, changed_at)
       SELECT r.id, r."certificateNo", r.name, r.department, ARRAY(SELECT jsonb_array_elements_text(r."certifiedCategories")), r.status, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, "certificateNo" text, name text, department text, "certifiedCategories" jsonb, status text)
       ON CONFLICT (id) DO UPDATE SET certificate_no = EXCLUDED.certificate_no, name = EXCLUDED.name, department = EXCLUDED.department,
         certified_categories = EXCLUDED.certified_categories, status = EXCLUDED.status, changed_at = EXCLUDED.changed_at
       WHERE inspection.directory_inspector.changed_at <= EXCLUDED.changed_at`,
      [JSON.stringify(p.inspectors), p.changedAt],
    );
  }

  /** The department's whole current list replaces the one before, unless a newer one is already here. */
  @OnEvent(ItemsPublished)
  async onItemsPublished(p: ItemsPublishedPayload, ctx: EventContext): Promise<void> {
    const m = ctx.manager;
    // Every version's 检查内容 is kept, even from a list that arrives after a newer one: versions never
    // change in planning, and an assignment shows the points of the version its task froze.
    await m.query(
      `INSERT INTO inspection.item_check_points (code, version, department, check_points, published_at)
       SELECT r.code, r.version, $1, ARRAY(SELECT jsonb_array_elements_text(r."checkPoints")), $3::timestamptz
       FROM jsonb_to_recordset($2::jsonb) AS r(code text, version int, "checkPoints" jsonb)
       ON CONFLICT (code, version) DO NOTHING`,
      [p.department, JSON.stringify(p.items), p.publishedAt],
    );
    const [newer] = (await m.query(`SELECT 1 FROM inspection.listed_item WHERE department = $1 AND published_at > $2::timestamptz LIMIT 1`, [p.department, p.publishedAt])) as unknown[];
    if (newer) return;
    await m.query(`DELETE FROM inspection.listed_item WHERE department = $1`, [p.department]);
    await m.query(
      `INSERT INTO inspection.listed_item (department, code, name, version, check_points, published_at)
       SELECT $1, r.code, r.name, r.version, ARRAY(SELECT jsonb_array_elements_text(r."checkPoints")), $3::timestamptz
       FROM jsonb_to_recordset($2::jsonb) AS r(code text, name text, version int, "checkPoints" jsonb)`,
      [p.department, JSON.stringify(p.items), p.publishedAt],
    );
  }
}
