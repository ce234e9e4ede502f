import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AccountStatus = 'active' | 'disabled';
export type AuthMethod = 'local' | 'oidc';

/**
 * A staff member who signs in at the console: a local account (password) or one provisioned at the
 * first OIDC sign-in. Roles and department are what the services' tokens carry; an inspector's
 * account is linked to their entry in planning's inspector directory (the token subject).
 */
@Entity({ name: 'account' })
@Index('ux_account_username', ['username'], { unique: true })
@Index('ux_account_oidc_subject', ['oidcSubject'], { unique: true })
@Index('ux_account_inspector_id', ['inspectorId'], { unique: true, where: 'inspector_id IS NOT NULL' })
export class Account {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_account' })
  id!: string;

  /** Lower-case, as typed at sign-in (local) or the provider's preferred username (OIDC). */
  @Column('text')
  username!: string;

  @Column('text')
  displayName!: string;

  /** `scrypt$N=…,r=…,p=…$salt$hash` (domain/password-hash.ts); null for OIDC accounts. */
  @Column('text', { nullable: true })
  passwordHash!: string | null;

  @Column('text', { array: true })
  roles!: string[];

  @Column('text', { nullable: true })
  department!: string | null;

  /** Planning's inspector id: the `sub` of this inspector's tokens. */
  @Column('text', { nullable: true })
  inspectorId!: string | null;

  /** The 执法证号 of the linked inspector; an account created before its directory entry arrived is linked by it. */
  @Column('text', { nullable: true })
  inspectorCertificateNo!: string | null;

  @Column('text', { default: 'active' })
  status!: AccountStatus;

  @Column('text', { default: 'local' })
  authMethod!: AuthMethod;

  /** `<issuer> <sub>` of an OIDC account. */
  @Column('text', { nullable: true })
  oidcSubject!: string | null;

  @Column('integer', { default: 0 })
  failedAttempts!: number;

  @Column('timestamptz', { nullable: true })
  lockedUntil!: Date | null;

  @Column('boolean', { default: false })
  mustChangePassword!: boolean;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
