import 'reflect-metadata';
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { containsPersonalData, verifyDrawBundle } from '#domain';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { mintLocalToken } from '#auth';
import { InspectionAppModule } from '../../apps/inspection/src/app.module.js';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { PublicationAppModule } from '../../apps/publication/src/app.module.js';
import { licenceFiles2020, penaltyFiles2020, type DecisionFile } from '../../scripts/demo/decisions-2020.js';
import { RECENT_DECISIONS, recentDecisionFiles } from '../../scripts/demo/decisions-recent.js';
import { DEMO_2020_FIGURES, seedDemo, type SeedDemoResult } from '../../scripts/demo/seed-demo.js';
import { verifyDrawCli } from '../../scripts/verify-draw.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { TEST_TODAY } from '../support/test-clock.js';
import { TEST_SECRET, eventually, testPrefix } from '../support/test-env.js';

/**
 * The demo data set through the four real apps over real PostgreSQL and JetStream: the seed loads
 * planning's bureau and its 2020 draws, imports the 2020 decisions into publication, records the
 * 101 inspections in inspection, and the portal's statistics for 2020 come out as the bureau's
 * annual report says. Besides, a few recent decisions (the last ~40 days) show on the portal as
 * current notices, natural persons masked.
 */
describe('the demo data set reproduces the 2020 annual report on the portal', () => {
  const dbs: TestDatabase[] = [];
  let prefix: string;
  let probe: NatsProbe;
  const apps: Record<'planning' | 'inspection' | 'publication' | 'portal', RunningApp> = {} as never;
  let first: SeedDemoResult;
  // The apps' pinned date (CLOCK_START): the recent files end on it, on any day the test runs.
  const today = TEST_TODAY;
  const recent = recentDecisionFiles(today);
  const recentPenalties = recent.filter((f) => f.kind === 'penalty');
  const rowsOf = (files: DecisionFile[]) => files.flatMap((f) => f.csv.split('\n').slice(1).filter((l) => l !== '').map((l) => l.split(',')));

  beforeAll(async () => {
    const [planningDb, inspectionDb, publicationDb, portalDb] = await Promise.all(
      ['e2edemoplan', 'e2edemoinsp', 'e2edemopub', 'e2edemoportal'].map((n) => createTestDatabase(n)),
    );
    dbs.push(planningDb, inspectionDb, publicationDb, portalDb);
    prefix = testPrefix('e2edemo');
    probe = await NatsProbe.connect();
    [apps.planning, apps.inspection, apps.publication, apps.portal] = await Promise.all([
      startTestApp('planning', (c, b) => PlanningAppModule.forRoot(c, b, { outboxPollMs: 50 }), planningDb.url, prefix),
      startTestApp('inspection', (c, b) => InspectionAppModule.forRoot(c, b, { outboxPollMs: 50 }), inspectionDb.url, prefix),
      startTestApp('publication', (c, b) => PublicationAppModule.forRoot(c, b, { outboxPollMs: 50 }), publicationDb.url, prefix),
      startTestApp('portal', (c, b) => PortalAppModule.forRoot(c, b, { outboxPollMs: 50 }), portalDb.url, prefix),
    ]);
    first = await seedDemo({
      planningUrl: apps.planning.url, inspectionUrl: apps.inspection.url, publicationUrl: apps.publication.url, portalUrl: apps.portal.url,
      secret: TEST_SECRET, waitMs: 60_000, today, ...(process.env.DEMO_LOG ? { log: (msg, extra) => console.log(msg, JSON.stringify(extra)) } : {}),
    });
  }, 150_000);

  afterAll(async () => {
    for (const app of Object.values(apps)) await app?.close();
    await probe?.deleteStreams(eventStreamName(prefix), deadLetterStreamName(prefix));
    await probe?.close();
    await Promise.all(dbs.map((d) => d.drop()));
  }, 30_000);

  const admin = () => mintLocalToken({ secret: TEST_SECRET, issuer: 'spotcheck', audience: 'spotcheck', sub: 'e2e-admin', roles: ['admin'] });
  const get = async <T>(url: string, token?: string): Promise<T> => {
    const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('shows the annual report’s figures for 2020', () => {
    const s = first.statistics;
    expect(s.licenceDecisions).toBe(DEMO_2020_FIGURES.licenceDecisions);
    expect(s.penaltyDecisions).toBe(DEMO_2020_FIGURES.penaltyDecisions);
    expect(s.spotChecks).toMatchObject({ total: 101, immediate: 88, random: 13, mobile: 101, publishedOnTime: 101 });
    expect(s.items).toMatchObject({ covered: 13, categories: ['一般', '重点'], listed: 13, coveredListed: 13 });
    expect(s.tasks.executed).toBe(3);
    expect(s.tasks.completed).toBe(3);
    expect(s.tasks.assignments).toBe(13);
    expect(s.tasks.inspectorsDrawn).toBeGreaterThanOrEqual(20);
    expect(s.rates).toEqual({ taskCompletion: 1, resultPublication: 1, mobileEnforcement: 1, itemCoverage: 1 });
    expect(first.done).toMatchObject({ decisionsImported: 253 + 18, inspectionsOpened: 88, resultsConfirmed: 101 });
  });

  it('keeps the 2020 decisions apart from the recent ones: 236 and 17 decided in 2020, 12 and 6 since', async () => {
    const total = async (q: string) => (await get<{ total: number }>(`${apps.publication.url}/decisions?${q}&limit=1`, await admin())).total;
    expect(await total('kind=licence&year=2020')).toBe(236);
    expect(await total('kind=penalty&year=2020')).toBe(17);
    expect(await total('kind=licence')).toBe(236 + RECENT_DECISIONS.licences);
    expect(await total('kind=penalty')).toBe(17 + RECENT_DECISIONS.penalties);
    // The recent files: 12 licences over the licensing units, 6 penalties (2 natural persons), decided
    // on working days of the last 40 days and published 1–3 working days later, never after today.
    expect(recent.filter((f) => f.kind === 'licence').reduce((n, f) => n + f.rows, 0)).toBe(12);
    expect(recentPenalties.reduce((n, f) => n + f.rows, 0)).toBe(6);
    const fortyDaysAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 40 * 86_400_000).toISOString().slice(0, 10);
    for (const row of rowsOf(recentPenalties)) {
      const [decided, published] = [row[12], row[19]];
      expect(decided >= fortyDaysAgo && decided < today).toBe(true);
      expect(published > decided && published <= today).toBe(true);
      expect(row[17]).toBe('普通程序');
    }
    expect(rowsOf(recentPenalties).filter((r) => r[1] === '自然人')).toHaveLength(2);
    // No credit code or document number of theirs is a 2020 one.
    const codes2020 = new Set(rowsOf([...licenceFiles2020(), ...penaltyFiles2020()]).map((r) => r[2]).filter(Boolean));
    const recentCodes = rowsOf(recent).map((r) => r[2]).filter(Boolean);
    expect(recentCodes.length).toBeGreaterThan(0);
    expect(recentCodes.filter((c) => codes2020.has(c))).toEqual([]);
    const numbers2020 = new Set([...licenceFiles2020(), ...penaltyFiles2020()].flatMap((f) => f.documentNumbers));
    expect(recent.flatMap((f) => f.documentNumbers).filter((n) => numbers2020.has(n))).toEqual([]);
  });

  it('drew in 2020, and every draw verifies from its published bundle (version 1, published before bundles were versioned) with the library and the CLI', async () => {
    const draws = await get<{ id: string; announcedAt: string; executedAt: string; revealedAt: string; witnessRole: string; bundleVersion: number }[]>(`${apps.planning.url}/public/draws`);
    expect(draws).toHaveLength(3);
    const dir = mkdtempSync(path.join(tmpdir(), 'demo-draws-'));
    for (const d of draws) {
      expect(d.announcedAt.slice(0, 4)).toBe('2020');
      expect(d.executedAt.slice(0, 4)).toBe('2020');
      expect(d.revealedAt.slice(0, 4)).toBe('2020');
      expect(d.bundleVersion).toBe(1);
      const bundle = await get<{ version: number }>(`${apps.planning.url}/public/draws/${d.id}/bundle`);
      expect(bundle.version).toBe(1);
      const verification = verifyDrawBundle(bundle);
      expect(verification).toEqual({ valid: true, differences: [] });
      const file = path.join(dir, `${d.id}.json`);
      writeFileSync(file, JSON.stringify(bundle));
      const out: string[] = [];
      expect(await verifyDrawCli([file], { out: (line) => out.push(line), err: (line) => out.push(line) })).toBe(0);
      expect(out[0]).toBe('VALID');
      // The portal serves exactly the bundle planning published.
      const served = await eventually(async () => {
        const res = await fetch(`${apps.portal.url}/api/v1/draws/${d.id}/bundle`);
        return res.ok ? ((await res.json()) as unknown) : undefined;
      }, 15_000, `portal bundle of ${d.id}`);
      expect(served).toEqual(bundle);
    }
  });

  it('publishes natural persons’ penalties with the name masked and no ID number or phone', async () => {
    type Payload = { partyKind: string; partyName: string; creditCode?: string; body: string; fields: Record<string, unknown> };
    const notices = await get<{ items: { payload: Payload | null }[] }>(`${apps.publication.url}/notices?kind=penalty&limit=100`, await admin());
    expect(notices.items).toHaveLength(17 + RECENT_DECISIONS.penalties);
    const payloads = notices.items.map((n) => n.payload!);
    expect(containsPersonalData(JSON.stringify(payloads))).toBe(false);
    // The CSV names the people and pastes an ID number and a phone into 违法事实.
    const rows = rowsOf([...penaltyFiles2020(), ...recentPenalties]).filter((r) => r[1] === '自然人');
    expect(rows.length).toBeGreaterThan(RECENT_DECISIONS.naturalPersonPenalties);
    const people = payloads.filter((p) => p.partyKind === '自然人');
    expect(people).toHaveLength(rows.length);
    for (const p of people) {
      const name = rows.find((r) => p.partyName === `${r[0][0]}${'*'.repeat(r[0].length - 1)}`)?.[0];
      expect(name).toBeDefined();
      expect(p.creditCode).toBeUndefined();
      expect(JSON.stringify(p)).not.toContain(name!);
      expect(String(p.fields['违法事实'])).toMatch(/身份证号\*{18}，联系电话\*{11}/);
    }
    // Licences to farmers carry their ID numbers in the import (身份证号): never in a notice.
    const licences = await get<{ total: number; items: { payload: unknown }[] }>(`${apps.publication.url}/notices?kind=licence&limit=500`, await admin());
    expect(licences.items).toHaveLength(236 + RECENT_DECISIONS.licences);
    expect(containsPersonalData(JSON.stringify(licences.items.map((n) => n.payload)))).toBe(false);
  });

  it('shows the recent penalties on the portal, and only them, with natural persons masked', async () => {
    type Summary = { id: string; documentNumber: string | null; partyName: string; decisionDate: string | null };
    type Detail = Summary & { partyKind: string | null; creditCode: string | null; displayUntil: string | null; fields: Record<string, unknown>; body: string };
    const wanted = recentPenalties.flatMap((f) => f.documentNumbers).sort();
    // The 2020 penalties are past their display period: the public list has exactly the recent ones.
    const list = await eventually(async () => {
      const res = await fetch(`${apps.portal.url}/api/v1/notices?kind=penalty&limit=100`);
      if (res.status !== 200) return undefined;
      const page = (await res.json()) as { items: Summary[] };
      return JSON.stringify(page.items.map((n) => n.documentNumber).sort()) === JSON.stringify(wanted) ? page : undefined;
    }, 20_000, 'the recent penalties on the portal');
    expect(list.items).toHaveLength(RECENT_DECISIONS.penalties);
    expect(list.items.every((n) => n.decisionDate !== null && n.decisionDate.slice(0, 4) !== '2020')).toBe(true);
    const details = await Promise.all(list.items.map((n) => get<Detail>(`${apps.portal.url}/api/v1/notices/${n.id}`)));
    for (const d of details) expect(d.displayUntil === null || d.displayUntil > today).toBe(true);
    const rows = rowsOf(recentPenalties);
    const people = details.filter((d) => d.partyKind === '自然人');
    expect(people).toHaveLength(RECENT_DECISIONS.naturalPersonPenalties);
    for (const p of people) {
      const row = rows.find((r) => r[4] === p.documentNumber)!;
      expect(row[1]).toBe('自然人');
      const [name, id] = [row[0], row[18]];
      expect(p.partyName).toBe(`${name[0]}${'*'.repeat(name.length - 1)}`);
      expect(p.partyName).toMatch(/^[\u4e00-\u9fff]\*+$/);
      expect(list.items.find((n) => n.id === p.id)!.partyName).toBe(p.partyName);
      expect(p.creditCode).toBeNull();
      expect(String(p.fields['违法事实'])).toMatch(/身份证号\*{18}，联系电话\*{11}/);
      expect(JSON.stringify(p)).not.toContain(name);
      expect(JSON.stringify(p)).not.toContain(id);
    }
    // The organisations keep their names and credit codes.
    for (const d of details.filter((x) => x.partyKind !== '自然人')) {
      const row = rows.find((r) => r[4] === d.documentNumber)!;
      expect(d.partyName).toBe(row[0]);
      expect(d.creditCode).toBe(row[2]);
    }
    expect(containsPersonalData(JSON.stringify(list))).toBe(false);
    expect(containsPersonalData(JSON.stringify(details))).toBe(false);
    // The recent licences are public too (the farmer's ID number never).
    const licences = await get<{ items: Summary[] }>(`${apps.portal.url}/api/v1/notices?kind=licence&limit=100`);
    const recentLicenceNumbers = new Set(recent.filter((f) => f.kind === 'licence').flatMap((f) => f.documentNumbers));
    expect(licences.items.filter((n) => recentLicenceNumbers.has(n.documentNumber ?? ''))).toHaveLength(RECENT_DECISIONS.licences);
    expect(containsPersonalData(JSON.stringify(licences))).toBe(false);
  });

  it('is safe to run again: nothing is entered twice', async () => {
    const again = await seedDemo({
      planningUrl: apps.planning.url, inspectionUrl: apps.inspection.url, publicationUrl: apps.publication.url, portalUrl: apps.portal.url,
      secret: TEST_SECRET, waitMs: 10_000, today,
    });
    expect(again.done).toEqual({ planningSteps: 0, decisionsImported: 0, inspectionsOpened: 0, resultsConfirmed: 0 });
    const immediate = await get<{ total: number }>(`${apps.inspection.url}/assignments?kind=immediate&pageSize=1`, await admin());
    expect(immediate.total).toBe(88);
    expect(again.statistics.spotChecks.total).toBe(101);
    expect(again.statistics).toMatchObject({ licenceDecisions: 236, penaltyDecisions: 17 });
    const total = async (q: string) => (await get<{ total: number }>(`${apps.publication.url}/decisions?${q}&limit=1`, await admin())).total;
    expect(await total('kind=licence')).toBe(236 + RECENT_DECISIONS.licences);
    expect(await total('kind=penalty')).toBe(17 + RECENT_DECISIONS.penalties);
  }, 30_000);

  it('run on a later day across a year boundary, adds only the decisions it does not have, once', async () => {
    // Early January: the recent decisions span two years; their numbers of this year are the first run's.
    const year = Number(today.slice(0, 4));
    const later = `${year}-01-06` <= today ? `${year}-01-06` : `${year - 1}-01-06`;
    const files = recentDecisionFiles(later);
    expect(files.some((f) => f.years.length === 2)).toBe(true);
    const key = (f: DecisionFile, n: string) => `${f.department}|${f.kind}|${n}`;
    const have = new Set(recent.flatMap((f) => f.documentNumbers.map((n) => key(f, n))));
    const fresh = files.flatMap((f) => f.documentNumbers.map((n) => key(f, n))).filter((k) => !have.has(k));
    expect(fresh.length).toBeGreaterThan(0);
    const run = () => seedDemo({
      planningUrl: apps.planning.url, inspectionUrl: apps.inspection.url, publicationUrl: apps.publication.url, portalUrl: apps.portal.url,
      secret: TEST_SECRET, waitMs: 10_000, today: later,
    });
    expect((await run()).done.decisionsImported).toBe(fresh.length);
    const again = await run();
    expect(again.done).toEqual({ planningSteps: 0, decisionsImported: 0, inspectionsOpened: 0, resultsConfirmed: 0 });
    expect(again.statistics).toMatchObject({ licenceDecisions: 236, penaltyDecisions: 17 });
    const total = async (q: string) => (await get<{ total: number }>(`${apps.publication.url}/decisions?${q}&limit=1`, await admin())).total;
    const before = recent.reduce((n, f) => n + f.rows, 0);
    expect((await total('kind=licence')) + (await total('kind=penalty'))).toBe(236 + 17 + before + fresh.length);
  }, 40_000);
});
