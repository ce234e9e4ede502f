import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The validity of an inspector's 执法证 (from, until; inclusive dates), published on the portal's
 * officer directory. Nullable: entries made before this change have none until an officer or an
 * import fills it in.
 */
export class InspectorCertificateValidity1796410000000 implements MigrationInterface {
  name = 'InspectorCertificateValidity1796410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "planning"."inspector" ADD "certificate_valid_from" date`);
    await queryRunner.query(`ALTER TABLE "planning"."inspector" ADD "certificate_valid_until" date`);
    await queryRunner.query(
      `ALTER TABLE "planning"."inspector" ADD CONSTRAINT "ck_inspector_certificate_validity" CHECK (certificate_valid_from IS NULL OR certificate_valid_until IS NULL OR certificate_valid_from <= certificate_valid_until)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "planning"."inspector" DROP CONSTRAINT "ck_inspector_certificate_validity"`);
    await queryRunner.query(`ALTER TABLE "planning"."inspector" DROP COLUMN "certificate_valid_until"`);
    await queryRunner.query(`ALTER TABLE "planning"."inspector" DROP COLUMN "certificate_valid_from"`);
  }
}
