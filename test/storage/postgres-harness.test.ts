import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../fakes/postgres.js';

const unavailable = postgresUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`postgres-harness.test.ts skipped: ${unavailable}`);

describe.runIf(!unavailable || process.env.CI === 'true')('the throw-away PostgreSQL cluster', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  it('gives each test an empty database of its own, on a real server of version 14 or newer', async () => {
    const a = await server.createDatabase();
    const b = await server.createDatabase();
    expect(a).not.toBe(b);
    const client = new pg.Client({ connectionString: a });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string; n: string }>(
        "SELECT current_setting('server_version_num') AS v, (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') AS n",
      );
      expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(140000);
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await client.end();
    }
  });
});
