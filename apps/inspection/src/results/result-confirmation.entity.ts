import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InspectionResult } from './inspection-result.entity.js';

/** One inspector's confirmation of a result revision (the submitter's is written with the submission). */
@Entity({ name: 'result_confirmation' })
export class ResultConfirmation {
  @PrimaryColumn('uuid')
  resultId!: string;

  @PrimaryColumn('text')
  inspectorId!: string;

  @ManyToOne(() => InspectionResult, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'result_id', foreignKeyConstraintName: 'fk_result_confirmation_result' })
  result?: InspectionResult;

  @Column('timestamptz')
  confirmedAt!: Date;
}
