import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTrail, dropAuditTrail } from '#platform';

/** The full-process record (执法全过程记录) of this app: an append-only, hash-chained audit_record table. */
export class AuditTrail1796400000000 implements MigrationInterface {
  name = 'AuditTrail1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createAuditTrail(queryRunner, 'inspection');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditTrail(queryRunner, 'inspection');
  }
}
