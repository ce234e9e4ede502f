import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hand-written: a target's registered address and coordinates (both or neither, within range), for the inspectors' worklist. */
export class TargetAddress1796460000000 implements MigrationInterface {
  name = 'TargetAddress1796460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "planning"."target" ADD "address" text`);
    await queryRunner.query(`ALTER TABLE "planning"."target" ADD "latitude" double precision`);
    await queryRunner.query(`ALTER TABLE "planning"."target" ADD "longitude" double precision`);
    await queryRunner.query(`ALTER TABLE "planning"."target" ADD CONSTRAINT "ck_target_location" CHECK ((latitude IS NULL) = (longitude IS NULL) AND (latitude IS NULL OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "planning"."target" DROP CONSTRAINT "ck_target_location"`);
    await queryRunner.query(`ALTER TABLE "planning"."target" DROP COLUMN "longitude"`);
    await queryRunner.query(`ALTER TABLE "planning"."target" DROP COLUMN "latitude"`);
    await queryRunner.query(`ALTER TABLE "planning"."target" DROP COLUMN "address"`);
  }
}
