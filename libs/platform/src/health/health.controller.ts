import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '#auth';
import { EVENT_BROKER, type EventBroker } from '#messaging';

/** Liveness and readiness in one: 200 when the database answers and the broker is connected. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(EVENT_BROKER) private readonly broker: EventBroker,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const session = this.indicators.check('database');
        try {
          await this.dataSource.query('SELECT 1');
          return session.up();
        } catch (error) {
          // /health is public: the reason (host, user, driver text) goes to the log, not the response.
          this.logger.warn(`database check failed: ${(error as Error).message}`);
          return session.down();
        }
      },
      async () => {
        const session = this.indicators.check('messaging');
        return this.broker.isHealthy() ? session.up({ kind: this.broker.kind }) : session.down({ kind: this.broker.kind });
      },
    ]);
  }
}
