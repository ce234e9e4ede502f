import { Assignment } from './assignments/assignment.entity.js';
import { DrawBatch } from './assignments/draw-batch.entity.js';
import { TeamMember } from './assignments/team-member.entity.js';
import { DirectoryInspector } from './directory/directory-inspector.entity.js';
import { ListedItem } from './directory/listed-item.entity.js';
import { ItemCheckPoints } from './directory/item-check-points.entity.js';
import { Evidence } from './evidence/evidence.entity.js';
import { EvidenceUpload } from './evidence/evidence-upload.entity.js';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity.js';
import { Init1795720894949 } from './migrations/1795720894949-init.js';
import { Worklists1795722132076 } from './migrations/1795722132076-worklists.js';
import { Directory1796190814523 } from './migrations/1796190814523-directory.js';
import { RectificationFollowUp1796420000000 } from './migrations/1796420000000-rectification-follow-up.js';
import { FieldApp1796460000100 } from './migrations/1796460000100-field-app.js';
import { InspectionResult } from './results/inspection-result.entity.js';
import { ResultConfirmation } from './results/result-confirmation.entity.js';
import { AuditTrail1796400000000 } from './migrations/1796400000000-audit-trail.js';

// The entities and migrations of the inspection schema. Kept apart from the Nest module so the
// migration generator and tests can load them without starting the app.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const INSPECTION_ENTITIES: Function[] = [Assignment, TeamMember, DrawBatch, InspectionResult, ResultConfirmation, Evidence, IdempotencyRecord, DirectoryInspector, ListedItem, ItemCheckPoints, EvidenceUpload];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const INSPECTION_MIGRATIONS: Function[] = [Init1795720894949, Worklists1795722132076, Directory1796190814523, AuditTrail1796400000000, RectificationFollowUp1796420000000, FieldApp1796460000100];
