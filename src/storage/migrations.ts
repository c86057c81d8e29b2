import { createHash } from 'node:crypto';
import type { Db, Migration } from './database.js';

/**
 * The storage's own schema, in two lists because the split must run after the reminders' table exists:
 * app.ts applies `storageMigrations` first and `storageSplitMigrations` after every room's.
 */
export const storageMigrations: Migration[] = [
  {
    // As shipped: one table for deliveries, one for everything else. storage-002-split replaces both.
    id: 'inbox-001-create',
    up: `
      CREATE TABLE inbox (key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
      CREATE INDEX inbox_seen_at ON inbox (seen_at);
      CREATE TABLE adapter_state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
    `,
    // Nothing on PostgreSQL: these tables were replaced by storage-002-split before PostgreSQL was supported.
    pg: '',
  },
];

export const storageSplitMigrations: Migration[] = [
  {
    id: 'storage-002-split',
    pg: `
      CREATE TABLE delivery_log (adapter TEXT NOT NULL, key TEXT NOT NULL, handled_at BIGINT NOT NULL, PRIMARY KEY (adapter, key));
      CREATE INDEX delivery_log_handled_at ON delivery_log (adapter, handled_at);
      CREATE TABLE key_value (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at BIGINT NOT NULL);
    `,
    up: (db) => {
      db.exec(`
        CREATE TABLE delivery_log (adapter TEXT NOT NULL, key TEXT NOT NULL, handled_at INTEGER NOT NULL, PRIMARY KEY (adapter, key)) WITHOUT ROWID;
        CREATE INDEX delivery_log_handled_at ON delivery_log (adapter, handled_at);
        CREATE TABLE key_value (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
        -- 'slack:event:Ev1' was Slack's key 'event:Ev1': the adapter gets its own column.
        INSERT OR IGNORE INTO delivery_log (adapter, key, handled_at)
          SELECT substr(key, 1, instr(key, ':') - 1), substr(key, instr(key, ':') + 1), seen_at FROM inbox WHERE instr(key, ':') > 1;
        INSERT OR IGNORE INTO delivery_log (adapter, key, handled_at) SELECT '', key, seen_at FROM inbox WHERE instr(key, ':') <= 1;
      `);
      foldMatrixSentKeys(db);
      db.exec(`
        INSERT INTO key_value (key, value, updated_at) SELECT key, value, updated_at FROM adapter_state WHERE substr(key, 1, 12) <> 'matrix:sent:';
        DROP TABLE inbox;
        DROP TABLE adapter_state;
      `);
    },
  },
  {
    // When an answer went out: a delivery taken but never answered (a crash mid-answer, an outage) is a lost answer, counted.
    id: 'storage-003-answered',
    up: 'ALTER TABLE delivery_log ADD COLUMN answered_at INTEGER',
    pg: 'ALTER TABLE delivery_log ADD COLUMN answered_at BIGINT',
  }
];

/**
 * "Was this reminder sent" lives in the reminder row only. The Matrix sender also kept `matrix:sent:<room>:<txn>`
 * → event id; where a row does not know it was sent (a process died between posting and recording), that key
 * is the only witness: the row is marked sent with that event id, so it is not posted again.
 * The transaction id rule is the sender's as of e071a96, frozen here as a migration must be.
 */
function foldMatrixSentKeys(db: Db): void {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reminders'").get()) return;
  const txnId = (key: string) => (/^[A-Za-z0-9._~-]{1,120}$/.test(key) ? key : 'pw-' + createHash('sha256').update(key).digest('base64url').slice(0, 40));
  const unsure = db
    .prepare("SELECT key, channel FROM reminders WHERE substr(channel, 1, 8) = 'matrix:!' AND status IN ('pending', 'claimed', 'sending', 'needs-review')")
    .all() as { key: string; channel: string }[];
  const witness = db.prepare('SELECT value, updated_at AS at FROM adapter_state WHERE key = ?');
  const markSent = db.prepare(
    "UPDATE reminders SET status = 'sent', message_id = ?, sent_at = ?, updated_at = ?, lease_owner = NULL, lease_until = NULL, maybe_sent = 0, last_error = NULL WHERE key = ?",
  );
  for (const row of unsure) {
    const sent = witness.get(`matrix:sent:${row.channel.slice('matrix:'.length)}:${txnId(row.key)}`) as { value: string; at: number } | undefined;
    if (sent) markSent.run(sent.value, sent.at, sent.at, row.key);
  }
}
