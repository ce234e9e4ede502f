import { Type } from 'class-transformer';
import { IsISO8601, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

/**
 * The environment every app reads at start. Validated before anything connects, so a missing or
 * malformed variable stops the process with a message that names it.
 */
export class AppEnv {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  /** postgres://user@host:port/db — PostgreSQL in production; the start script sets it to the embedded server. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  /** A statement running longer is cancelled (ms; 0: no limit). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 60_000;

  /** A wait for a row or table lock longer than this fails the statement (ms; 0: no limit). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DB_LOCK_TIMEOUT_MS = 10_000;

  /** A transaction left open and idle longer than this is ended by the server (ms; 0: no limit). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  /** Largest JSON or form request body, in bytes: a larger one gets 413 before it is parsed. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  HTTP_BODY_MAX_BYTES = 1_048_576;

  /** Deepest nesting of arrays and objects in a JSON body: a deeper one gets 400 before it is parsed. */
  @Type(() => Number)
  @IsInt()
  @Min(8)
  @Max(512)
  HTTP_JSON_MAX_DEPTH = 64;

  /** nats://host:4222[,nats://…] — required unless MESSAGING=in-process. */
  @ValidateIf((env: AppEnv) => env.MESSAGING !== 'in-process')
  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, { message: 'NATS_URL must be nats://host:port (comma-separated for a cluster), or set MESSAGING=in-process' })
  NATS_URL?: string;

  /**
   * Copies of each JetStream stream the cluster keeps (1..5; never more than the cluster has nodes).
   * 3 on a three-node cluster, so the loss of one node loses no event and stops no publisher.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  NATS_STREAM_REPLICAS = 1;

  /** `in-process` only for the embedded single-process fallback; never in production. */
  @IsOptional()
  @IsIn(['jetstream', 'in-process'])
  MESSAGING: 'jetstream' | 'in-process' = 'jetstream';

  /** Subject and stream prefix of this deployment. */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,30}$/, { message: 'EVENTS_PREFIX must be lower-case letters, digits or _' })
  EVENTS_PREFIX = 'spotcheck';

  @ValidateIf((env: AppEnv) => !env.AUTH_LOCAL_SECRET)
  @IsUrl({ require_tld: false }, { message: 'set AUTH_JWKS_URL (an OIDC provider) or AUTH_LOCAL_SECRET (embedded mode)' })
  AUTH_JWKS_URL?: string;

  @ValidateIf((env: AppEnv) => !env.AUTH_JWKS_URL)
  @IsString()
  @MinLength(32, { message: 'AUTH_LOCAL_SECRET must be at least 32 characters' })
  AUTH_LOCAL_SECRET?: string;

  @IsOptional()
  @IsString()
  AUTH_ISSUER = 'spotcheck';

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE = 'spotcheck';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Successful GET/HEAD requests are logged one in this many (1: all); writes, failures and slow requests always. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOG_REQUEST_SAMPLE = 1;

  /** A request taking at least this long (ms) is always logged, at level warn (0: off). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  LOG_SLOW_REQUEST_MS = 1000;

  /**
   * Business time starts at this instant and runs on from there (an ISO 8601 instant with offset).
   * For tests that start the system in another process, and training installations; refused in production.
   */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'CLOCK_START must be an ISO 8601 instant, e.g. 2026-11-20T09:00:00+08:00' })
  CLOCK_START?: string;

  /** Published outbox rows are deleted this many days after publication (the events stay in the stream). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 7;

  /** Inbox rows (handled event ids) are deleted this many days after handling; far beyond JetStream's 10-minute duplicate window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  INBOX_RETENTION_DAYS = 30;

  /** Where the app keeps files (evidence in embedded mode, holiday overrides). */
  @IsOptional()
  @IsString()
  DATA_DIR = '.data';
}
