import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The officer directory (执法人员名单, 行政执法公示), fed by planning.inspectors.changed. */
export class Officers1796410000000 implements MigrationInterface {
  name = 'Officers1796410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portal"."officer" ("id" text NOT NULL, "certificate_no" text NOT NULL, "name" text NOT NULL, "department" text NOT NULL, "certified_categories" text array NOT NULL, "status" text NOT NULL, "valid_from" date, "valid_until" date, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_officer" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_officer_department_certificate" ON "portal"."officer" ("department", "certificate_no") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "portal"."ix_officer_department_certificate"`);
    await queryRunner.query(`DROP TABLE "portal"."officer"`);
  }
}
