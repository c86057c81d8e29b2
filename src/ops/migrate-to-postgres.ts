import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../kernel/errors.js';
import { sha256 } from '../library/blobs.js';
import { openDatabase, type Db } from '../storage/database.js';
import { migratePg } from '../storage/pg/migrate.js';
import type { PgOptions, PgSession } from '../storage/pg/session.js';
import { openPg } from '../storage/pg/session.js';
import { DATABASE_FILE, LIBRARY_FILES_DIR, migrations } from '../stores.js';

export interface CopiedTable {
  table: string;
  sqlite: number;
  postgres: number;
}

export interface MigrationReport {
  /** the target, without its password */
  target: string;
  tables: CopiedTable[];
  /** the library's original files copied into library_files */
  files: { sqlite: number; postgres: number };
}

/** Parents before children (foreign keys); tables not named here follow in name order. */
const FIRST = ['states', 'letters', 'questions'];
/** Rows a migration seeds (a counter's one row): the source's row replaces it. */
const SEEDED = ['ledger_version', 'library_state'];
/** Tables whose row order is part of what they hold. */
const ORDER: Record<string, string> = { audit_log: 'id', library_documents: 'rowid' };
const BATCH_PARAMS = 30_000;

/**
 * `migrate-to-postgres <url>`: copies an installation's SQLite database and library files into an empty
 * PostgreSQL database, in one transaction, table by table, and compares the counts before committing: a
 * failure anywhere leaves the target as empty as it was. The SQLite side is read in one read transaction, a
 * consistent snapshot even if the bot still runs (stop it first: what it writes after the snapshot stays
 * behind). The source is migrated to the current schema first, as a start would.
 */
export function migrateToPostgres(options: { dataDir: string; pg: PgOptions; onTable?: (t: CopiedTable) => void }): MigrationReport {
  const file = join(options.dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new UserError('no-installation', `There is no pledgewatch database at ${file}.`, 'Set PLEDGEWATCH_DATA_DIR to the data dir of the installation to copy.');
  const source = openDatabase(file, migrations);
  let target: PgSession | undefined;
  try {
    target = openPg(options.pg);
    const where = target.where;
    const existing = target.all<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1");
    if (existing.length) {
      throw new UserError(
        'target-not-empty',
        `The PostgreSQL database at ${where} is not empty (${existing.length} tables, such as ${existing.slice(0, 3).map((t) => t.name).join(', ')}), so I copied nothing.`,
        'Copy into a new, empty database (createdb), or drop and create this one again if nothing in it is needed.',
      );
    }
    const pg = target;
    return snapshot(source, () =>
      pg.transaction(
        () => {
          migratePg(pg, migrations);
          const tables = copyTables(source, pg, options.onTable);
          const files = copyFiles(join(options.dataDir, LIBRARY_FILES_DIR), pg);
          return { target: where, tables, files };
        },
        { isolation: 'SERIALIZABLE' },
      ),
    );
  } finally {
    target?.close();
    source.close();
  }
}

/** Runs `fn` inside one SQLite read transaction: every table is read from the same snapshot. */
function snapshot<T>(db: Db, fn: () => T): T {
  db.exec('BEGIN');
  try {
    db.prepare('SELECT count(*) FROM schema_migrations').get(); // the read that starts the snapshot
    return fn();
  } finally {
    db.exec('COMMIT');
  }
}

function copyTables(source: Db, pg: PgSession, onTable?: (t: CopiedTable) => void): CopiedTable[] {
  const names = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").pluck().all() as string[]).sort();
  const known = new Set(pg.all<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()').map((r) => r.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) throw new Error(`tables with no PostgreSQL form: ${unknown.join(', ')}`);
  const ordered = [...FIRST.filter((n) => names.includes(n)), ...names.filter((n) => !FIRST.includes(n))];
  for (const t of SEEDED) if (names.includes(t)) pg.run(`DELETE FROM ${t}`);
  // The ledger's counter is copied after everything its triggers count: its row is restored last.
  const last = ordered.filter((n) => SEEDED.includes(n));
  const out: CopiedTable[] = [];
  for (const table of [...ordered.filter((n) => !SEEDED.includes(n)), ...last]) {
    const copied = copyTable(source, pg, table);
    out.push(copied);
    onTable?.(copied);
    if (copied.sqlite !== copied.postgres) throw new Error(`${table}: ${copied.sqlite} rows in SQLite but ${copied.postgres} in PostgreSQL; nothing was copied`);
  }
  // The identity of audit_log continues after the copied ids.
  if (names.includes('audit_log')) pg.run("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), GREATEST((SELECT max(id) FROM audit_log), 1))");
  return out;
}

function copyTable(source: Db, pg: PgSession, table: string): CopiedTable {
  const columns = (source.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const per = Math.max(1, Math.floor(BATCH_PARAMS / columns.length));
  const order = ORDER[table] ? ` ORDER BY ${ORDER[table]}` : '';
  let batch: unknown[][] = [];
  const flush = () => {
    if (!batch.length) return;
    const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    pg.run(`INSERT INTO ${table} (${quoted}) VALUES ${values}`, batch.flat());
    batch = [];
  };
  for (const row of source.prepare(`SELECT ${quoted} FROM ${table}${order}`).raw().iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length >= per) flush();
  }
  flush();
  const sqlite = (source.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
  const postgres = pg.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n;
  return { table, sqlite, postgres };
}

/** The data dir's content-addressed files (library/ab/abcdef…) into library_files, each checked against its name. */
function copyFiles(dir: string, pg: PgSession): { sqlite: number; postgres: number } {
  let count = 0;
  if (existsSync(dir)) {
    for (const sub of readdirSync(dir)) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const name of readdirSync(join(dir, sub))) {
        if (!/^[0-9a-f]{64}$/.test(name)) continue; // a half-written .tmp
        const bytes = readFileSync(join(dir, sub, name));
        if (sha256(bytes) !== name) throw new Error(`library file ${name} does not match its content; nothing was copied`);
        pg.run('INSERT INTO library_files (sha256, bytes, size) VALUES ($1, $2, $3)', [name, bytes, bytes.byteLength]);
        count++;
      }
    }
  }
  const postgres = pg.get<{ n: number }>('SELECT count(*) AS n FROM library_files')!.n;
  if (postgres !== count) throw new Error(`library files: ${count} in the data dir but ${postgres} in PostgreSQL; nothing was copied`);
  return { sqlite: count, postgres };
}
