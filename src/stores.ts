import { join } from 'node:path';
import { directoryBlobStore, type BlobStore } from './library/blobs.js';
import { PgLibraryStore, pgBlobStore } from './library/pg-store.js';
import { libraryMigrations, SqliteLibraryStore, type LibraryStore } from './library/store.js';
import { PgPrivacyStore } from './ledger/pg-privacy.js';
import { PgLedgerStore } from './ledger/pg-store.js';
import { privacyMigrations, SqlitePrivacyStore, type PrivacyStore } from './ledger/privacy.js';
import { ledgerMigrations, SqliteLedgerStore, type LedgerStore } from './ledger/store.js';
import { SqliteLinkStore, pageMigrations, type LinkStore } from './page/link-store.js';
import { PgLinkStore } from './page/pg-link-store.js';
import { PgReminderStore } from './reminders/pg-store.js';
import { reminderMigrations, SqliteReminderStore } from './reminders/sqlite-store.js';
import type { ReminderStore } from './reminders/store.js';
import { openDatabase, type Db, type Migration } from './storage/database.js';
import { sqliteDeliveryLogs, type DeliveryLogs } from './storage/delivery-log.js';
import { sqliteKeyValue, type KeyValue } from './storage/key-value.js';
import { storageMigrations, storageSplitMigrations } from './storage/migrations.js';
import { migratePg } from './storage/pg/migrate.js';
import { openPg, type PgOptions, type PgSession } from './storage/pg/session.js';
import { pgDeliveryLogs, pgKeyValue } from './storage/pg/state.js';

/** Every migration of every room, in the order they are applied: one list of schema versions for both engines. */
export const migrations: Migration[] = [...storageMigrations, ...ledgerMigrations, ...reminderMigrations, ...storageSplitMigrations, ...libraryMigrations, ...privacyMigrations, ...pageMigrations];

export const DATABASE_FILE = 'pledgewatch.db';
/** Where SQLite installations keep the library's original files (PostgreSQL keeps them in library_files). */
export const LIBRARY_FILES_DIR = 'library';

export type Engine = 'sqlite' | 'postgres';

/** Every store the bot keeps its state in, on one engine. */
export interface Stores {
  engine: Engine;
  /** the database file, or the PostgreSQL URL without its password */
  where: string;
  /** the SQLite database (absent on PostgreSQL) */
  db?: Db;
  /** the PostgreSQL database (absent on SQLite) */
  pg?: PgSession;
  ledger: LedgerStore & { saveStates(states: { id: string; name: string; aliases: string[] }[], normalize: (s: string) => string): void };
  privacy: PrivacyStore;
  reminders: ReminderStore;
  library: LibraryStore;
  /** the library's original files, by SHA-256 */
  blobs: BlobStore;
  links: LinkStore;
  deliveries: DeliveryLogs;
  kv: KeyValue;
  /** whether the database answers */
  ping(): boolean;
  close(): void;
}

/** SQLite in the data dir (migrated); the library's files in `<dataDir>/library`. */
export function openSqliteStores(dataDir: string): Stores {
  const file = join(dataDir, DATABASE_FILE);
  const db = openDatabase(file, migrations);
  return {
    engine: 'sqlite',
    where: file,
    db,
    ledger: new SqliteLedgerStore(db),
    privacy: new SqlitePrivacyStore(db),
    reminders: new SqliteReminderStore(db),
    library: new SqliteLibraryStore(db),
    blobs: directoryBlobStore(join(dataDir, LIBRARY_FILES_DIR)),
    links: new SqliteLinkStore(db),
    deliveries: sqliteDeliveryLogs(db),
    kv: sqliteKeyValue(db),
    ping: () => db.open && (db.prepare('SELECT 1 AS one').get() as { one: number }).one === 1,
    close: () => db.close(),
  };
}

/** PostgreSQL at `options.url` (migrated); nothing in the data dir. */
export function openPgStores(options: PgOptions): Stores {
  const pg = openPg(options);
  try {
    migratePg(pg, migrations);
  } catch (err) {
    pg.close();
    throw err;
  }
  return {
    engine: 'postgres',
    where: pg.where,
    pg,
    ledger: new PgLedgerStore(pg),
    privacy: new PgPrivacyStore(pg),
    reminders: new PgReminderStore(pg),
    library: new PgLibraryStore(pg),
    blobs: pgBlobStore(pg),
    links: new PgLinkStore(pg),
    deliveries: pgDeliveryLogs(pg),
    kv: pgKeyValue(pg),
    ping: () => pg.get<{ one: number }>('SELECT 1 AS one')?.one === 1,
    close: () => pg.close(),
  };
}
