import 'reflect-metadata';
import { deadLetterStreamName, eventStreamName } from '#contracts';
import { containsPersonalData, verifyDrawBundle } from '#domain';
import { createTestDatabase, type TestDatabase } from '#persistence';
import type { RunningApp } from '#platform';
import { mintLocalToken } from '#auth';
import { InspectionAppModule } from '../../apps/inspection/src/app.module.js';
import { PlanningAppModule } from '../../apps/planning/src/app.module.js';
import { PortalAppModule } from '../../apps/portal/src/app.module.js';
import { PublicationAppModule } from '../../apps/publication/src/app.module.js';
import { penaltyFiles2020 } from '../../scripts/demo/decisions-2020.js';
import { DEMO_2020_FIGURES, seedDemo, type SeedDemoResult } from '../../scripts/demo/seed-demo.js';
import { NatsProbe } from '../support/nats-probe.js';
import { startTestApp } from '../support/start-test-app.js';
import { TEST_SECRET, testPrefix } from '../support/test-env.js';

/**
 * The demo data set through the four real apps over real PostgreSQL and JetStream: the seed loads
 * planning's bureau and its 2020 draws, imports the 2020 decisions into publication, records the
 * 101 inspections in inspection, and the portal's statistics for 2020 come out as the bureau's
 * annual report says.
 */
describe('the demo data set reproduces the 2020 annual report on the portal', () => {
  const dbs: TestDatabase[] = [];
  let prefix: string;
  let probe: NatsProbe;
  const apps: Record<'planning' | 'inspection' | 'publication' | 'portal', RunningApp> = {} as never;
  let first: SeedDemoResult;

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
      secret: TEST_SECRET, waitMs: 60_000, ...(process.env.DEMO_LOG ? { log: (msg, extra) => console.log(msg, JSON.stringify(extra)) } : {}),
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
    expect(first.done).toMatchObject({ decisionsImported: 253, inspectionsOpened: 88, resultsConfirmed: 101 });
  });

  it('drew in 2020, and every draw verifies from its published bundle', async () => {
    const draws = await get<{ id: string; announcedAt: string; executedAt: string; revealedAt: string; witnessRole: string }[]>(`${apps.planning.url}/public/draws`);
    expect(draws).toHaveLength(3);
    for (const d of draws) {
      expect(d.announcedAt.slice(0, 4)).toBe('2020');
      expect(d.executedAt.slice(0, 4)).toBe('2020');
      expect(d.revealedAt.slice(0, 4)).toBe('2020');
      const verification = verifyDrawBundle(await get(`${apps.planning.url}/public/draws/${d.id}/bundle`));
      expect(verification).toEqual({ valid: true, differences: [] });
    }
  });

  it('publishes natural persons’ penalties with the name masked and no ID number or phone', async () => {
    type Payload = { partyKind: string; partyName: string; creditCode?: string; body: string; fields: Record<string, unknown> };
    const notices = await get<{ items: { payload: Payload | null }[] }>(`${apps.publication.url}/notices?kind=penalty&limit=100`, await admin());
    expect(notices.items).toHaveLength(17);
    const payloads = notices.items.map((n) => n.payload!);
    expect(containsPersonalData(JSON.stringify(payloads))).toBe(false);
    // The CSV names the people and pastes an ID number and a phone into 违法事实.
    const rows = penaltyFiles2020()[0].csv.split('\n').slice(1).filter((l) => l.includes(',自然人,')).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(0);
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
    expect(licences.items).toHaveLength(236);
    expect(containsPersonalData(JSON.stringify(licences.items.map((n) => n.payload)))).toBe(false);
  });

  it('is safe to run again: nothing is entered twice', async () => {
    const again = await seedDemo({
      planningUrl: apps.planning.url, inspectionUrl: apps.inspection.url, publicationUrl: apps.publication.url, portalUrl: apps.portal.url,
      secret: TEST_SECRET, waitMs: 10_000,
    });
    expect(again.done).toEqual({ planningSteps: 0, decisionsImported: 0, inspectionsOpened: 0, resultsConfirmed: 0 });
    const immediate = await get<{ total: number }>(`${apps.inspection.url}/assignments?kind=immediate&pageSize=1`, await admin());
    expect(immediate.total).toBe(88);
    expect(again.statistics.spotChecks.total).toBe(101);
  }, 30_000);
});
