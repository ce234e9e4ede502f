import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 无事不扰: the inspection tally (from inspection.result.recorded) and a task's excludeInspectedAtLeast. Hand-written. */
export class InspectionBurden1796430000000 implements MigrationInterface {
  name = 'InspectionBurden1796430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "planning"."inspection_tally" ("result_id" text NOT NULL, "assignment_id" text NOT NULL, "result_version" integer NOT NULL, "credit_code" text, "target_kind" text NOT NULL, "departments" text array NOT NULL, "inspection_date" date NOT NULL, "inspection_kind" text NOT NULL, "outcome" text NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_inspection_tally" PRIMARY KEY ("result_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_inspection_tally_code_date" ON "planning"."inspection_tally" ("credit_code", "inspection_date") `);
    await queryRunner.query(`ALTER TABLE "planning"."task" ADD "exclude_inspected_at_least" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "planning"."task" DROP COLUMN "exclude_inspected_at_least"`);
    await queryRunner.query(`DROP INDEX "planning"."ix_inspection_tally_code_date"`);
    await queryRunner.query(`DROP TABLE "planning"."inspection_tally"`);
  }
}
