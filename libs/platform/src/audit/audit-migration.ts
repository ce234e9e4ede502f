import type { QueryRunner } from 'typeorm';

/**
 * The audit_record table of one app's schema, append-only for every role: UPDATE, DELETE and
 * TRUNCATE are revoked from PUBLIC and from the role that runs the migrations (the app's own, which
 * owns the table), and triggers refuse them even for an owner who grants them back. Only a database
 * superuser can get round the triggers (session_replication_role), and the hash chain shows it.
 */
export async function createAuditTrail(q: QueryRunner, schema: string): Promise<void> {
  const t = `"${schema}"."audit_record"`;
  await q.query(`CREATE TABLE ${t} (
    "seq" bigint NOT NULL, "id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "subject" text NOT NULL,
    "roles" text array NOT NULL, "department" text, "action" text NOT NULL, "entity_ids" text array NOT NULL,
    "changes" jsonb NOT NULL, "request_id" text NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL,
    CONSTRAINT "PK_audit_record_seq" PRIMARY KEY ("seq"))`);
  await q.query(`CREATE UNIQUE INDEX "ux_audit_record_id" ON ${t} ("id")`);
  await q.query(`CREATE INDEX "ix_audit_record_at" ON ${t} ("at")`);
  await q.query(`CREATE INDEX "ix_audit_record_subject" ON ${t} ("subject", "seq")`);
  await q.query(`CREATE INDEX "ix_audit_record_department" ON ${t} ("department", "seq")`);
  await q.query(`CREATE INDEX "ix_audit_record_request" ON ${t} ("request_id")`);
  await q.query(`CREATE INDEX "ix_audit_record_entity_ids" ON ${t} USING gin ("entity_ids")`);
  await q.query(`CREATE FUNCTION "${schema}".audit_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit records are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
  await q.query(`CREATE TRIGGER audit_record_no_change BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION "${schema}".audit_record_append_only()`);
  await q.query(`CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".audit_record_append_only()`);
  await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${t} FROM PUBLIC, CURRENT_USER`);
}

export async function dropAuditTrail(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`DROP TABLE "${schema}"."audit_record"`);
  await q.query(`DROP FUNCTION "${schema}".audit_record_append_only()`);
}
