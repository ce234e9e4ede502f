// Set-up of the hardening specs: the four apps on their own test databases sharing one subject
// prefix, the write routes as Nest registered them, row counts per app, and the DTO fields that a
// request body carries (read from class-validator's metadata, so no field is hand-picked).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { VALIDATION_OPTIONS } from '#messaging';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { bootstrapConsole } from '../../apps/console/src/bootstrap.js';
import { InspectionAppModule } from '../../apps/inspection/src/app.module.js';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { PublicationAppModule } from '../../apps/publication/src/app.module.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { eventually, testEnv, testPrefix } from '../support/test-env.js';

export const APP_NAMES = ['planning', 'inspection', 'publication', 'portal', 'console'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** The five apps, as in production: one database (schema) each, events over one JetStream prefix. */
export class System {
  readonly apps = {} as Record<AppName, RunningApp>;
  readonly prefix: string;
  probe!: NatsProbe;
  evidenceDir!: string;
  private readonly dbs: TestDatabase[] = [];
  private readonly tables = new Map<AppName, string[]>();

  private constructor(label: string) {
    this.prefix = testPrefix(label);
  }

  static async start(label: string): Promise<System> {
    const s = new System(label);
    s.evidenceDir = mkdtempSync(path.join(os.tmpdir(), 'spotcheck-evidence-'));
    s.probe = await NatsProbe.connect();
    const dbs = await Promise.all(APP_NAMES.map((a) => createTestDatabase(`${label}${a.slice(0, 4)}`)));
    s.dbs.push(...dbs);
    const url = (a: AppName) => dbs[APP_NAMES.indexOf(a)].url;
    [s.apps.planning, s.apps.inspection, s.apps.publication, s.apps.portal, s.apps.console] = await Promise.all([
      startTestApp('planning', (c, b) => PlanningAppModule.forRoot(c, b, { outboxPollMs: 50 }), url('planning'), s.prefix),
      startTestApp('inspection', (c, b) => InspectionAppModule.forRoot(c, b, { outboxPollMs: 50, overdueScanMs: 0, evidenceDir: s.evidenceDir }), url('inspection'), s.prefix),
      startTestApp('publication', (c, b) => PublicationAppModule.forRoot(c, b, { outboxPollMs: 50, rules: { schedulerIntervalMs: 0 } }), url('publication'), s.prefix),
      startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { outboxPollMs: 50 }), url('portal'), s.prefix),
      // The staff front door: its own write routes (sign-in, sessions, accounts) ride on the session cookie.
      bootstrapConsole(testEnv(url('console'), s.prefix, { DATA_DIR: s.evidenceDir, CONSOLE_LOGIN_RATE_LIMIT: '10000' }), { outboxPollMs: 50 }),
    ]);
    return s;
  }

  ds(app: AppName): DataSource {
    return this.apps[app].app.get(DataSource);
  }

  /** Rows per table of the app's schema: a request refused with a 4xx must leave every count as it was. */
  async rowCounts(app: AppName): Promise<Record<string, number>> {
    let tables = this.tables.get(app);
    if (!tables) {
      const rows = (await this.ds(app).query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`, [app])) as { t: string }[];
      tables = rows.map((r) => r.t);
      this.tables.set(app, tables);
    }
    const select = tables.map((t) => `'${t}', (SELECT count(*) FROM "${app}"."${t}")`).join(', ');
    const [row] = (await this.ds(app).query(`SELECT json_build_object(${select}) AS counts`)) as { counts: Record<string, string | number> }[];
    return Object.fromEntries(Object.entries(row.counts).map(([k, v]) => [k, Number(v)]));
  }

  /**
   * Waits until every event written so far has been relayed and handled: no unpublished outbox row
   * in any app and the inbox counts steady. Before a batch of requests to one app, so that another
   * app's earlier writes do not arrive in the middle of a row count.
   */
  async settle(): Promise<void> {
    await eventually(async () => {
      for (const a of APP_NAMES) {
        const [{ n }] = (await this.ds(a).query(`SELECT count(*)::int AS n FROM "${a}".outbox_event WHERE published_at IS NULL`)) as { n: number }[];
        if (n > 0) return false;
      }
      return true;
    }, 20_000, 'outboxes to drain');
    let last = '';
    await eventually(async () => {
      const now = JSON.stringify(await Promise.all(APP_NAMES.map(async (a) => (await this.ds(a).query(`SELECT count(*)::int AS n FROM "${a}".inbox_entry`)) as unknown)));
      const steady = now === last;
      last = now;
      if (!steady) await new Promise((r) => setTimeout(r, 250));
      return steady;
    }, 20_000, 'consumers to finish');
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.apps).map((a) => a?.close()));
    await this.probe?.deleteStreams(eventStreamName(this.prefix), deadLetterStreamName(this.prefix));
    await this.probe?.close();
    await Promise.all(this.dbs.map((d) => d.drop()));
    if (this.evidenceDir) rmSync(this.evidenceDir, { recursive: true, force: true });
  }
}

/** One route as Nest registered it, e.g. `POST /plans/:id/tasks`, with the class of its @Body(), if any. */
export interface RegisteredRoute {
  key: string;
  app: AppName;
  body?: new () => object;
}

const WRITE_METHODS = new Set([RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE]);
const BODY_PARAM = 3; // RouteParamtypes.BODY

/** Every POST, PUT, PATCH and DELETE route of the app, from the controllers' routing metadata (what Nest's router registers). */
export function writeRoutes(name: AppName, app: INestApplication): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...a: unknown[]) => object) | null;
      if (!controller) continue;
      const bases = [Reflect.getMetadata('path', controller) ?? '/'].flat() as string[];
      for (const methodName of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[methodName];
        if (methodName === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata('method', handler) as RequestMethod | undefined;
        if (method === undefined || !WRITE_METHODS.has(method)) continue;
        const paths = [Reflect.getMetadata('path', handler) ?? '/'].flat() as string[];
        const args = (Reflect.getMetadata('__routeArguments__', controller, methodName) ?? {}) as Record<string, { index: number }>;
        const bodyArg = Object.entries(args).find(([k]) => Number(k.split(':')[0]) === BODY_PARAM)?.[1];
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, methodName) ?? []) as (new () => object)[];
        const body = bodyArg ? types[bodyArg.index] : undefined;
        for (const base of bases) for (const p of paths) routes.push({ key: `${RequestMethod[method]} ${join(base, p)}`, app: name, ...(body && body !== Object ? { body } : {}) });
      }
    }
  }
  return routes;
}

/** A field of a request body: its path (`findings[0].checkPoints[1].label`) and the DTO property behind it. */
export interface BodyField {
  path: (string | number)[];
  owner: string;
  property: string;
  optional: boolean;
  nested: boolean;
  value: unknown;
}

const TEXT_CONSTRAINTS = new Set(['isString', 'isPlainText', 'isMultilineText']);

/**
 * Walks a request body the way the validation pipe sees it (transformed into the DTO classes) and
 * returns every validated property found in it, nested DTOs and every element of arrays included.
 * Also returns the text properties (IsString, IsPlainText, IsMultilineText) of every DTO class met
 * that the body does not carry, so a test can insist on a body that has them all.
 */
export function bodyFields(dto: new () => object, body: object): { fields: BodyField[]; missingText: string[]; textWithoutShared: string[] } {
  const fields: BodyField[] = [];
  const seen = new Map<string, Set<string>>();
  const textProps = new Map<string, Set<string>>();
  const sharedMissing = new Set<string>();
  const storage = getMetadataStorage();
  const visit = (instance: object, plain: Record<string, unknown>, at: (string | number)[]) => {
    const cls = instance.constructor as new () => object;
    const metas = storage.getTargetValidationMetadatas(cls, '', true, false);
    const byProp = storage.groupByPropertyName(metas);
    const owner = cls.name;
    if (!seen.has(owner)) seen.set(owner, new Set());
    for (const [property, list] of Object.entries(byProp)) {
      const names = new Set(list.map((m) => m.name ?? m.type));
      const isText = list.some((m) => TEXT_CONSTRAINTS.has(m.name ?? ''));
      if (isText) {
        if (!textProps.has(owner)) textProps.set(owner, new Set());
        textProps.get(owner)!.add(property);
        if (!names.has('isPlainText') && !names.has('isMultilineText')) sharedMissing.add(`${owner}.${property}`);
      }
      const optional = list.some((m) => m.type === 'conditionalValidation');
      const nested = list.some((m) => m.type === 'nestedValidation');
      if (!(property in plain)) continue;
      seen.get(owner)!.add(property);
      const value = (instance as Record<string, unknown>)[property];
      const raw = plain[property];
      fields.push({ path: [...at, property], owner, property, optional, nested, value: raw });
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          const rawItem = (raw as unknown[])[i];
          if (nested && v && typeof v === 'object') visit(v as object, rawItem as Record<string, unknown>, [...at, property, i]);
          else fields.push({ path: [...at, property, i], owner, property, optional: false, nested: false, value: rawItem });
        });
      } else if (nested && value && typeof value === 'object') {
        visit(value as object, raw as Record<string, unknown>, [...at, property]);
      }
    }
  };
  visit(plainToInstance(dto, body), body as Record<string, unknown>, []);
  const missingText = [...textProps].flatMap(([owner, props]) => [...props].filter((p) => !seen.get(owner)?.has(p)).map((p) => `${owner}.${p}`));
  return { fields, missingText, textWithoutShared: [...sharedMissing] };
}

/** Problems class-validator finds in `body` as the global pipe would validate it (none for a good fixture). */
export async function validationProblems(dto: new () => object, body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(dto, body), VALIDATION_OPTIONS);
  const flat = (e: (typeof errors)[number], at: string): string[] => [
    ...Object.values(e.constraints ?? {}).map((c) => `${at}${e.property}: ${c}`),
    ...(e.children ?? []).flatMap((c) => flat(c, `${at}${e.property}.`)),
  ];
  return errors.flatMap((e) => flat(e, ''));
}

/** A deep copy of `body` with the value at `at` replaced (or removed, for `undefined`). */
export function withValue(body: object, at: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return copy;
}

export function valueAt(body: object, at: (string | number)[]): unknown {
  return at.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], body);
}

export const pathText = (at: (string | number)[]) => at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');

/** A prerequisite made on demand and made anew once a request has used it up (a draw executed, a notice published). */
export class Fresh<T> {
  private current?: Promise<T>;
  constructor(private readonly make: () => Promise<T>) {}
  get(): Promise<T> {
    this.current ??= this.make().catch((e: unknown) => {
      this.current = undefined;
      throw e;
    });
    return this.current;
  }
  spend(): void {
    this.current = undefined;
  }
}
