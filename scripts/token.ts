/**
 * Mints a bearer token for trying the system's APIs directly: signed with AUTH_LOCAL_SECRET when it
 * is set, else with the console's key (DATA_DIR/console-signing-key.pem, which `npm start` creates
 * and whose JWKS the services verify by). Staff use the console instead.
 *
 *   npm run token -- --role officer --department 水政监察大队 [--sub officer-1] [--name 张三] [--expires 8h]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSigningKey, mintLocalToken, mintSignedToken, ROLES, SIGNING_KEY_FILE, type Role } from '#auth';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--role …] [--department D] [--sub ID] [--name N] [--expires 8h]`;

let values: { role?: string[]; department?: string; sub?: string; name?: string; expires?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      department: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string', default: '8h' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  // An unknown or malformed option: say which, and how it is used, without a stack trace.
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const roles = (values.role ?? []) as Role[];
const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
if (!roles.length || unknown.length) {
  console.error(USAGE);
  if (unknown.length) console.error(`unknown role: ${unknown.join(', ')}`);
  process.exit(2);
}

const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const claims = {
  issuer: process.env.AUTH_ISSUER ?? 'spotcheck',
  audience: process.env.AUTH_AUDIENCE ?? 'spotcheck',
  sub: values.sub ?? `${roles[0]}-local`,
  roles,
  department: values.department,
  name: values.name,
};
const secret = process.env.AUTH_LOCAL_SECRET;
if (secret) {
  console.log(await mintLocalToken({ ...claims, secret, expiresIn: values.expires }));
} else {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  let pem = process.env.CONSOLE_SIGNING_KEY?.replace(/\\n/g, '\n');
  if (!pem) {
    try {
      pem = readFileSync(file, 'utf8');
    } catch {
      console.error(`no AUTH_LOCAL_SECRET, no CONSOLE_SIGNING_KEY and no ${file}: run \`npm start\` once first`);
      process.exit(2);
    }
  }
  console.log(await mintSignedToken(await loadSigningKey(pem), { ...claims, expiresIn: values.expires }));
}
