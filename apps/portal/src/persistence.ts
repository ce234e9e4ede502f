import { Init1795720897670 } from './migrations/1795720897670-init.js';

// The entities and migrations of the portal schema. Kept apart from the Nest module so the
// migration generator and tests can load them without starting the app.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PORTAL_ENTITIES: Function[] = [];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PORTAL_MIGRATIONS: Function[] = [Init1795720897670];
