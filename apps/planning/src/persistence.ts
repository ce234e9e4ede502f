import { Init1795720890082 } from './migrations/1795720890082-init.js';

// The entities and migrations of the planning schema. Kept apart from the Nest module so the
// migration generator and tests can load them without starting the app.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PLANNING_ENTITIES: Function[] = [];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PLANNING_MIGRATIONS: Function[] = [Init1795720890082];
