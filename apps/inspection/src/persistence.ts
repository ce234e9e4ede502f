import { Init1795720894949 } from './migrations/1795720894949-init.js';

// The entities and migrations of the inspection schema. Kept apart from the Nest module so the
// migration generator and tests can load them without starting the app.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const INSPECTION_ENTITIES: Function[] = [];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const INSPECTION_MIGRATIONS: Function[] = [Init1795720894949];
