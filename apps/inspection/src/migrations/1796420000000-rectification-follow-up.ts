import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hand-written: rectification deadlines on results and follow-up (整改复查) assignments, one per inspection. */
export class RectificationFollowUp1796420000000 implements MigrationInterface {
  name = 'RectificationFollowUp1796420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inspection"."inspection_result" ADD "rectification_deadline" date`);
    await queryRunner.query(`ALTER TABLE "inspection"."inspection_result" ADD "rectification" text`);
    await queryRunner.query(`ALTER TABLE "inspection"."inspection_result" ADD CONSTRAINT "ck_inspection_result_rectification" CHECK (rectification IS NULL OR rectification IN ('整改到位', '逾期未整改'))`);
    await queryRunner.query(`CREATE INDEX "ix_inspection_result_rectification_deadline" ON "inspection"."inspection_result" ("rectification_deadline") WHERE rectification_deadline IS NOT NULL AND status = 'confirmed'`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" ADD "follow_up_of_assignment_id" uuid`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" ADD "follow_up_of_result_id" uuid`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" ADD "rectification_deadline" date`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" DROP CONSTRAINT "ck_assignment_kind"`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" ADD CONSTRAINT "ck_assignment_kind" CHECK (kind IN ('random', 'immediate', 'follow-up'))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_assignment_follow_up_origin" ON "inspection"."assignment" ("follow_up_of_assignment_id") WHERE follow_up_of_assignment_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "inspection"."ux_assignment_follow_up_origin"`);
    await queryRunner.query(`DELETE FROM "inspection"."assignment" WHERE kind = 'follow-up'`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" DROP CONSTRAINT "ck_assignment_kind"`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" ADD CONSTRAINT "ck_assignment_kind" CHECK (kind IN ('random', 'immediate'))`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" DROP COLUMN "rectification_deadline"`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" DROP COLUMN "follow_up_of_result_id"`);
    await queryRunner.query(`ALTER TABLE "inspection"."assignment" DROP COLUMN "follow_up_of_assignment_id"`);
    await queryRunner.query(`DROP INDEX "inspection"."ix_inspection_result_rectification_deadline"`);
    await queryRunner.query(`ALTER TABLE "inspection"."inspection_result" DROP CONSTRAINT "ck_inspection_result_rectification"`);
    await queryRunner.query(`ALTER TABLE "inspection"."inspection_result" DROP COLUMN "rectification"`);
    await queryRunner.query(`ALTER TABLE "inspection"."inspection_result" DROP COLUMN "rectification_deadline"`);
  }
}
