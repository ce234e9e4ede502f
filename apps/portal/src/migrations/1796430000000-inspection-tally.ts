import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 无事不扰: the portal's inspection tally (from inspection.result.recorded) for the firm page. Hand-written. */
export class InspectionTally1796430000000 implements MigrationInterface {
  name = 'InspectionTally1796430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portal"."inspection_tally" ("result_id" text NOT NULL, "assignment_id" text NOT NULL, "result_version" integer NOT NULL, "credit_code" text, "departments" text array NOT NULL, "inspection_date" date NOT NULL, "outcome" text NOT NULL, CONSTRAINT "pk_inspection_tally" PRIMARY KEY ("result_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_inspection_tally_code_date" ON "portal"."inspection_tally" ("credit_code", "inspection_date") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "portal"."ix_inspection_tally_code_date"`);
    await queryRunner.query(`DROP TABLE "portal"."inspection_tally"`);
  }
}
