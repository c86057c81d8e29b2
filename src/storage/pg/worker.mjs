// The thread that talks to PostgreSQL for the synchronous store ports (see session.ts): it owns each
// database's bounded pool and, during a transaction, the one connection the transaction runs on. The main
// thread waits for each answer (as it waits for SQLite's), so the requests reach this thread one at a time.
import pg from 'pg';
import { runAsWorker } from 'synckit';

// BIGINT (ms instants, counts) as numbers: every value the stores keep is below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/** @type {Map<number, { pool: pg.Pool, tx: pg.PoolClient | undefined, locks?: { client: pg.Client, held: Set<number> }, options: any }>} */
const handles = new Map();
/** admin_shutdown, crash_shutdown, cannot_connect_now: the server ended the session; nothing of the statement was committed. */
const SESSION_ENDED = new Set(['57P01', '57P02', '57P03']);
let nextHandle = 1;

const failure = (err) => ({ error: { message: err instanceof Error ? err.message : String(err), code: err?.code, severity: err?.severity } });

function handle(h) {
  const found = handles.get(h);
  if (!found) throw Object.assign(new Error('the PostgreSQL store is closed'), { code: 'PW_PG_CLOSED' });
  return found;
}

async function op(request) {
  switch (request.op) {
    case 'open': {
      const o = request.options;
      const pool = new pg.Pool({
        connectionString: o.url,
        max: o.poolMax,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: o.connectTimeoutMs,
        statement_timeout: o.statementTimeoutMs,
        lock_timeout: o.lockTimeoutMs,
        idle_in_transaction_session_timeout: o.idleInTransactionMs,
        application_name: o.applicationName,
      });
      // An idle connection the server dropped (restart, failover) is discarded; the next query opens another.
      pool.on('error', () => undefined);
      const h = nextHandle++;
      handles.set(h, { pool, tx: undefined, options: o });
      // Fail at open, not at the first command, when the server cannot be reached.
      const client = await pool.connect().catch((err) => {
        handles.delete(h);
        void pool.end();
        throw err;
      });
      client.release();
      return { handle: h };
    }
    case 'query': {
      const s = handle(request.handle);
      const run = () => (s.tx ?? s.pool).query({ text: request.sql, values: request.params, rowMode: request.rowMode });
      let result;
      try {
        result = await run();
      } catch (err) {
        // The server ended the session (a restart, a failover, an administrator) before this statement ran or
        // while it ran uncommitted: outside a transaction it is sent again once, on a fresh connection. A
        // connection cut without a word from the server is not retried (a write may have been committed).
        if (s.tx || !SESSION_ENDED.has(err?.code)) throw err;
        result = await run();
      }
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    }
    case 'begin': {
      const s = handle(request.handle);
      if (s.tx) throw new Error('a transaction is already open');
      const client = await s.pool.connect();
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${request.isolation}`);
        if (request.local) for (const setting of request.local) await client.query(setting);
      } catch (err) {
        client.release(true);
        throw err;
      }
      s.tx = client;
      return {};
    }
    case 'commit':
    case 'rollback': {
      const s = handle(request.handle);
      const client = s.tx;
      if (!client) return {};
      s.tx = undefined;
      try {
        await client.query(request.op === 'commit' ? 'COMMIT' : 'ROLLBACK');
        client.release();
      } catch (err) {
        // A connection that failed here is not given back to the pool.
        client.release(true);
        throw err;
      }
      return {};
    }
    case 'try-lock': {
      // Session-level advisory locks live on a connection of their own, outside the pool, held as long as
      // the process wants them: if that connection drops, the server frees them (another process may take them).
      const s = handle(request.handle);
      if (s.locks && !(await s.locks.client.query('SELECT 1').then(() => true, () => false))) {
        // its connection dropped: the locks it held are free now (maybe taken by another process)
        void s.locks.client.end().catch(() => undefined);
        s.locks = undefined;
      }
      if (!s.locks) {
        const o = s.options;
        const client = new pg.Client({ connectionString: o.url, connectionTimeoutMillis: o.connectTimeoutMs, statement_timeout: o.statementTimeoutMs, application_name: `${o.applicationName} (locks)` });
        client.on('error', () => undefined);
        client.on('end', () => {
          if (s.locks?.client === client) s.locks = undefined;
        });
        await client.connect();
        s.locks = { client, held: new Set() };
      }
      if (s.locks.held.has(request.key)) return { ok: true }; // held once, however often asked
      const { rows } = await s.locks.client.query('SELECT pg_try_advisory_lock($1) AS ok', [request.key]);
      if (rows[0].ok) s.locks.held.add(request.key);
      return { ok: rows[0].ok };
    }
    case 'holds-lock': {
      const s = handle(request.handle);
      if (!s.locks?.held.has(request.key)) return { ok: false };
      try {
        await s.locks.client.query('SELECT 1');
        return { ok: true };
      } catch {
        const client = s.locks.client;
        s.locks = undefined;
        void client.end().catch(() => undefined);
        return { ok: false };
      }
    }
    case 'unlock': {
      const s = handle(request.handle);
      if (!s.locks?.held.has(request.key)) return { ok: false };
      s.locks.held.delete(request.key);
      await s.locks.client.query('SELECT pg_advisory_unlock($1)', [request.key]);
      return { ok: true };
    }
    case 'close': {
      const s = handles.get(request.handle);
      if (!s) return {};
      handles.delete(request.handle);
      s.tx?.release(true);
      await s.locks?.client.end().catch(() => undefined);
      await s.pool.end();
      return {};
    }
    default:
      throw new Error(`unknown request ${request.op}`);
  }
}

runAsWorker(async (request) => {
  try {
    return { ok: await op(request) };
  } catch (err) {
    return failure(err);
  }
});
