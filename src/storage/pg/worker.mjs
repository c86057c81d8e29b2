// The thread that talks to PostgreSQL for the synchronous store ports (see session.ts): it owns each
// database's bounded pool and, during a transaction, the one connection the transaction runs on. The main
// thread waits for each answer (as it waits for SQLite's), so the requests reach this thread one at a time.
import pg from 'pg';
import { runAsWorker } from 'synckit';

// BIGINT (ms instants, counts) as numbers: every value the stores keep is below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/** @type {Map<number, { pool: pg.Pool, tx: pg.PoolClient | undefined, options: any }>} */
const handles = new Map();
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
      const result = await (s.tx ?? s.pool).query({ text: request.sql, values: request.params, rowMode: request.rowMode });
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
    case 'close': {
      const s = handles.get(request.handle);
      if (!s) return {};
      handles.delete(request.handle);
      s.tx?.release(true);
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
