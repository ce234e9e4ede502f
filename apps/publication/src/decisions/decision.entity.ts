import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DecisionFacts, DecisionKind } from './decision-facts.js';

/**
 * A licence or penalty decision as recorded: the original, unredacted facts. Never leaves the
 * service; a publishable decision gets a notice, which carries the redacted version.
 */
@Entity({ name: 'decision' })
@Index('ux_decision_document', ['department', 'kind', 'documentNumber'], { unique: true })
@Index('ix_decision_department_date', ['department', 'decisionDate'])
export class Decision {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: DecisionKind;

  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  documentNumber!: string;

  @Column({ type: 'text' })
  partyName!: string;

  @Column({ type: 'date' })
  decisionDate!: string;

  @Column({ type: 'jsonb' })
  facts!: DecisionFacts;

  /** False for decisions recorded but never published (简易程序, warning only, minors, secrets…). */
  @Column({ type: 'boolean' })
  publishable!: boolean;

  /** Why not (NonPublicationReason codes), empty when publishable. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  nonPublicationReasons!: string[];

  @Column({ type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
