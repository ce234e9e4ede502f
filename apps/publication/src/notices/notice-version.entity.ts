import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { NoticePublishedPayload } from '#contracts';

/** Every published version of a notice, kept after a correction: the facts and what went out. */
@Entity({ name: 'notice_version' })
export class NoticeVersion {
  @PrimaryColumn('uuid')
  noticeId!: string;

  @PrimaryColumn('int')
  version!: number;

  @Column({ type: 'jsonb' })
  facts!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  payload!: NoticePublishedPayload;

  /** Why this version replaced the previous one (null for version 1). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
