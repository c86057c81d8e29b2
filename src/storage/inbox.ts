import type { Db, Migration } from './database.js';

export const inboxMigrations: Migration[] = [
  {
    id: 'inbox-001-create',
    up: `
      CREATE TABLE inbox (key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
      CREATE INDEX inbox_seen_at ON inbox (seen_at);
      CREATE TABLE adapter_state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
    `,
  },
];

/**
 * What the adapters have already handled (Slack event ids, Matrix event ids) and the little state they keep
 * (a sync position). Lives in SQLite so a redelivery after a restart is still recognised.
 */
export interface Inbox {
  /** true the first time a key is seen (and records it), false for every redelivery */
  firstDelivery(key: string, nowMs?: number): boolean;
  /**
   * Records many keys in one transaction; for each, true if it was not recorded before. Committed without
   * waiting for the disk (synchronous=NORMAL for this transaction): safe against a crash of the process, and
   * the next fully synced commit carries it to the disk; a power cut may forget the last batch.
   */
  recordDeliveries(keys: string[], nowMs?: number): boolean[];
  /** whether a key was recorded (a read: works on a full disk) */
  wasDelivered(key: string): boolean;
  /** forgets keys older than `maxAgeMs`; only those starting with `prefix` when given (each adapter keeps its own) */
  prune(maxAgeMs: number, nowMs?: number, prefix?: string): number;
  get(key: string): string | undefined;
  set(key: string, value: string, nowMs?: number): void;
}

export function sqliteInbox(db: Db): Inbox {
  const insert = db.prepare('INSERT OR IGNORE INTO inbox (key, seen_at) VALUES (?, ?)');
  const seen = db.prepare('SELECT 1 FROM inbox WHERE key = ?');
  const prune = db.prepare('DELETE FROM inbox WHERE seen_at < ?');
  const prunePrefix = db.prepare('DELETE FROM inbox WHERE seen_at < ? AND substr(key, 1, length(?)) = ?');
  const get = db.prepare('SELECT value FROM adapter_state WHERE key = ?');
  const set = db.prepare(
    'INSERT INTO adapter_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const insertMany = db.transaction((keys: string[], nowMs: number) => keys.map((k) => insert.run(k, nowMs).changes === 1));
  return {
    firstDelivery: (key, nowMs = Date.now()) => insert.run(key, nowMs).changes === 1,
    recordDeliveries: (keys, nowMs = Date.now()) => {
      if (db.inTransaction) return insertMany(keys, nowMs);
      const before = db.pragma('synchronous', { simple: true }) as number;
      db.pragma('synchronous = NORMAL');
      try {
        return insertMany(keys, nowMs);
      } finally {
        db.pragma(`synchronous = ${before}`);
      }
    },
    wasDelivered: (key) => seen.get(key) !== undefined,
    prune: (maxAgeMs, nowMs = Date.now(), prefix) => (prefix ? prunePrefix.run(nowMs - maxAgeMs, prefix, prefix) : prune.run(nowMs - maxAgeMs)).changes,
    get: (key) => (get.get(key) as { value: string } | undefined)?.value,
    set: (key, value, nowMs = Date.now()) => void set.run(key, value, nowMs),
  };
}
