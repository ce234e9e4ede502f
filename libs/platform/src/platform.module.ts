import { type DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { EntitySchema, MixedList } from 'typeorm';
import { AuthModule } from '#auth';
import { MESSAGING_ENTITIES, MessagingModule, VALIDATION_OPTIONS, type EventBroker } from '#messaging';
import { buildDataSourceOptions, openAppDataSource } from '#persistence';
import { AuditModule } from './audit/audit.module.js';
import { AuditRecord } from './audit/audit-record.entity.js';
import { clockFromStart, type Clock } from './clock/clock.js';
import { ClockModule } from './clock/clock.module.js';
import type { AppEnv } from './config/app-env.js';
import { HealthController } from './health/health.controller.js';
import { DomainExceptionFilter } from './http/domain-exception.filter.js';
import { requestLogOptions } from './http/request-log.js';

export interface PlatformOptions {
  serviceName: string;
  /** The app's own PostgreSQL schema. */
  schema: string;
  config: AppEnv;
  broker: EventBroker;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Tests only: build the schema from entities (refused on a database not named as a test one). */
  synchronize?: boolean;
  /** Override of the relay's poll interval (tests shorten it). */
  outboxPollMs?: number;
  /** Override of how often a failing event is delivered before it is dead-lettered. */
  maxDeliver?: number;
  /** Tests pin business time here; otherwise CLOCK_START or the system clock. */
  clock?: Clock;
}

/**
 * What request logs never show: credentials in either direction (a bearer token, the browser's
 * cookies, the console's Set-Cookie with a session secret, its CSRF token).
 */
export const LOG_REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/** Tables every app has in its schema besides its own: the outbox, the inbox and the audit trail. */
export const PLATFORM_ENTITIES = [...MESSAGING_ENTITIES, AuditRecord];

/** The app's clock: a test's, else one started at CLOCK_START, else the machine's. */
export function clockFor(config: AppEnv, clock?: Clock): Clock {
  return clock ?? clockFromStart(config.CLOCK_START);
}

/**
 * What every app has: JSON logs, its DataSource (migrations at start), durable messaging, token
 * auth, /health, one validation pipe and one error filter.
 */
@Module({})
export class PlatformModule {
  static forRoot(o: PlatformOptions): DynamicModule {
    const entities = [...o.entities, ...PLATFORM_ENTITIES];
    const clock = clockFor(o.config, o.clock);
    const dataSourceConfig = {
      url: o.config.DATABASE_URL,
      schema: o.schema,
      entities,
      migrations: o.migrations,
      poolSize: o.config.DB_POOL_SIZE,
      timeouts: {
        statementMs: o.config.DB_STATEMENT_TIMEOUT_MS,
        lockMs: o.config.DB_LOCK_TIMEOUT_MS,
        idleInTransactionMs: o.config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
      synchronize: o.synchronize,
    };
    return {
      module: PlatformModule,
      imports: [
        ClockModule.forRoot(clock),
        LoggerModule.forRoot({
          pinoHttp: {
            level: o.config.LOG_LEVEL,
            name: o.serviceName,
            redact: LOG_REDACT,
            autoLogging: o.config.NODE_ENV !== 'test',
            ...requestLogOptions({ sample: o.config.LOG_REQUEST_SAMPLE, slowMs: o.config.LOG_SLOW_REQUEST_MS }),
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => buildDataSourceOptions(dataSourceConfig),
          dataSourceFactory: async () => openAppDataSource(dataSourceConfig),
        }),
        MessagingModule.forRoot({
          serviceName: o.serviceName,
          prefix: o.config.EVENTS_PREFIX,
          broker: o.broker,
          clock,
          outboxRetentionMs: o.config.OUTBOX_RETENTION_DAYS * 86_400_000,
          inboxRetentionMs: o.config.INBOX_RETENTION_DAYS * 86_400_000,
          ...(o.outboxPollMs ? { outboxPollMs: o.outboxPollMs } : {}),
          ...(o.maxDeliver ? { maxDeliver: o.maxDeliver } : {}),
        }),
        AuthModule.forRoot({
          jwksUrl: o.config.AUTH_JWKS_URL,
          localSecret: o.config.AUTH_LOCAL_SECRET,
          issuer: o.config.AUTH_ISSUER,
          audience: o.config.AUTH_AUDIENCE,
        }),
        TerminusModule,
        AuditModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useValue: new ValidationPipe(VALIDATION_OPTIONS) },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
      ],
    };
  }
}
