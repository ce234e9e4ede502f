import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sign-in sent to the OpenID provider and not back yet: what the callback must check. Kept 10 minutes. */
@Entity({ name: 'oidc_login' })
export class OidcLogin {
  /** SHA-256 of the `state` (the browser holds the state itself, in the sc_oidc cookie). */
  @PrimaryColumn('character', { length: 64, primaryKeyConstraintName: 'pk_oidc_login' })
  stateHash!: string;

  @Column('text')
  nonce!: string;

  @Column('text')
  codeVerifier!: string;

  @Column('text')
  returnTo!: string;

  @Column('timestamptz')
  createdAt!: Date;
}
