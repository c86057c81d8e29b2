import type { Db } from './database.js';

/** The little state the rooms and adapters keep between runs (a sync position, a fingerprint), by key. */
export interface KeyValue {
  get(key: string): string | undefined;
  set(key: string, value: string, nowMs?: number): void;
  /** true if there was a value */
  delete(key: string): boolean;
}

/** The key-value store in SQLite (table key_value, created by storageMigrations). */
export function sqliteKeyValue(db: Db): KeyValue {
  const get = db.prepare('SELECT value FROM key_value WHERE key = ?').pluck();
  const set = db.prepare(
    'INSERT INTO key_value (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const del = db.prepare('DELETE FROM key_value WHERE key = ?');
  return {
    get: (key) => get.get(key) as string | undefined,
    set: (key, value, nowMs = Date.now()) => void set.run(key, value, nowMs),
    delete: (key) => del.run(key).changes === 1,
  };
}
