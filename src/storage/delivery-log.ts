import type { Db } from './database.js';

/**
 * What one adapter has already handled (Slack event ids, Matrix event ids, …), so a redelivery, even after a
 * restart, is recognised. Keys are the adapter's own; two adapters never see each other's.
 */
export interface DeliveryLog {
  readonly adapter: string;
  /** true the first time a key is seen (and records it), false for every redelivery */
  firstDelivery(key: string, nowMs?: number): boolean;
  /**
   * Records many keys at once; for each, true if it was not recorded before. Safe against a crash of the
   * process once returned; it may skip waiting for the disk (see the implementation).
   */
  recordDeliveries(keys: string[], nowMs?: number): boolean[];
  /** whether a key was recorded (a read: works on a full disk) */
  wasDelivered(key: string): boolean;
  /** forgets this adapter's records older than `maxAgeMs` */
  prune(maxAgeMs: number, nowMs?: number): number;
  /** notes that the delivery recorded under `key` was answered (the reply went out) */
  answered(key: string, nowMs?: number): void;
  /**
   * Answers lost: deliveries with a key starting `prefix`, recorded in [fromMs, toMs), never answered (the
   * process died between taking and answering, or could not answer). At most once means these, never doubles.
   */
  lost(prefix: string, fromMs: number, toMs: number): number;
}

/** Every adapter's delivery log in one store. */
export interface DeliveryLogs {
  for(adapter: string): DeliveryLog;
  /** forgets every adapter's records older than `maxAgeMs` */
  prune(maxAgeMs: number, nowMs?: number): number;
}

/** The delivery log in SQLite (table delivery_log, created by storageMigrations). */
export function sqliteDeliveryLogs(db: Db): DeliveryLogs {
  const insert = db.prepare('INSERT OR IGNORE INTO delivery_log (adapter, key, handled_at) VALUES (?, ?, ?)');
  const seen = db.prepare('SELECT 1 FROM delivery_log WHERE adapter = ? AND key = ?');
  const pruneOne = db.prepare('DELETE FROM delivery_log WHERE adapter = ? AND handled_at < ?');
  const pruneAll = db.prepare('DELETE FROM delivery_log WHERE handled_at < ?');
  const markAnswered = db.prepare('UPDATE delivery_log SET answered_at = ? WHERE adapter = ? AND key = ? AND answered_at IS NULL');
  const countLost = db.prepare('SELECT count(*) AS n FROM delivery_log WHERE adapter = ? AND substr(key, 1, ?) = ? AND handled_at >= ? AND handled_at < ? AND answered_at IS NULL');
  const insertMany = db.transaction((adapter: string, keys: string[], nowMs: number) => keys.map((k) => insert.run(adapter, k, nowMs).changes === 1));

  const log = (adapter: string): DeliveryLog => ({
    adapter,
    firstDelivery: (key, nowMs = Date.now()) => insert.run(adapter, key, nowMs).changes === 1,
    /**
     * One transaction, committed with synchronous=NORMAL (WAL): durable against a crash of the process, and
     * carried to the disk by the next fully synced commit; a power cut may forget the last batch. The
     * connection's own setting is restored after.
     */
    recordDeliveries: (keys, nowMs = Date.now()) => {
      if (db.inTransaction) return insertMany(adapter, keys, nowMs);
      const before = db.pragma('synchronous', { simple: true }) as number;
      db.pragma('synchronous = NORMAL');
      try {
        return insertMany(adapter, keys, nowMs);
      } finally {
        db.pragma(`synchronous = ${before}`);
      }
    },
    wasDelivered: (key) => seen.get(adapter, key) !== undefined,
    prune: (maxAgeMs, nowMs = Date.now()) => pruneOne.run(adapter, nowMs - maxAgeMs).changes,
    answered: (key, nowMs = Date.now()) => void markAnswered.run(nowMs, adapter, key),
    lost: (prefix, fromMs, toMs) => (countLost.get(adapter, prefix.length, prefix, fromMs, toMs) as { n: number }).n,
  });
  return { for: log, prune: (maxAgeMs, nowMs = Date.now()) => pruneAll.run(nowMs - maxAgeMs).changes };
}
