import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a notice stands on the portal. Only `public` rows are ever served. */
export type NoticeStatus = 'public' | 'withdrawn' | 'expired';

/**
 * One notice of the read model: the latest version the portal holds of a licence, penalty or
 * spot-check result notice. Withdrawn and expired notices keep their row (as a tombstone that
 * answers 410, orders later events by version and still counts in past years' statistics) but
 * leave every public surface.
 */
@Entity({ name: 'notice' })
// Newest first; department and region are checked inside the index by the search walk (migration 1795721447193).
@Index('ix_notice_public_recent', ['decisionDate', 'id', 'department', 'region'], { where: `status = 'public'` })
@Index('ix_notice_public_kind_recent', ['kind', 'decisionDate', 'id', 'department', 'region'], { where: `status = 'public'` })
@Index('ix_notice_public_credit_code', ['creditCode', 'decisionDate'], { where: `status = 'public'` })
@Index('ix_notice_stats', ['kind', 'statsDate'])
// Hand-written in the search migration (GIN over the generated bigram column): not diffed.
@Index('ix_notice_public_bigrams', { synchronize: false })
export class Notice {
  @PrimaryColumn('text')
  id!: string;

  @Column('int')
  version!: number;

  @Column('text')
  kind!: 'licence' | 'penalty' | 'spot_check';

  @Column('text')
  status!: NoticeStatus;

  @Column('text')
  department!: string;

  @Column('text', { nullable: true })
  region!: string | null;

  @Column('text', { default: '' })
  title!: string;

  @Column('text', { default: '' })
  partyName!: string;

  @Column('text', { nullable: true })
  partyKind!: string | null;

  @Column('text', { nullable: true })
  creditCode!: string | null;

  @Column('text', { nullable: true })
  documentNumber!: string | null;

  @Column('date', { nullable: true })
  decisionDate!: string | null;

  /** The date statistics attribute the notice to: decision date, or inspection date for a spot-check. */
  @Column('date', { nullable: true })
  statsDate!: string | null;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  /** When the first version went out: the Atom feed's `published`. */
  @Column('timestamptz', { nullable: true })
  firstPublishedAt!: Date | null;

  @Column('date', { nullable: true })
  displayUntil!: string | null;

  @Column('text', { array: true, default: () => `'{}'` })
  penaltyTypes!: string[];

  @Column('boolean', { nullable: true })
  onTime!: boolean | null;

  @Column('text', { nullable: true })
  inspectionKind!: 'random' | 'immediate' | null;

  @Column('text', { nullable: true })
  channel!: 'mobile' | 'desktop' | null;

  @Column('text', { nullable: true })
  taskId!: string | null;

  @Column('text', { nullable: true })
  drawId!: string | null;

  @Column('jsonb', { default: [] })
  items!: { code: string; name: string; version: number }[];

  @Column('text', { nullable: true })
  outcome!: string | null;

  @Column('jsonb', { default: {} })
  fields!: Record<string, unknown>;

  @Column('text', { default: '' })
  body!: string;

  /** Normalised (NFKC, lower-case) text the search runs over: party, document number, title, facts, content. */
  @Column('text', { default: '' })
  searchText!: string;

  /** Distinct character bigrams of search_text, computed by PostgreSQL (portal.cjk_bigrams). */
  @Column({ type: 'text', array: true, generatedType: 'STORED', asExpression: 'portal.cjk_bigrams(search_text)', select: false, insert: false, update: false })
  bigrams!: string[];

  /** Set when the portal's own personal-data guard had to mask something upstream let through. */
  @Column('boolean', { default: false })
  masked!: boolean;

  @Column('timestamptz', { nullable: true })
  removedAt!: Date | null;

  @Column('text', { nullable: true })
  removalReason!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
