import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNMENT_STATUSES, INSPECTION_KINDS } from './domain/assignment-status.js';
import type { Assignment } from './assignment.entity.js';
import { itemVersionKey, NO_CHECK_POINTS, type CheckPointsByVersion } from './item-check-points.lookup.js';
import type { TeamMember } from './team-member.entity.js';

export class ItemView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [String], description: '检查内容 of this item version, as planning published it; [] when inspection never received that version' })
  checkPoints!: string[];
}

export class TargetLocationView {
  @ApiProperty() latitude!: number;
  @ApiProperty() longitude!: number;
}

export class TeamMemberView {
  @ApiProperty() inspectorId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true }) department!: string | null;
  @ApiPropertyOptional({ nullable: true }) certificateNo!: string | null;
}

export class TargetView {
  @ApiPropertyOptional({ nullable: true }) id!: string | null;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true }) code!: string | null;
  @ApiProperty() kind!: string;
  @ApiPropertyOptional({ nullable: true }) region!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Registered address, where planning’s directory has it' }) address!: string | null;
  @ApiPropertyOptional({ type: TargetLocationView, nullable: true, description: 'Registered coordinates (WGS 84), where planning’s directory has them' })
  location!: TargetLocationView | null;
}

export class TaskView {
  @ApiPropertyOptional({ nullable: true }) taskId!: string | null;
  @ApiPropertyOptional({ nullable: true }) drawId!: string | null;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true }) number!: string | null;
}

export class FollowUpOfView {
  @ApiProperty({ description: 'The inspection whose rectification order this follow-up checks' }) assignmentId!: string;
  @ApiProperty({ description: 'The confirmed result revision that carried the order' }) resultId!: string;
  @ApiProperty({ example: '2026-12-31', description: '整改期限' }) rectificationDeadline!: string;
}

export class AssignmentSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: INSPECTION_KINDS }) kind!: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status!: string;
  @ApiProperty({ type: TaskView }) task!: TaskView;
  @ApiProperty() department!: string;
  @ApiProperty({ type: [String] }) departments!: string[];
  @ApiProperty({ type: TargetView }) target!: TargetView;
  @ApiProperty({ type: [ItemView] }) items!: ItemView[];
  @ApiProperty({ example: '2026-12-31' }) dueDate!: string;
  @ApiProperty({ type: [TeamMemberView] }) team!: TeamMemberView[];
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true }) trigger!: string | null;
  @ApiProperty({ description: 'Earliest inspection date a result may carry' }) notBefore!: string;
  @ApiPropertyOptional({ nullable: true }) startedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) overdueAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) cancelledAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) cancelReason!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The confirmed result revision in force' }) currentResultId!: string | null;
  @ApiPropertyOptional({ type: FollowUpOfView, nullable: true, description: 'kind follow-up (整改复查): what it follows up' }) followUpOf!: FollowUpOfView | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class AssignmentPageView {
  @ApiProperty({ type: [AssignmentSummaryView] }) items!: AssignmentSummaryView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toTeamView(team: TeamMember[]): TeamMemberView[] {
  return [...team]
    .sort((x, y) => x.position - y.position)
    .map((m) => ({ inspectorId: m.inspectorId, name: m.name, department: m.department, certificateNo: m.certificateNo }));
}

export function toSummaryView(a: Assignment, team: TeamMember[], checkPoints: CheckPointsByVersion = NO_CHECK_POINTS): AssignmentSummaryView {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    task: { taskId: a.taskId, drawId: a.drawId, name: a.taskName, number: a.taskNumber },
    department: a.department,
    departments: a.departments,
    target: {
      id: a.targetId, name: a.targetName, code: a.targetCode, kind: a.targetKind, region: a.region, address: a.targetAddress ?? null,
      location: a.targetLatitude !== null && a.targetLongitude !== null ? { latitude: a.targetLatitude, longitude: a.targetLongitude } : null,
    },
    items: a.items.map((i) => ({ code: i.code, name: i.name, version: i.version, checkPoints: checkPoints.get(itemVersionKey(i.code, i.version)) ?? [] })),
    dueDate: a.dueDate,
    team: toTeamView(team),
    reason: a.reason,
    trigger: a.trigger,
    notBefore: a.notBefore,
    startedAt: iso(a.startedAt),
    overdueAt: iso(a.overdueAt),
    cancelledAt: iso(a.cancelledAt),
    cancelReason: a.cancelReason,
    currentResultId: a.currentResultId,
    followUpOf:
      a.followUpOfAssignmentId && a.followUpOfResultId && a.rectificationDeadline
        ? { assignmentId: a.followUpOfAssignmentId, resultId: a.followUpOfResultId, rectificationDeadline: a.rectificationDeadline }
        : null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
