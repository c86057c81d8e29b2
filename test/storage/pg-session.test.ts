import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgLedgerStore } from '../../src/ledger/pg-store.js';
import { defaultPgOptions, openPg, PgError } from '../../src/storage/pg/session.js';
import { openPgStores } from '../../src/stores.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../fakes/postgres.js';

/** The synchronous bridge to PostgreSQL: transactions, conflicts, a lost connection, timeouts. */

const unavailable = postgresUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`pg-session.test.ts skipped: ${unavailable}`);

describe.runIf(!unavailable || process.env.CI === 'true')('the PostgreSQL session', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  it('commits a transaction whole or not at all, and a nested call joins it', async () => {
    const db = openPg(defaultPgOptions(await server.createDatabase()));
    try {
      db.run('CREATE TABLE t (k TEXT PRIMARY KEY)');
      expect(() =>
        db.transaction(() => {
          db.run("INSERT INTO t VALUES ('a')");
          db.transaction(() => db.run("INSERT INTO t VALUES ('b')"));
          db.run("INSERT INTO t VALUES ('a')"); // a duplicate: the whole transaction goes
        }),
      ).toThrow(expect.objectContaining({ code: '23505' }));
      expect(db.inTransaction).toBe(false);
      expect(db.all('SELECT k FROM t')).toEqual([]);
      db.transaction(() => db.run("INSERT INTO t VALUES ('c')"));
      expect(db.all('SELECT k FROM t')).toEqual([{ k: 'c' }]);
    } finally {
      db.close();
    }
  });

  it('reruns a SERIALIZABLE transaction that lost a conflict with another process, so the audit never records a stale "from"', async () => {
    const url = await server.createDatabase();
    const a = openPgStores(defaultPgOptions(url));
    const b = openPgStores(defaultPgOptions(url));
    try {
      a.ledger.saveStates([{ id: 'MX', name: 'Mexico', aliases: [] }], (s) => s);
      const q = { label: '1', ordinal: 1, text: 'Q?', askedBy: [], scope: 'state' as const, duringEvent: false, section: null };
      a.ledger.saveLetter({ letter: 'L', title: 'T', date: null, sender: null, states: ['MX'], deadline: null, deadlineText: null, questions: [q] }, 'UTC', 'x', 't0');
      // Inside a's transaction, after it read the previous status, b records another one and commits.
      let interleaved = false;
      const store = new PgLedgerStore(a.pg!);
      const realGet = a.pg!.get.bind(a.pg!);
      a.pg!.get = ((sql: string, params?: unknown[]) => {
        const row = realGet(sql, params);
        if (!interleaved && sql.startsWith('SELECT status FROM responses')) {
          interleaved = true;
          b.ledger.recordResponses({ letter: 'L', stateId: 'MX', labels: ['1'], status: 'partial', note: null, actor: 'b', at: 't1' });
        }
        return row;
      }) as typeof realGet;
      store.recordResponses({ letter: 'L', stateId: 'MX', labels: ['1'], status: 'answered', note: null, actor: 'a', at: 't2' });
      expect(interleaved).toBe(true);
      expect(b.ledger.history('L', 'MX', '1').filter((h) => h.action !== 'track').map((h) => [h.actor, h.detail.from])).toEqual([
        ['b', 'outstanding'],
        ['a', 'partial'],
      ]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('carries on after the server dropped its connections (a restart, a failover): the next statement reconnects', async () => {
    const url = await server.createDatabase();
    const stores = openPgStores(defaultPgOptions(url));
    const admin = openPg(defaultPgOptions(server.adminUrl));
    try {
      stores.kv.set('k', '1');
      const dropped = admin.get<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [new URL(url).pathname.slice(1)]);
      expect(dropped!.n).toBeGreaterThan(0);
      expect(stores.kv.get('k')).toBe('1');
      stores.kv.set('k', '2');
      expect(stores.kv.get('k')).toBe('2');
    } finally {
      stores.close();
      admin.close();
    }
  });

  it('fails a statement that runs past the timeout, with the server\'s code, and stays usable', async () => {
    const db = openPg({ ...defaultPgOptions(await server.createDatabase()), statementTimeoutMs: 200 });
    try {
      let err: unknown;
      try {
        db.get('SELECT pg_sleep(5)');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PgError);
      expect((err as PgError).code).toBe('57014');
      expect(db.get<{ one: number }>('SELECT 1 AS one')).toEqual({ one: 1 });
    } finally {
      db.close();
    }
  });

  it('gives an advisory lock to one process at a time, and frees it when its holder closes or loses its connection', async () => {
    const url = await server.createDatabase();
    const a = openPg(defaultPgOptions(url));
    const b = openPg(defaultPgOptions(url));
    const admin = openPg(defaultPgOptions(server.adminUrl));
    try {
      expect(a.tryLock(42)).toBe(true);
      expect(a.tryLock(42)).toBe(true); // its holder asking again (held once: one unlock frees it)
      expect(b.tryLock(42)).toBe(false);
      expect(a.holdsLock(42)).toBe(true);
      expect(b.holdsLock(42)).toBe(false);
      a.unlock(42);
      expect(b.tryLock(42)).toBe(true);
      // b's lock connection is dropped (a network cut, a server restart): the server frees the lock, b knows.
      admin.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pledgewatch (locks)' AND datname = $1", [new URL(url).pathname.slice(1)]);
      expect(b.holdsLock(42)).toBe(false);
      expect(a.tryLock(42)).toBe(true);
    } finally {
      a.close();
      b.close();
      admin.close();
    }
  });
});
