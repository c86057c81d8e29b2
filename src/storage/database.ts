import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * A named schema change. Each room (ledger, reminders, adapters) owns its own list; ids never change once shipped.
 * One list of schema versions, two dialects: `up` for SQLite, `pg` for PostgreSQL (a PostgreSQL database starts
 * at today's schema, so the dialect of a change that only moved SQLite data may be empty). Every migration
 * the app applies has both (test/storage/store-contract.test.ts checks).
 */
export interface Migration {
  id: string;
  up: string | ((db: Db) => void);
  pg?: string;
}

/**
 * Opens (creating if need be) the SQLite database and applies the migrations not yet applied, each in its own
 * transaction, in the order given. The pragmas are set on every open: WAL falls back to synchronous=NORMAL on
 * reopen otherwise, and a reminder marked "sent" must survive a power cut.
 */
export function openDatabase(file: string, migrations: Migration[]): Db {
  if (file !== ':memory:') {
    // At-risk people's data: the data dir and database are the owner's only (SQLite gives -wal/-shm the
    // database's mode). Only at creation: an operator's own choice on an existing file is kept.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    createPrivate(file);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  return db;
}

/** Creates `file` empty with mode 0600 if it does not exist (an empty file is an empty SQLite database). */
function createPrivate(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

export function migrate(db: Db, migrations: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id));
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    // IMMEDIATE: two processes starting at once must not both apply the same migration.
    db.transaction(() => {
      const again = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?').get(m.id);
      if (again) return;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    }).immediate();
  }
}
