import { Account } from './accounts/account.entity.js';
import { DirectoryInspectorRow } from './directory/directory-inspector.entity.js';
import { Console1796440000000 } from './migrations/1796440000000-console.js';
import { OidcLogin } from './oidc/oidc-login.entity.js';
import { Session } from './sessions/session.entity.js';

// The entities and migrations of the console schema. Kept apart from the Nest module so the
// migration tests can load them without starting the app.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const CONSOLE_ENTITIES: Function[] = [Account, Session, DirectoryInspectorRow, OidcLogin];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const CONSOLE_MIGRATIONS: Function[] = [Console1796440000000];
