import { createSyncFn } from 'synckit';

/**
 * PostgreSQL behind the same synchronous store ports as SQLite. The ports are synchronous (better-sqlite3
 * answers at once, and the planner, the ledger and the library run whole transactions of reads and writes
 * without awaiting); here a worker thread (worker.mjs) owns the `pg` pool and the main thread waits for each
 * answer, bounded by the statement timeout. The event loop waits for one round trip to the server per
 * statement, as it waits for the disk with SQLite: a server on the same network is assumed.
 */

export type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface PgOptions {
  url: string;
  /** the largest number of connections this process opens (a transaction holds one) */
  poolMax: number;
  /** a connection attempt that takes longer fails */
  connectTimeoutMs: number;
  /** a statement that runs longer is cancelled by the server */
  statementTimeoutMs: number;
  /** waiting longer than this for a row lock fails the statement */
  lockTimeoutMs: number;
  /** a transaction left open longer than this (a hung process) is ended by the server */
  idleInTransactionMs: number;
  applicationName: string;
}

export const defaultPgOptions = (url: string): PgOptions => ({
  url,
  poolMax: 4,
  connectTimeoutMs: 10_000,
  statementTimeoutMs: 30_000,
  lockTimeoutMs: 10_000,
  idleInTransactionMs: 60_000,
  applicationName: 'pledgewatch',
});

/** A PostgreSQL error as the stores see it: the server's SQLSTATE in `code` (23505 unique violation, …). */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'PgError';
  }
}

export interface TransactionOptions {
  isolation?: Isolation;
  /**
   * What the transaction writes can be derived again (planned reminder rows, delivery records a redelivery
   * restores): committed without waiting for the server's disk (synchronous_commit = off).
   */
  derived?: boolean;
}

/** One PostgreSQL database, as the stores use it: statements with $1… parameters, and transactions. */
export interface PgSession {
  all<R = Record<string, unknown>>(sql: string, params?: unknown[]): R[];
  get<R = Record<string, unknown>>(sql: string, params?: unknown[]): R | undefined;
  /** runs a statement; the number of rows it changed */
  run(sql: string, params?: unknown[]): number;
  /**
   * Runs `fn` as one transaction on one connection (a call inside another transaction joins it). At
   * SERIALIZABLE, a serialization failure or deadlock reruns `fn` (it must then have no effects outside the
   * database); at the other levels the error is thrown, as any other.
   */
  transaction<T>(fn: () => T, options?: TransactionOptions): T;
  readonly inTransaction: boolean;
  /**
   * Takes the session-level advisory lock `key` if no other process holds it (a leader's lock: the one process
   * that runs something). It is held on a connection of its own until `unlock`, `close`, or that connection
   * drops (then the server frees it, and `holdsLock` says false).
   */
  tryLock(key: number): boolean;
  /** whether this process still holds `key` (asks the server: a dropped connection lost it) */
  holdsLock(key: number): boolean;
  unlock(key: number): void;
  /** the URL without its password, for messages */
  readonly where: string;
  close(): void;
}

type Answer = { ok: Record<string, unknown> } | { error: { message: string; code?: string } };
let call: ((request: Record<string, unknown>) => Answer) | undefined;

function request<T>(body: Record<string, unknown>, timeoutMs: number): T {
  // One worker per process, for every database this process opens; the wait is bounded.
  call ??= createSyncFn<(r: Record<string, unknown>) => Promise<Answer>>(new URL('./worker.mjs', import.meta.url), { timeout: Math.max(timeoutMs, 60_000) + 5_000 });
  const answer = call(body);
  if ('error' in answer) throw new PgError(answer.error.message, answer.error.code);
  return answer.ok as T;
}

/** A URL without its password (for logs and messages: never a credential). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

const RETRYABLE = new Set(['40001', '40P01']);

export function openPg(options: PgOptions): PgSession {
  const timeout = Math.max(options.statementTimeoutMs, options.connectTimeoutMs);
  const { handle } = request<{ handle: number }>({ op: 'open', options }, timeout);
  let inTransaction = false;
  let closed = false;
  const query = (sql: string, params: unknown[] = []) => request<{ rows: Record<string, unknown>[]; rowCount: number }>({ op: 'query', handle, sql, params }, timeout);
  const session: PgSession = {
    all: <R>(sql: string, params?: unknown[]) => query(sql, params).rows as R[],
    get: <R>(sql: string, params?: unknown[]) => query(sql, params).rows[0] as R | undefined,
    run: (sql, params) => query(sql, params).rowCount,
    transaction<T>(fn: () => T, o: TransactionOptions = {}): T {
      if (inTransaction) return fn();
      for (let attempt = 1; ; attempt++) {
        request({ op: 'begin', handle, isolation: o.isolation ?? 'READ COMMITTED', local: o.derived ? ['SET LOCAL synchronous_commit = off'] : [] }, timeout);
        inTransaction = true;
        try {
          const result = fn();
          inTransaction = false;
          request({ op: 'commit', handle }, timeout);
          return result;
        } catch (err) {
          if (inTransaction) {
            inTransaction = false;
            try {
              request({ op: 'rollback', handle }, timeout);
            } catch {
              // the connection is already dropped; the server rolled back
            }
          }
          if (o.isolation === 'SERIALIZABLE' && err instanceof PgError && RETRYABLE.has(err.code ?? '') && attempt < 5) continue;
          throw err;
        }
      }
    },
    get inTransaction() {
      return inTransaction;
    },
    tryLock: (key) => request<{ ok: boolean }>({ op: 'try-lock', handle, key }, timeout).ok,
    holdsLock: (key) => request<{ ok: boolean }>({ op: 'holds-lock', handle, key }, timeout).ok,
    unlock: (key) => void request({ op: 'unlock', handle, key }, timeout),
    where: redactUrl(options.url),
    close() {
      if (closed) return;
      closed = true;
      request({ op: 'close', handle }, timeout);
    },
  };
  return session;
}
