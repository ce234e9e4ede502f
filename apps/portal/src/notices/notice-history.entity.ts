import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One published version of a notice, as the public may see its history: when it went out and why it
 * changed ("整改复查：整改到位", a correction's reason). Reasons come redacted from publication and
 * pass the portal's personal-data guard again; nothing else of a version is kept here.
 */
@Entity({ name: 'notice_history' })
export class NoticeHistoryEntry {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_portal_notice_history' })
  noticeId!: string;

  @PrimaryColumn('int', { primaryKeyConstraintName: 'PK_portal_notice_history' })
  version!: number;

  /** When this version went out (first publication, or the correction). */
  @Column('timestamptz')
  changedAt!: Date;

  /** Why it changed; null for the first publication. */
  @Column('text', { nullable: true })
  reason!: string | null;
}
