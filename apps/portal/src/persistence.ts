import { Draw, DrawAssignment, DrawBatch, DrawRevealChunk } from './draws/draw.entity.js';
import { Item, ItemList } from './items/item.entity.js';
import { Init1795720897670 } from './migrations/1795720897670-init.js';
import { SearchFunction1795720897671 } from './migrations/1795720897671-search-function.js';
import { ReadModel1795721447191 } from './migrations/1795721447191-read-model.js';
import { SearchIndexes1795721447192 } from './migrations/1795721447192-search-indexes.js';
import { SearchWalkIndexes1795721447193 } from './migrations/1795721447193-search-walk-indexes.js';
import { NoticeHistory1796420000000 } from './migrations/1796420000000-notice-history.js';
import { NoticeHistoryEntry } from './notices/notice-history.entity.js';
import { Officers1796410000000 } from './migrations/1796410000000-officers.js';
import { Notice } from './notices/notice.entity.js';
import { Officer } from './officers/officer.entity.js';
import { InspectionTally } from './firms/inspection-tally.entity.js';
import { InspectionTally1796430000000 } from './migrations/1796430000000-inspection-tally.js';
import { AuditTrail1796400000000 } from './migrations/1796400000000-audit-trail.js';

// The entities and migrations of the portal schema. Kept apart from the Nest module so the
// migration generator and tests can load them without starting the app.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PORTAL_ENTITIES: Function[] = [Notice, NoticeHistoryEntry, Draw, DrawAssignment, DrawBatch, DrawRevealChunk, ItemList, Item, InspectionTally, Officer];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PORTAL_MIGRATIONS: Function[] = [Init1795720897670, SearchFunction1795720897671, ReadModel1795721447191, SearchIndexes1795721447192, SearchWalkIndexes1795721447193, AuditTrail1796400000000, Officers1796410000000, NoticeHistory1796420000000, InspectionTally1796430000000];
