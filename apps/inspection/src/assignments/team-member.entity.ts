import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Assignment } from './assignment.entity.js';

/** An inspector of an assignment's team. `inspectorId` is the inspector's token subject. */
@Entity({ name: 'team_member' })
@Index('ix_team_member_inspector', ['inspectorId', 'assignmentId'])
export class TeamMember {
  @PrimaryColumn('uuid')
  assignmentId!: string;

  @PrimaryColumn('text')
  inspectorId!: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_team_member_assignment' })
  assignment?: Assignment;

  /** Order as drawn or named (0 = first). */
  @Column('int')
  position!: number;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  department!: string | null;

  /** 执法证号. */
  @Column('text', { nullable: true })
  certificateNo!: string | null;
}
