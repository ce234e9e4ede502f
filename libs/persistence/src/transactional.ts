import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in a transaction, or joins the caller's one when a manager is passed in.
 * Repositories take the manager so that a state change and its outbox row commit together.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  outer?: EntityManager,
): Promise<T> {
  if (outer?.queryRunner?.isTransactionActive) return work(outer);
  return dataSource.transaction(work);
}
