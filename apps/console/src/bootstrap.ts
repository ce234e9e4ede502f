import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadSigningKey, signingKeyPemFromDataDir, type SigningKey } from '#auth';
import { ConfigError, loadConfig, startApp, type RunningApp } from '#platform';
import { ConsoleAppModule, type ConsoleModuleOptions } from './app.module.js';
import { forwarder } from './bff/forwarder.js';
import { checkConsoleEnv, ConsoleEnv } from './console-env.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from './console-settings.js';
import { SessionService } from './sessions/session.service.js';
import { TokenIssuer } from './tokens/token-issuer.js';
import { consolePages } from './web/console-pages.js';

/** The signing key: CONSOLE_SIGNING_KEY, else (not in production) the one kept in DATA_DIR. */
export async function consoleSigningKey(config: ConsoleEnv): Promise<{ key: SigningKey; file?: string }> {
  try {
    if (config.CONSOLE_SIGNING_KEY) return { key: await loadSigningKey(config.CONSOLE_SIGNING_KEY.replace(/\\n/g, '\n')) };
    const { pem, file } = signingKeyPemFromDataDir(config.DATA_DIR);
    return { key: await loadSigningKey(pem), file };
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  - CONSOLE_SIGNING_KEY: ${(error as Error).message}`);
  }
}

/** The console's own routes need no bearer token; its audit trail (GET /audit) does: one the console itself signed. */
function withOwnJwks(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (env.AUTH_JWKS_URL || env.AUTH_LOCAL_SECRET) return env;
  return { ...env, AUTH_JWKS_URL: `http://127.0.0.1:${env.PORT || '3004'}/.well-known/jwks.json` };
}

/** Starts the console from an environment (process.env in production, a prepared one in tests). */
export async function bootstrapConsole(env: Record<string, string | undefined> = process.env, options: ConsoleModuleOptions = {}): Promise<RunningApp> {
  const config = loadConfig(withOwnJwks(env), { PORT: '3004' }, ConsoleEnv);
  checkConsoleEnv(config);
  const { key } = await consoleSigningKey(config);
  return startApp({
    serviceName: 'console',
    title: 'Spotcheck console: the staff front door',
    description: 'Sign-in (local accounts and OIDC), sessions, account administration, the JWKS of the services\' tokens, and /api/* forwarded to the services. See docs/console.md.',
    config,
    module: (c, broker) => ConsoleAppModule.forRoot(c as ConsoleEnv, broker, key, options),
    beforeBodyParsers: (app: INestApplication) => {
      const express = app as NestExpressApplication;
      if (config.CONSOLE_TRUST_PROXY) express.set('trust proxy', trustProxy(config.CONSOLE_TRUST_PROXY));
      express.use(forwarder(app.get(SessionService), app.get(TokenIssuer), app.get<ConsoleSettings>(CONSOLE_SETTINGS)));
    },
    configure: (app: INestApplication) => {
      const settings = app.get<ConsoleSettings>(CONSOLE_SETTINGS);
      app.use(consolePages(settings.webDir, settings.inspectorWebDir));
    },
  });
}

function trustProxy(setting: string): boolean | number | string {
  if (setting === 'true') return true;
  if (setting === 'false') return false;
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}
