import type { EntityManager } from 'typeorm';
import { InspectorsChanged, type DirectoryInspector } from '#contracts';
import type { OutboxService } from '#messaging';

const BATCH = 500;

/**
 * Tells the other services about inspectors that were created or changed (in the same transaction,
 * through the outbox): inspection checks a 即时检查's team against the directory. Only the public
 * part of an entry leaves planning: never conflicts, leave periods or region. The portal publishes the
 * officer directory (行政执法公示) from the same event, with the certificate's validity.
 */
export async function publishDirectoryChanges(m: EntityManager, outbox: OutboxService, which: { ids: string[] } | { importId: string }, at: Date): Promise<void> {
  const rows = (await m.query(
    `SELECT id::text, certificate_no AS "certificateNo", name, department, certified_categories AS "certifiedCategories", status,
       to_char(certificate_valid_from, 'YYYY-MM-DD') AS "certificateValidFrom", to_char(certificate_valid_until, 'YYYY-MM-DD') AS "certificateValidUntil"
     FROM planning.inspector WHERE ${'ids' in which ? 'id = ANY($1::uuid[])' : 'import_id = $1::uuid'} ORDER BY certificate_no`,
    ['ids' in which ? which.ids : which.importId],
  )) as DirectoryInspector[];
  // An unknown validity is left out rather than sent as null (as the events before it was kept).
  for (const r of rows) {
    if (r.certificateValidFrom == null) delete r.certificateValidFrom;
    if (r.certificateValidUntil == null) delete r.certificateValidUntil;
  }
  const batches: { changedAt: string; inspectors: DirectoryInspector[] }[] = [];
  for (let i = 0; i < rows.length; i += BATCH) batches.push({ changedAt: at.toISOString(), inspectors: rows.slice(i, i + BATCH) });
  if (batches.length) await outbox.enqueueMany(m, InspectorsChanged, batches, at);
}
