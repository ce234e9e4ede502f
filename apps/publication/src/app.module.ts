import { type DynamicModule, Module } from '@nestjs/common';
import type { EventBroker } from '#messaging';
import { PlatformModule, type AppEnv, type Clock } from '#platform';
import { CalendarController } from './common/calendar.controller.js';
import { CalendarService } from './common/calendar.service.js';
import { PUBLICATION_RULES, publicationRules } from './common/publication-rules.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { DashboardService } from './dashboard/dashboard.service.js';
import { DecisionsController } from './decisions/decisions.controller.js';
import { DecisionsService } from './decisions/decisions.service.js';
import { ImportsController } from './imports/imports.controller.js';
import { ImportsService } from './imports/imports.service.js';
import { NoticeLifecycle } from './notices/notice-lifecycle.service.js';
import { NoticesController } from './notices/notices.controller.js';
import { NoticesService } from './notices/notices.service.js';
import { ReviewsController } from './reviews/reviews.controller.js';
import { ReviewsService } from './reviews/reviews.service.js';
import { PUBLICATION_ENTITIES, PUBLICATION_MIGRATIONS } from './persistence.js';
import { PublicationScheduler } from './scheduler/publication.scheduler.js';
import { RectificationRecordedHandler } from './spot-checks/rectification-recorded.handler.js';
import { ResultRecordedHandler } from './spot-checks/result-recorded.handler.js';

export interface PublicationModuleOptions {
  synchronize?: boolean;
  outboxPollMs?: number;
  /** Deadlines, display periods, calendar file, scheduler interval (defaults: publicationRules()). */
  rules?: Parameters<typeof publicationRules>[0];
  /** Where the service reads the time (tests move it forward to see expiry). */
  clock?: Clock;
}

@Module({})
export class PublicationAppModule {
  static forRoot(config: AppEnv, broker: EventBroker, options: PublicationModuleOptions = {}): DynamicModule {
    const { rules, ...platform } = options;
    return {
      module: PublicationAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'publication',
          schema: 'publication',
          config,
          broker,
          entities: PUBLICATION_ENTITIES,
          migrations: PUBLICATION_MIGRATIONS,
          ...platform,
        }),
      ],
      controllers: [DecisionsController, ImportsController, NoticesController, ReviewsController, DashboardController, CalendarController],
      providers: [
        { provide: PUBLICATION_RULES, useValue: publicationRules(rules) },
        CalendarService,
        NoticeLifecycle,
        DecisionsService,
        ImportsService,
        NoticesService,
        ReviewsService,
        DashboardService,
        PublicationScheduler,
        ResultRecordedHandler,
        RectificationRecordedHandler,
      ],
    };
  }
}
