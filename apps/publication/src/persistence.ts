import { Decision } from './decisions/decision.entity.js';
import { Init1795720896317 } from './migrations/1795720896317-init.js';
import { DecisionsAndNotices1795721745420 } from './migrations/1795721745420-decisions-and-notices.js';
import { LegalReview1796193858777 } from './migrations/1796193858777-legal-review.js';
import { NoticeVersion } from './notices/notice-version.entity.js';
import { Notice } from './notices/notice.entity.js';
import { AuditTrail1796400000000 } from './migrations/1796400000000-audit-trail.js';

// The entities and migrations of the publication schema. Kept apart from the Nest module so the
// migration generator and tests can load them without starting the app.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PUBLICATION_ENTITIES: Function[] = [Decision, Notice, NoticeVersion];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PUBLICATION_MIGRATIONS: Function[] = [Init1795720896317, DecisionsAndNotices1795721745420, LegalReview1796193858777, AuditTrail1796400000000];
