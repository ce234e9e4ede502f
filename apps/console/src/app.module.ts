import { type DynamicModule, Module } from '@nestjs/common';
import type { SigningKey } from '#auth';
import type { EventBroker } from '#messaging';
import { PlatformModule, type Clock } from '#platform';
import { AccountsController } from './accounts/accounts.controller.js';
import { AccountsService } from './accounts/accounts.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { SessionGuard } from './auth/session.guard.js';
import type { ConsoleEnv } from './console-env.js';
import { CONSOLE_SETTINGS, consoleSettings, type ConsoleSettings } from './console-settings.js';
import { DemoAccounts } from './demo/demo-accounts.js';
import { DirectoryHandler } from './directory/directory.handler.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcService } from './oidc/oidc.service.js';
import { CONSOLE_ENTITIES, CONSOLE_MIGRATIONS } from './persistence.js';
import { SessionService } from './sessions/session.service.js';
import { JwksController } from './tokens/jwks.controller.js';
import { SIGNING_KEY, TokenIssuer } from './tokens/token-issuer.js';

export interface ConsoleModuleOptions {
  synchronize?: boolean;
  outboxPollMs?: number;
  /** Where sessions, lockouts and timeouts read the time (tests move it). */
  clock?: Clock;
  /** Overrides of the settings read from the environment (tests). */
  settings?: Partial<ConsoleSettings>;
}

/** The staff front door: sign-in, sessions, the services' tokens and JWKS, the forwarding of /api/*, the console pages. */
@Module({})
export class ConsoleAppModule {
  static forRoot(config: ConsoleEnv, broker: EventBroker, signingKey: SigningKey, options: ConsoleModuleOptions = {}): DynamicModule {
    const { settings, ...platform } = options;
    return {
      module: ConsoleAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'console',
          schema: 'console',
          config,
          broker,
          entities: CONSOLE_ENTITIES,
          migrations: CONSOLE_MIGRATIONS,
          ...platform,
        }),
      ],
      controllers: [AuthController, OidcController, AccountsController, JwksController],
      providers: [
        { provide: CONSOLE_SETTINGS, useValue: { ...consoleSettings(config), ...settings } },
        { provide: SIGNING_KEY, useValue: signingKey },
        SessionService,
        SessionGuard,
        AuthService,
        AccountsService,
        TokenIssuer,
        OidcService,
        DirectoryHandler,
        DemoAccounts,
      ],
    };
  }
}
