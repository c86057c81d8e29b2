import type { Migration } from '../database.js';
import type { PgSession } from './session.js';

/** The advisory lock every process takes to migrate: two starting at once apply each migration once. */
const MIGRATION_LOCK = 0x70770001;

/**
 * Applies the migrations not yet applied, in the order given, in one transaction under an advisory lock: the
 * same ids as SQLite's schema_migrations, each with its PostgreSQL dialect.
 */
export function migratePg(db: PgSession, migrations: Migration[]): void {
  const missing = migrations.filter((m) => m.pg === undefined).map((m) => m.id);
  if (missing.length) throw new Error(`no PostgreSQL dialect for migration ${missing.join(', ')}`);
  db.transaction(() => {
    db.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    db.run('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set(db.all<{ id: string }>('SELECT id FROM schema_migrations').map((r) => r.id));
    for (const m of migrations) {
      if (applied.has(m.id)) continue;
      if (m.pg!.trim()) db.run(m.pg!);
      db.run('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [m.id, new Date().toISOString()]);
    }
  });
}

/** The migrations of `migrations` a database has not applied (doctor: "migrations current"). */
export function pendingPgMigrations(db: PgSession, migrations: Migration[]): string[] {
  const exists = db.get<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists?.t) return migrations.map((m) => m.id);
  const applied = new Set(db.all<{ id: string }>('SELECT id FROM schema_migrations').map((r) => r.id));
  return migrations.filter((m) => !applied.has(m.id)).map((m) => m.id);
}
