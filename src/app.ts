import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { systemClock, type Clock } from './core/clock.js';
import { buildRegistry } from './core/commands/index.js';
import { createCore, type Core } from './core/core.js';
import type { Services } from './core/services.js';
import { openCorpus, savedIndexIsFresh } from './corpus/open.js';
import { corpusFingerprint } from './corpus/documents.js';
import { createLedgerService, type LedgerService } from './ledger/service.js';
import { normalizeName, StateDirectory } from './ledger/states.js';
import { ledgerMigrations, SqliteLedgerStore } from './ledger/store.js';
import { createReminderService } from './reminders/service.js';
import { reminderMigrations } from './reminders/store.js';
import { backupDatabase } from './ops/backup.js';
import type { OpsService } from './ops/commands.js';
import { runDoctor } from './ops/doctor.js';
import { RateLimiter } from './ops/rate-limit.js';
import { openDatabase, type Db, type Migration } from './storage/database.js';
import { storageGuard, type StorageGuard } from './storage/guard.js';
import { sqliteDeliveryLogs, type DeliveryLogs } from './storage/delivery-log.js';
import { sqliteKeyValue, type KeyValue } from './storage/key-value.js';
import { storageMigrations, storageSplitMigrations } from './storage/migrations.js';

export interface App {
  config: Config;
  db: Db;
  /** what each adapter has handled (one log per adapter: `deliveries.for('slack')`) */
  deliveries: DeliveryLogs;
  /** the little state kept between runs (sync positions, the corpus fingerprint) */
  kv: KeyValue;
  /** whether the database can still be written (full disk): the core, the adapters and /healthz ask it */
  storage: StorageGuard;
  services: Services;
  core: Core;
  close(): void;
}

export interface AppDeps {
  logger: Logger;
  clock?: Clock;
  /** the environment the config came from, for `doctor` (defaults to none: doctor then checks only what config holds) */
  env?: Record<string, string | undefined>;
}

/** Every migration of every room, in the order they are applied. */
export const migrations: Migration[] = [...storageMigrations, ...ledgerMigrations, ...reminderMigrations, ...storageSplitMigrations];

/**
 * The platform-free part of the bot: database, corpus, ledger, reminders and the command core. main.ts adds
 * the adapters and the reminder loop; cli.ts uses it as it is.
 */
export function buildApp(config: Config, deps: AppDeps): App {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const dbFile = join(config.dataDir, 'pledgewatch.db');
  const db = openDatabase(dbFile, migrations);
  const corpus = openCorpus({ corpusDir: config.corpusDir, indexDataDir: config.indexDataDir, dataDir: config.dataDir, logger: logger.child({ module: 'corpus' }) });
  const deliveries = sqliteDeliveryLogs(db);
  const kv = sqliteKeyValue(db);
  const storage = storageGuard({ db, file: dbFile, dataDir: config.dataDir, logger });
  const ledgerStore = new SqliteLedgerStore(db);
  const states = new StateDirectory(join(config.indexDataDir, 'states.json'));
  ledgerStore.saveStates(states.all, normalizeName);
  const ledger: LedgerService = createLedgerService({ store: ledgerStore, states, corpus, clock, timezone: config.timezone });
  // Track the curated letters whenever the corpus changed since the last start (identity is letter + label,
  // so re-reading never renumbers a question or loses a response). A new coalition time zone re-reads too, so
  // deadlines taken from letters follow it (a deadline a coordinator set keeps the zone it was set in).
  const fingerprint = `${corpusFingerprint(config.corpusDir, join(config.indexDataDir, 'documents.json'))}|${config.timezone}`;
  if (kv.get('ledger:corpus-fingerprint') !== fingerprint) {
    ledger.syncFromCorpus();
    kv.set('ledger:corpus-fingerprint', fingerprint);
  }
  const reminders = createReminderService({ db, ledger, policy: config.reminders, timezone: config.timezone, clock, logger });
  const ops: OpsService = {
    backup: (file) => backupDatabase(db, file),
    doctor: () => runDoctor(deps.env ?? {}, { fetch: globalThis.fetch, indexIsFresh: savedIndexIsFresh }),
  };
  const services: Services = { clock, timezone: config.timezone, logger, corpus, ledger, reminders, ops };
  const core = createCore({ registry: buildRegistry(), services, coordinators: config.coordinators, logger, maxInputChars: config.maxInputChars, logContent: config.log.content, rateLimiter: new RateLimiter(config.rateLimitPerMinute, clock), storage });
  return {
    config,
    db,
    deliveries,
    kv,
    storage,
    services,
    core,
    close: () => db.close(),
  };
}
