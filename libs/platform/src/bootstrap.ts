import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createBroker, type EventBroker } from '#messaging';
import type { AppEnv } from './config/app-env.js';
import { hardenHttp } from './http/http-hardening.js';

export interface AppDescription<C extends AppEnv> {
  serviceName: string;
  title: string;
  description: string;
  config: C;
  /** Builds the app's root module once the broker is connected. */
  module: (config: C, broker: EventBroker) => DynamicModule;
  /** Adds routes or middleware before init (e.g. static files); runs after the body parsers and security headers. */
  configure?: (app: INestApplication) => void;
  /** Adds middleware that must see the request body unread (the console's streaming forwarder); runs before the body parsers. */
  beforeBodyParsers?: (app: INestApplication) => void;
}

export interface RunningApp {
  app: INestApplication;
  url: string;
  broker: EventBroker;
  close(): Promise<void>;
}

/**
 * Starts one app as a hybrid Nest application: HTTP (with OpenAPI at /docs) plus, when a NATS URL
 * is configured, a NATS microservice for request/reply. Module init finishes before any consumer
 * starts (docs/developing.md, stack note 9); JetStream consumers start in onApplicationBootstrap.
 */
export async function startApp<C extends AppEnv>(d: AppDescription<C>): Promise<RunningApp> {
  const natsUrl = d.config.MESSAGING === 'in-process' ? undefined : d.config.NATS_URL;
  const broker = await createBroker(natsUrl, d.config.EVENTS_PREFIX, d.serviceName, { streamReplicas: d.config.NATS_STREAM_REPLICAS });
  // Nest's default body parsers have no depth limit: hardenHttp registers bounded ones instead.
  const app = await NestFactory.create(d.module(d.config, broker), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  hardenHttp(app, { maxBytes: d.config.HTTP_BODY_MAX_BYTES, maxDepth: d.config.HTTP_JSON_MAX_DEPTH }, d.beforeBodyParsers && (() => d.beforeBodyParsers!(app)));
  d.configure?.(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(d.title).setDescription(d.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

  if (natsUrl) {
    app.connectMicroservice<MicroserviceOptions>(
      { transport: Transport.NATS, options: { servers: natsUrl.split(','), queue: `${d.config.EVENTS_PREFIX}.${d.serviceName}` } },
      { inheritAppConfig: true },
    );
  }
  await app.init();
  if (natsUrl) await app.startAllMicroservices();
  await app.listen(d.config.PORT, d.config.HOST);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${d.config.HOST}:${address.port}`;
  return { app, url, broker, close: () => app.close() };
}
