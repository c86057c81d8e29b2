import type { DeliveryLog, DeliveryLogs } from '../delivery-log.js';
import type { KeyValue } from '../key-value.js';
import type { PgSession } from './session.js';

/**
 * The delivery log in PostgreSQL. The primary key (adapter, key) is the arbiter: of two processes handling
 * the same delivery, exactly one insert adds the row, so exactly one handles it.
 */
export function pgDeliveryLogs(db: PgSession): DeliveryLogs {
  const log = (adapter: string): DeliveryLog => ({
    adapter,
    firstDelivery: (key, nowMs = Date.now()) =>
      db.run('INSERT INTO delivery_log (adapter, key, handled_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [adapter, key, nowMs]) === 1,
    /** One statement, committed without waiting for the server's disk (as SQLite's: a redelivery restores it). */
    recordDeliveries: (keys, nowMs = Date.now()) => {
      if (!keys.length) return [];
      const added = db.transaction(
        () =>
          new Set(
            db
              .all<{ key: string }>(
                'INSERT INTO delivery_log (adapter, key, handled_at) SELECT $1, k, $3 FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING RETURNING key',
                [adapter, keys, nowMs],
              )
              .map((r) => r.key),
          ),
        { derived: true },
      );
      // A key twice in one batch: the first is the delivery, the second a redelivery.
      return keys.map((k) => added.delete(k));
    },
    wasDelivered: (key) => db.get('SELECT 1 FROM delivery_log WHERE adapter = $1 AND key = $2', [adapter, key]) !== undefined,
    prune: (maxAgeMs, nowMs = Date.now()) => db.run('DELETE FROM delivery_log WHERE adapter = $1 AND handled_at < $2', [adapter, nowMs - maxAgeMs]),
    answered: (key, nowMs = Date.now()) => void db.run('UPDATE delivery_log SET answered_at = $1 WHERE adapter = $2 AND key = $3 AND answered_at IS NULL', [nowMs, adapter, key]),
    lost: (prefix, fromMs, toMs) =>
      db.get<{ n: number }>(
        'SELECT count(*)::int AS n FROM delivery_log WHERE adapter = $1 AND starts_with(key, $2) AND handled_at >= $3 AND handled_at < $4 AND answered_at IS NULL',
        [adapter, prefix, fromMs, toMs],
      )?.n ?? 0,
  });
  return { for: log, prune: (maxAgeMs, nowMs = Date.now()) => db.run('DELETE FROM delivery_log WHERE handled_at < $1', [nowMs - maxAgeMs]) };
}

/** The key-value store in PostgreSQL. */
export function pgKeyValue(db: PgSession): KeyValue {
  return {
    get: (key) => db.get<{ value: string }>('SELECT value FROM key_value WHERE key = $1', [key])?.value,
    set: (key, value, nowMs = Date.now()) =>
      void db.run(
        'INSERT INTO key_value (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        [key, value, nowMs],
      ),
    delete: (key) => db.run('DELETE FROM key_value WHERE key = $1', [key]) === 1,
  };
}
