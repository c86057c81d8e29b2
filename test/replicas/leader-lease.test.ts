import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging.js';
import { leaseKey, startLeaderLease, type LeaderLease } from '../../src/storage/pg/leader-lease.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../fakes/postgres.js';

const unavailable = postgresUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`leader-lease.test.ts skipped: ${unavailable}`);

/** Resolves once `probe` is true, checking at every change the leases report and every 20 ms. */
async function until(probe: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(!unavailable || process.env.CI === 'true')('the leader lease (a PostgreSQL advisory lock on a connection of its own)', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  /** Three replicas' leases; `running` is how many adapters run at this moment (started, not yet stopped). */
  async function three(url: string) {
    let running = 0;
    let most = 0;
    const changes: string[] = [];
    const leases: LeaderLease[] = [];
    for (let i = 0; i < 3; i++) {
      leases.push(
        startLeaderLease({
          url,
          name: 'matrix:@bot:test',
          checkMs: 150,
          logger: silentLogger(),
          onChange: async (leader) => {
            changes.push(`${i}:${leader}`);
            // An adapter takes a while to start and to stop: the next change waits for this one.
            await new Promise((r) => setTimeout(r, 30));
            running += leader ? 1 : -1;
            most = Math.max(most, running);
          },
        }),
      );
    }
    return { leases, changes, leaders: () => leases.filter((l) => l.isLeader()).length, running: () => running, most: () => most };
  }

  it('one replica leads; when it stops, another takes over, and two never run at once', async () => {
    const r = await three(await server.createDatabase());
    await until(() => r.leaders() === 1 && r.running() === 1, 'a leader');
    for (let round = 0; round < 3; round++) {
      const leader = r.leases.find((l) => l.isLeader())!;
      await leader.stop();
      r.leases.splice(r.leases.indexOf(leader), 1);
      if (!r.leases.length) break;
      await until(() => r.leaders() === 1 && r.running() === 1, `a new leader (round ${round})`);
    }
    expect(r.most()).toBe(1);
    expect(r.changes.filter((c) => c.endsWith(':true'))).toHaveLength(3);
  });

  it('a leader whose connection is cut (its session ended by the server) stops leading, and another takes over', async () => {
    const url = await server.createDatabase();
    const r = await three(url);
    await until(() => r.leaders() === 1, 'a leader');
    const first = r.leases.find((l) => l.isLeader())!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // The session holding the lock, found by the lock's key, is ended as a crash or a network cut would.
      const key = BigInt(leaseKey('matrix:@bot:test'));
      const hi = Number((key >> 32n) & 0xffffffffn);
      const lo = Number(key & 0xffffffffn);
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = $1 AND objid::bigint = $2`,
        [hi, lo],
      );
      expect(killed.rows).toEqual([{ ok: true }]);
    } finally {
      await admin.end();
    }
    await until(() => !first.isLeader(), 'the cut leader to step down');
    await until(() => r.leaders() === 1 && r.running() === 1, 'a leader again');
    for (const l of r.leases) await l.stop();
    expect(r.running()).toBe(0);
  });
});
