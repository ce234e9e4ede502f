import { PLATFORM_ENTITIES } from '#platform';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, createTestDatabase, ensureSchema, type TestDatabase } from '#persistence';
import { CONSOLE_ENTITIES, CONSOLE_MIGRATIONS } from '../../apps/console/src/persistence.js';
import { INSPECTION_ENTITIES, INSPECTION_MIGRATIONS } from '../../apps/inspection/src/persistence.js';
import { PLANNING_ENTITIES, PLANNING_MIGRATIONS } from '../../apps/planning/src/persistence.js';
import { PORTAL_ENTITIES, PORTAL_MIGRATIONS } from '../../apps/portal/src/persistence.js';
import { PUBLICATION_ENTITIES, PUBLICATION_MIGRATIONS } from '../../apps/publication/src/persistence.js';

/**
 * Apps never `synchronize` outside tests: their migrations are the schema. Each app's migrations,
 * run on an empty database, must leave nothing for TypeORM's schema diff to do, and must undo cleanly
 * (TypeORM's own bookkeeping tables aside).
 */
const APPS = [
  ['planning', PLANNING_ENTITIES, PLANNING_MIGRATIONS],
  ['inspection', INSPECTION_ENTITIES, INSPECTION_MIGRATIONS],
  ['publication', PUBLICATION_ENTITIES, PUBLICATION_MIGRATIONS],
  ['portal', PORTAL_ENTITIES, PORTAL_MIGRATIONS],
  ['console', CONSOLE_ENTITIES, CONSOLE_MIGRATIONS],
] as const;

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migrations');
  });
  afterAll(() => db?.drop());

  it.each(APPS)('bring an empty %s schema exactly to its entities, and revert', async (schema, entities, migrations) => {
    await ensureSchema(db.url, schema);
    const ds = new DataSource(buildDataSourceOptions({ url: db.url, schema, entities: [...entities, ...PLATFORM_ENTITIES], migrations: [...migrations] }));
    await ds.initialize();
    try {
      const ran = await ds.runMigrations();
      expect(ran).toHaveLength(migrations.length);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration();
      const tables = (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name NOT IN ('migrations', 'typeorm_metadata')`, [schema])) as unknown[];
      expect(tables).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
