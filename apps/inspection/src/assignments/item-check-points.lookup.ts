import type { EntityManager } from 'typeorm';
import { ItemCheckPoints } from '../directory/item-check-points.entity.js';
import type { AssignedItem } from './assignment.entity.js';

/** The 检查内容 of item versions, keyed by itemVersionKey. */
export type CheckPointsByVersion = ReadonlyMap<string, string[]>;

export const NO_CHECK_POINTS: CheckPointsByVersion = new Map();

export const itemVersionKey = (code: string, version: number) => `${code}\u0000${version}`;

/** The check points of every item version the given assignments name (one query); versions never published to inspection are absent. */
export async function checkPointsOf(m: EntityManager, assignments: readonly { items: AssignedItem[] }[]): Promise<CheckPointsByVersion> {
  const pairs = new Map<string, AssignedItem>();
  for (const a of assignments) for (const i of a.items) pairs.set(itemVersionKey(i.code, i.version), i);
  if (!pairs.size) return NO_CHECK_POINTS;
  const items = [...pairs.values()];
  const rows = (await m.query(
    `SELECT c.code, c.version, c.check_points AS "checkPoints" FROM ${m.connection.getMetadata(ItemCheckPoints).tablePath} c
       JOIN unnest($1::text[], $2::int[]) AS w(code, version) ON w.code = c.code AND w.version = c.version`,
    [items.map((i) => i.code), items.map((i) => i.version)],
  )) as { code: string; version: number; checkPoints: string[] }[];
  return new Map(rows.map((r) => [itemVersionKey(r.code, r.version), r.checkPoints]));
}
