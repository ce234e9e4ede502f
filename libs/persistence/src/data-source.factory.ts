import pg from 'pg';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** What an app tells the factory about itself; everything else comes from the URL. */
export interface AppDataSourceConfig {
  /** postgres://… — PostgreSQL in production, the embedded server otherwise. */
  url: string;
  /** The app's own schema: no app reads another's tables. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Pool size per process. */
  poolSize?: number;
  /** Limits on every connection of the pool, so one stuck client cannot hold the others (none: no limit). */
  timeouts?: ConnectionTimeouts;
  /** Tests only: build the schema from the entities instead of migrations. */
  synchronize?: boolean;
  logging?: boolean;
}

/**
 * Per-connection limits (PostgreSQL settings, in milliseconds): a statement that runs too long, a
 * wait for a lock, and a transaction left open by a client that went silent are cut off with an
 * error, and the connection goes back to work for the others.
 */
export interface ConnectionTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
}

/** TypeORM options for one app. The only place the apps' DataSources are described. */
export function buildDataSourceOptions(config: AppDataSourceConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    entities: config.entities,
    migrations: config.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: config.synchronize ?? false,
    // gen_random_uuid() is built in since PostgreSQL 13; TypeORM's default needs uuid-ossp.
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    logging: config.logging ? ['error', 'warn', 'migration'] : ['error'],
    extra: {
      max: config.poolSize ?? 10,
      application_name: `spotcheck-${config.schema}`,
      ...(config.timeouts
        ? {
            statement_timeout: config.timeouts.statementMs,
            lock_timeout: config.timeouts.lockMs,
            idle_in_transaction_session_timeout: config.timeouts.idleInTransactionMs,
          }
        : {}),
    },
  };
}

/**
 * Creates the app's schema if needed, opens the DataSource and runs pending migrations.
 * Migrations always run at start; `synchronize` is refused unless the database is a test one.
 */
export async function openAppDataSource(config: AppDataSourceConfig): Promise<DataSource> {
  if (config.synchronize) assertTestDatabase(config.url);
  await ensureSchema(config.url, config.schema);
  const dataSource = new DataSource(buildDataSourceOptions(config));
  await dataSource.initialize();
  if (config.synchronize) await dataSource.synchronize();
  else if (await dataSource.showMigrations()) {
    // Pending migrations run without the pool's statement limits: building an index on a large
    // table may rightly take longer than any request should.
    const migrator = new DataSource({ ...buildDataSourceOptions({ ...config, timeouts: undefined }), extra: { max: 1 } });
    await migrator.initialize();
    try {
      await migrator.runMigrations({ transaction: 'each' });
    } finally {
      await migrator.destroy();
    }
  }
  return dataSource;
}

/** The migrations table lives in the app's schema, so the schema must exist before TypeORM starts. */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name '${schema}'`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Asked first: PostgreSQL checks the right to create before IF NOT EXISTS, and a service role
    // without it (docs/operations.md, the audit trail) must still start on its existing schema.
    const { rowCount } = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema]);
    if (!rowCount) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

/** Refuses a database whose name does not say it is for tests (protects real data from test set-up). */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/(^|_)test(_|$)|^test/.test(name)) {
    throw new Error(`refusing to use database '${name}' for tests: its name must mark it as a test database (e.g. spotcheck_test_…)`);
  }
}
