import { Assignment } from './draws/assignment.entity.js';
import { DrawSnapshot } from './draws/draw-snapshot.entity.js';
import { Draw } from './draws/draw.entity.js';
import { ImportJob } from './imports/import-job.entity.js';
import { Inspector } from './inspectors/inspector.entity.js';
import { ItemVersion } from './items/item.entity.js';
import { Init1795720890082 } from './migrations/1795720890082-init.js';
import { Planning1795721449723 } from './migrations/1795721449723-planning.js';
import { AnnualPlan } from './plans/annual-plan.entity.js';
import { Task } from './plans/task.entity.js';
import { Target } from './targets/target.entity.js';
import { JointTaskConsent1796190674477 } from './migrations/1796190674477-joint-task-consent.js';
import { DrawDisclosureKey1796191443571 } from './migrations/1796191443571-draw-disclosure-key.js';
import { InspectionBurden1796430000000 } from './migrations/1796430000000-inspection-burden.js';
import { InspectionTally } from './burden/inspection-tally.entity.js';
import { InspectorCertificateValidity1796410000000 } from './migrations/1796410000000-inspector-certificate-validity.js';
import { AuditTrail1796400000000 } from './migrations/1796400000000-audit-trail.js';
import { TargetAddress1796460000000 } from './migrations/1796460000000-target-address.js';

// The entities and migrations of the planning schema. Kept apart from the Nest module so the
// migration generator and tests can load them without starting the app.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PLANNING_ENTITIES: Function[] = [Target, Inspector, ImportJob, ItemVersion, AnnualPlan, Task, Draw, DrawSnapshot, Assignment, InspectionTally];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PLANNING_MIGRATIONS: Function[] = [Init1795720890082, Planning1795721449723, JointTaskConsent1796190674477, DrawDisclosureKey1796191443571, AuditTrail1796400000000, InspectorCertificateValidity1796410000000, InspectionBurden1796430000000, TargetAddress1796460000000];
