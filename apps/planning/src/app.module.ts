import { type DynamicModule, Module } from '@nestjs/common';
import type { EventBroker } from '#messaging';
import { PlatformModule, type AppEnv } from '#platform';
import { BurdenController } from './burden/burden.controller.js';
import { PlanningResultRecordedHandler } from './burden/result-recorded.handler.js';
import { DemoController } from './demo/demo.controller.js';
import { DemoService } from './demo/demo.service.js';
import { DrawQueriesService } from './draws/draw-queries.service.js';
import { DrawsController, PublicDrawsController } from './draws/draws.controller.js';
import { DrawsService } from './draws/draws.service.js';
import { DrawSettingsModule, drawSettingsOf, type DrawSettings } from './draws/draw-settings.js';
import { ImportsController } from './imports/imports.controller.js';
import { ImportsService } from './imports/imports.service.js';
import { InspectorsController } from './inspectors/inspectors.controller.js';
import { InspectorsService } from './inspectors/inspectors.service.js';
import { ItemsController } from './items/items.controller.js';
import { ItemsService } from './items/items.service.js';
import { PLANNING_ENTITIES, PLANNING_MIGRATIONS } from './persistence.js';
import { PlansController } from './plans/plans.controller.js';
import { PlansService } from './plans/plans.service.js';
import { TargetsController } from './targets/targets.controller.js';
import { TargetsService } from './targets/targets.service.js';

export interface PlanningModuleOptions {
  synchronize?: boolean;
  outboxPollMs?: number;
  /** Overrides the draw publication settings of the environment (tests). */
  drawSettings?: Partial<DrawSettings>;
}

/** 两库一单, plans, tasks and draws. Services use the DataSource directly: every write is one explicit transaction. */
@Module({
  controllers: [BurdenController, TargetsController, InspectorsController, ImportsController, ItemsController, PlansController, DrawsController, PublicDrawsController, DemoController],
  providers: [TargetsService, InspectorsService, ImportsService, ItemsService, PlansService, DrawsService, DrawQueriesService, DemoService, PlanningResultRecordedHandler],
  exports: [DrawsService, DemoService],
})
export class PlanningFeaturesModule {}

@Module({})
export class PlanningAppModule {
  static forRoot(config: AppEnv, broker: EventBroker, options: PlanningModuleOptions = {}): DynamicModule {
    const { drawSettings, ...platformOptions } = options;
    return {
      module: PlanningAppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'planning',
          schema: 'planning',
          config,
          broker,
          entities: PLANNING_ENTITIES,
          migrations: PLANNING_MIGRATIONS,
          ...platformOptions,
        }),
        DrawSettingsModule.forRoot(drawSettingsOf(config, drawSettings)),
        PlanningFeaturesModule,
      ],
    };
  }
}
