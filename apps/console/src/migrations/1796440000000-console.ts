import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditTrail, dropAuditTrail } from '#platform';

/**
 * The console's schema: staff accounts, sessions (the SHA-256 of each session secret, never the
 * secret), the inspector directory it links inspector accounts to, OIDC sign-ins in flight, and
 * the platform's outbox, inbox and audit trail. Hand-written (docs/developing.md).
 */
export class Console1796440000000 implements MigrationInterface {
  name = 'Console1796440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "console"."outbox_event" ("id" uuid NOT NULL, "seq" BIGSERIAL NOT NULL, "subject" text NOT NULL, "type" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_cc0c9e40998e45ecfc5e313429d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_outbox_event_unpublished" ON "console"."outbox_event"  ("seq") WHERE published_at IS NULL`);
    await q.query(`CREATE TABLE "console"."inbox_entry" ("consumer" text NOT NULL, "event_id" uuid NOT NULL, "handled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_406baee3a4f8e98d61c1a515458" PRIMARY KEY ("consumer", "event_id"))`);
    await createAuditTrail(q, 'console');
    await q.query(`CREATE TABLE "console"."account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" text NOT NULL, "display_name" text NOT NULL, "password_hash" text, "roles" text array NOT NULL, "department" text, "inspector_id" text, "inspector_certificate_no" text, "status" text NOT NULL DEFAULT 'active', "auth_method" text NOT NULL DEFAULT 'local', "oidc_subject" text, "failed_attempts" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "must_change_password" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_account" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "ux_account_oidc_subject" ON "console"."account"  ("oidc_subject") `);
    await q.query(`CREATE UNIQUE INDEX "ux_account_username" ON "console"."account"  ("username") `);
    // One account per inspector: the inspector's id is the subject of that account's tokens.
    await q.query(`CREATE UNIQUE INDEX "ux_account_inspector_id" ON "console"."account"  ("inspector_id") WHERE inspector_id IS NOT NULL`);
    await q.query(`CREATE TABLE "console"."directory_inspector" ("id" text NOT NULL, "certificate_no" text NOT NULL, "name" text NOT NULL, "department" text NOT NULL, "status" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_directory_inspector" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_directory_inspector_certificate" ON "console"."directory_inspector"  ("certificate_no") `);
    await q.query(`CREATE TABLE "console"."oidc_login" ("state_hash" character(64) NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "return_to" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_oidc_login" PRIMARY KEY ("state_hash"))`);
    await q.query(`CREATE TABLE "console"."session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "account_id" uuid NOT NULL, "auth_method" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "user_agent" text, "ip" text, CONSTRAINT "pk_session" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_session_account" ON "console"."session"  ("account_id", "created_at") `);
    await q.query(`CREATE UNIQUE INDEX "ux_session_token_hash" ON "console"."session"  ("token_hash") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "console"."session"`);
    await q.query(`DROP TABLE "console"."oidc_login"`);
    await q.query(`DROP TABLE "console"."directory_inspector"`);
    await q.query(`DROP TABLE "console"."account"`);
    await dropAuditTrail(q, 'console');
    await q.query(`DROP TABLE "console"."inbox_entry"`);
    await q.query(`DROP TABLE "console"."outbox_event"`);
  }
}
