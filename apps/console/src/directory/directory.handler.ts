import { Injectable } from '@nestjs/common';
import { InspectorsChanged, type InspectorsChangedPayload } from '#contracts';
import { OnEvent, type EventContext } from '#messaging';

/**
 * Keeps the console's copy of the inspector directory (planning.inspectors.changed): the entries an
 * admin links inspector accounts to. An account created with only a 执法证号 (the demo's inspector)
 * is linked when its entry arrives (the oldest such inspector account, if several name it; an entry
 * already linked to an account stays so: one account per inspector). The newest change of an entry wins.
 */
@Injectable()
export class DirectoryHandler {
  @OnEvent(InspectorsChanged)
  async onInspectorsChanged(p: InspectorsChangedPayload, ctx: EventContext): Promise<void> {
    const rows = p.inspectors.map((i) => ({ id: i.id, certificate_no: i.certificateNo, name: i.name, department: i.department, status: i.status }));
    await ctx.manager.query(
      `INSERT INTO console.directory_inspector (id, certificate_no, name, department, status, changed_at)
       SELECT r.id, r.certificate_no, r.name, r.department, r.status, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, certificate_no text, name text, department text, status text)
       ON CONFLICT (id) DO UPDATE SET certificate_no = EXCLUDED.certificate_no, name = EXCLUDED.name, department = EXCLUDED.department,
         status = EXCLUDED.status, changed_at = EXCLUDED.changed_at
       WHERE console.directory_inspector.changed_at <= EXCLUDED.changed_at`,
      [JSON.stringify(rows), p.changedAt],
    );
    await ctx.manager.query(
      `UPDATE console.account a SET inspector_id = d.id FROM console.directory_inspector d
       WHERE a.inspector_id IS NULL AND a.inspector_certificate_no = d.certificate_no AND d.certificate_no = ANY($1::text[])
         AND 'inspector' = ANY(a.roles)
         AND NOT EXISTS (SELECT 1 FROM console.account b WHERE b.inspector_id = d.id)
         AND a.id = (SELECT c.id FROM console.account c WHERE c.inspector_id IS NULL AND c.inspector_certificate_no = d.certificate_no AND 'inspector' = ANY(c.roles) ORDER BY c.created_at, c.id LIMIT 1)`,
      [rows.map((r) => r.certificate_no)],
    );
  }
}
