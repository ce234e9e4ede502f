import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the GIN index over the bigram column (the entity marks it `synchronize: false`).
 * Partial, like the other public-notice indexes: withdrawn and expired rows never reach a search.
 * `fastupdate = off` keeps query latency flat (no pending list to scan) at the cost of slower
 * single-row writes, which a read model fed one event at a time can afford.
 */
export class SearchIndexes1795721447192 implements MigrationInterface {
  name = 'SearchIndexes1795721447192';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_notice_public_bigrams" ON "portal"."notice" USING gin ("bigrams") WITH (fastupdate = off) WHERE status = 'public'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "portal"."ix_notice_public_bigrams"`);
  }
}
