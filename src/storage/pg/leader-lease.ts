import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';

/**
 * "Only one replica at a time does this" (Matrix: one replica syncs and sends), as a PostgreSQL session-level
 * advisory lock held on a connection of its own (not the stores' pool: a session lock belongs to the
 * connection that took it). The lock is the lease:
 * - a replica that holds it checks its connection every `checkMs`; a check that fails or takes longer than
 *   `checkMs` (the server gone, the network cut) ends the lease here at once, before the server can give the
 *   lock to another replica (it frees it only when it sees the session end);
 * - a replica killed, or its connection cut, loses the lock with its session: the server ends a dead session
 *   within about 25 s (TCP keep-alives asked for below; a killed process's socket is closed at once), and a
 *   waiting replica, trying every `checkMs`, takes over;
 * - a replica that does not hold it tries again every `checkMs`.
 * `onChange` is told each time this replica becomes the leader (true) or stops being it (false), in order;
 * the next change waits until the previous `onChange` settled (an adapter fully stopped before it starts again).
 */
export interface LeaderLease {
  /** whether this replica holds the lease now */
  isLeader(): boolean;
  /** since when (ms) this replica holds it, or undefined */
  since(): number | undefined;
  /** gives the lease up (if held) and stops trying */
  stop(): Promise<void>;
}

export interface LeaderLeaseOptions {
  url: string;
  /** what the lease is for ("matrix:@bot:example.org"): one lock per name */
  name: string;
  /** how often the holder checks its connection and the others try to take it (default 5 s) */
  checkMs?: number;
  logger: Logger;
  onChange: (leader: boolean) => Promise<void> | void;
  /** shown in pg_stat_activity */
  applicationName?: string;
}

/** The advisory lock's key: 64 bits of the name's SHA-256, as a signed bigint. */
export const leaseKey = (name: string): string => createHash('sha256').update(`pledgewatch-lease:${name}`).digest().readBigInt64BE(0).toString();

export function startLeaderLease(options: LeaderLeaseOptions): LeaderLease {
  const checkMs = options.checkMs ?? 5_000;
  const key = leaseKey(options.name);
  const log = options.logger.child({ module: 'leader-lease', lease: options.name.split(':')[0] });
  let client: pg.Client | undefined;
  let leaderSince: number | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let changes: Promise<void> = Promise.resolve();
  let round: Promise<void> | undefined;

  const announce = (leader: boolean) => {
    changes = changes.then(async () => {
      try {
        await options.onChange(leader);
      } catch (err) {
        log.error({ code: (err as { code?: string }).code, leader }, 'could not act on a change of leader');
      }
    });
  };

  const drop = (why: string) => {
    const c = client;
    client = undefined;
    if (c) c.end().catch(() => undefined);
    if (leaderSince !== undefined) {
      leaderSince = undefined;
      log.warn({ why }, 'no longer the leader');
      announce(false);
    }
  };

  /** `sql` on the lease's connection, failing after `checkMs` (the connection is then dropped). */
  const ask = async (c: pg.Client, sql: string, params: unknown[] = []) => {
    let t: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        c.query(sql, params),
        new Promise<never>((_, reject) => (t = setTimeout(() => reject(Object.assign(new Error('lease check timed out'), { code: 'PW_LEASE_TIMEOUT' })), Math.max(checkMs, 1_000)))),
      ]);
    } finally {
      clearTimeout(t);
    }
  };

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: Math.max(checkMs, 2_000),
      application_name: options.applicationName ?? 'pledgewatch-lease',
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    c.on('error', (err) => {
      if (client === c) drop((err as { code?: string }).code ?? 'connection error');
    });
    c.on('end', () => {
      if (client === c) drop('connection ended');
    });
    await c.connect();
    // The server notices a replica whose host vanished (no FIN) within about 10 + 5 × 3 s, and frees its lock.
    await c.query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3');
    return c;
  }

  async function once(): Promise<void> {
    try {
      if (!client) client = await connect();
      const c = client;
      if (leaderSince !== undefined) {
        await ask(c, 'SELECT 1');
        return;
      }
      const got = await ask(c, 'SELECT pg_try_advisory_lock($1::bigint) AS got', [key]);
      if (stopped || client !== c) return;
      if (got.rows[0]?.got === true) {
        leaderSince = Date.now();
        log.info('became the leader');
        announce(true);
      }
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'error';
      if (leaderSince !== undefined) drop(code);
      else {
        log.debug({ code }, 'could not reach the database to try the lease');
        const c = client;
        client = undefined;
        c?.end().catch(() => undefined);
      }
    }
  }

  const loop = () => {
    if (stopped) return;
    round = once().finally(() => {
      round = undefined;
      if (!stopped) timer = setTimeout(loop, checkMs);
    });
  };
  loop();

  return {
    isLeader: () => leaderSince !== undefined,
    since: () => leaderSince,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      const wasLeader = leaderSince !== undefined;
      const c = client;
      client = undefined;
      leaderSince = undefined;
      if (wasLeader) {
        announce(false);
        // The adapter stops before the lock is given back: no moment with two replicas syncing.
        await changes;
        await c?.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
      }
      await changes;
      await c?.end().catch(() => undefined);
    },
  };
}
