import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the bigram function the notice table's generated `bigrams` column is computed with
 * (docs/portal.md "Search"). pg_trgm needs three characters per term, and the commonest Chinese
 * keywords (水利, 采砂, 罚款) have two; a GIN index over every character pair of the text answers
 * them. Every pair except those containing white space is kept, CJK or not, so document numbers
 * (〔2020〕12号) and credit codes are found the same way. IMMUTABLE, as a generated column requires;
 * plain SQL, so it needs no extension on PostgreSQL 15+.
 */
export class SearchFunction1795720897671 implements MigrationInterface {
  name = 'SearchFunction1795720897671';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "portal"."cjk_bigrams"(t text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
        FROM (SELECT substr(t, i, 2) AS g FROM generate_series(1, char_length(t) - 1) AS i) AS pairs
        WHERE g !~ '\\s'
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS "portal"."cjk_bigrams"(text)`);
  }
}
