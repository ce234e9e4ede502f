import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { loadBadgeVerifyKey } from '#auth';
import type { EventBroker } from '#messaging';
import { PlatformModule, type AppEnv } from '#platform';
import { PUBLIC_URL_OPTIONS, PublicUrl, publicOrigin } from './common/public-url.js';
import { DrawApiController } from './draws/draw-api.controller.js';
import { DrawIngestService } from './draws/draw-ingest.service.js';
import { DrawPagesController } from './draws/draw-pages.controller.js';
import { DrawQueryService } from './draws/draw-query.service.js';
import { FirmInspectionsService } from './firms/firm-inspections.service.js';
import { InspectionTallyHandler } from './firms/inspection-tally.handler.js';
import { ItemApiController, ItemPagesController } from './items/item.controllers.js';
import { ItemService } from './items/item.service.js';
import { NoticeApiController } from './notices/notice-api.controller.js';
import { NoticeIngestService } from './notices/notice-ingest.service.js';
import { NoticePagesController } from './notices/notice-pages.controller.js';
import { NoticeQueryService } from './notices/notice-query.service.js';
import { OfficerApiController, OfficerPagesController } from './officers/officer.controllers.js';
import { BADGE_VERIFY_KEY, OfficerService } from './officers/officer.service.js';
import { PORTAL_ENTITIES, PORTAL_MIGRATIONS } from './persistence.js';
import { NoticeSearchLeanPath } from './notices/notice-search.lean-path.js';
import { DEFAULT_RATE_LIMIT, RATE_LIMIT_OPTIONS, RateLimitGuard, RateLimiter, type RateLimit } from './rate-limit.js';
import { StatisticsApiController, StatisticsPagesController } from './statistics/statistics.controllers.js';
import { StatisticsService } from './statistics/statistics.service.js';
import { AssetsController } from './web/assets.controller.js';

export interface PortalModuleOptions {
  synchronize?: boolean;
  outboxPollMs?: number;
  /** Per client IP and endpoint (default 300 a minute). */
  rateLimit?: RateLimit;
  /** Express "trust proxy" value (see PortalEnv.PORTAL_TRUST_PROXY). */
  trustProxy?: string;
  /**
   * The public origin for absolute links (PortalEnv.PORTAL_PUBLIC_URL, which the bootstrap passes);
   * default: the URL the app listens on.
   */
  publicUrl?: string;
  /**
   * The 亮证 verification key (PortalEnv.BADGE_VERIFY_KEY: Ed25519 public key, SPKI PEM or JWK);
   * default: the development key (refused in production).
   */
  badgeVerifyKey?: string;
  /**
   * Whether well-formed searches of `GET /api/v1/notices` take the lean path (default true; see
   * notices/notice-search.lean-path.ts). Off: every request goes through the full Nest route.
   */
  leanSearch?: boolean;
}

const PORTAL_OPTIONS = Symbol('PORTAL_OPTIONS');

/** Applies the trust-proxy setting, so the rate limit sees the client's address behind a proxy. */
class TrustProxy implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(PORTAL_OPTIONS) private readonly options: PortalModuleOptions,
  ) {}

  onModuleInit(): void {
    const value = this.options.trustProxy;
    if (!value) return;
    const setting = /^\d+$/.test(value) ? Number(value) : value === 'true' ? true : value;
    (this.adapter.httpAdapter.getInstance() as { set(k: string, v: unknown): void }).set('trust proxy', setting);
  }
}

@Module({})
export class PortalAppModule implements NestModule {
  constructor(
    @Inject(PORTAL_OPTIONS) private readonly options: PortalModuleOptions,
    private readonly leanPath: NoticeSearchLeanPath,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    // A function rather than the class: Nest would make a second instance of a middleware class.
    if (this.options.leanSearch !== false) {
      consumer.apply((req: Request, res: Response, next: NextFunction) => this.leanPath.use(req, res, next)).forRoutes({ path: 'api/v1/notices', method: RequestMethod.GET });
    }
  }

  static forRoot(config: AppEnv, broker: EventBroker, options: PortalModuleOptions = {}): DynamicModule {
    const { rateLimit, trustProxy, publicUrl, badgeVerifyKey, leanSearch, ...platform } = options;
    const badgeKey = loadBadgeVerifyKey(badgeVerifyKey);
    if (badgeKey.development && config.NODE_ENV === 'production') throw new Error('BADGE_VERIFY_KEY is required when NODE_ENV=production');
    // Checked here too (a caller may pass a config not validated as PortalEnv): a bad value stops the start.
    const publicUrlOptions = { configured: publicUrl ? publicOrigin(publicUrl) : undefined, host: config.HOST };
    return {
      module: PortalAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'portal',
          schema: 'portal',
          config,
          broker,
          entities: PORTAL_ENTITIES,
          migrations: PORTAL_MIGRATIONS,
          ...platform,
        }),
      ],
      controllers: [
        AssetsController,
        NoticePagesController,
        NoticeApiController,
        DrawPagesController,
        DrawApiController,
        ItemPagesController,
        ItemApiController,
        StatisticsPagesController,
        StatisticsApiController,
        OfficerPagesController,
        OfficerApiController,
      ],
      providers: [
        { provide: PORTAL_OPTIONS, useValue: { rateLimit, trustProxy, leanSearch } },
        { provide: RATE_LIMIT_OPTIONS, useValue: rateLimit ?? DEFAULT_RATE_LIMIT },
        RateLimiter,
        { provide: APP_GUARD, useClass: RateLimitGuard },
        NoticeSearchLeanPath,
        TrustProxy,
        { provide: PUBLIC_URL_OPTIONS, useValue: publicUrlOptions },
        PublicUrl,
        NoticeIngestService,
        NoticeQueryService,
        DrawIngestService,
        DrawQueryService,
        ItemService,
        StatisticsService,
        InspectionTallyHandler,
        FirmInspectionsService,
        { provide: BADGE_VERIFY_KEY, useValue: badgeKey },
        OfficerService,
      ],
    };
  }
}
