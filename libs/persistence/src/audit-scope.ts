import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is changing state, and why, for the full-process record (执法全过程记录). Set once where work
 * enters a service (an HTTP request, a consumed event, a background job) and read when a
 * transaction commits, so no service has to pass it down by hand. Lives here, below messaging and
 * platform, because both set it.
 */
export interface AuditScope {
  subject: string;
  roles: string[];
  department: string | null;
  /** `POST /notices/:id/publish`, `event publication.notice.published`, `job publication.scheduler`. */
  action: string;
  /** The ids the work named (route parameters, the event's id). */
  entityIds: string[];
  /** The request's X-Request-Id, `event:<envelope id>` or `job:<run id>`. */
  requestId: string;
  /** Bookkeeping that changes no business state (the outbox relay, a redelivered event): no record. */
  skip?: boolean;
}

const storage = new AsyncLocalStorage<AuditScope>();

export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}

/** Runs `work` (and everything it starts) as `scope`. */
export function runInAuditScope<T>(scope: AuditScope, work: () => T): T {
  return storage.run(scope, work);
}

/** Runs a background job's `work` as the system, under the job's name. */
export function runAsJob<T>(job: string, runId: string, work: () => T): T {
  return storage.run({ subject: 'system', roles: [], department: null, action: `job ${job}`, entityIds: [], requestId: `job:${runId}` }, work);
}

/** Runs bookkeeping that is not a state change of its own (relaying outbox rows): it leaves no record. */
export function runUnaudited<T>(work: () => T): T {
  return storage.run({ subject: 'system', roles: [], department: null, action: 'unaudited', entityIds: [], requestId: '', skip: true }, work);
}
