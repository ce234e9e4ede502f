import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hand-written: the public version history of each notice (first publication and every correction). */
export class NoticeHistory1796420000000 implements MigrationInterface {
  name = 'NoticeHistory1796420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "portal"."notice_history" ("notice_id" text NOT NULL, "version" integer NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text, CONSTRAINT "PK_portal_notice_history" PRIMARY KEY ("notice_id", "version"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "portal"."notice_history"`);
  }
}
