import { Init1795720896317 } from './migrations/1795720896317-init.js';

// The entities and migrations of the publication schema. Kept apart from the Nest module so the
// migration generator and tests can load them without starting the app.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PUBLICATION_ENTITIES: Function[] = [];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PUBLICATION_MIGRATIONS: Function[] = [Init1795720896317];
