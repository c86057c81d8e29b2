import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { systemClock, type Clock } from './core/clock.js';
import { buildRegistry } from './core/commands/index.js';
import { createCore, type Core } from './core/core.js';
import type { Services } from './core/services.js';
import type { Incoming } from './core/incoming.js';
import type { Actor } from './core/registry.js';
import { checkSavedIndex } from './corpus/index-check.js';
import { openCorpus } from './corpus/open.js';
import { corpusFingerprint } from './corpus/documents.js';
import { createLedgerService, type LedgerService } from './ledger/service.js';
import { normalizeName, StateDirectory } from './ledger/states.js';
import { ledgerMigrations, SqliteLedgerStore } from './ledger/store.js';
import { maskedLedger, privacyMigrations, revealsNames, SqlitePrivacyStore } from './ledger/privacy.js';
import { pageMigrations } from './page/link-store.js';
import { createPageRoom, type PageRoom } from './page/room.js';
import { createReminderService } from './reminders/service.js';
import { reminderMigrations } from './reminders/store.js';
import { backupDatabase } from './ops/backup.js';
import type { OpsService } from './ops/commands.js';
import { runDoctor } from './ops/doctor.js';
import { RateLimiter } from './ops/rate-limit.js';
import { openDatabase, type Db, type Migration } from './storage/database.js';
import { inboxMigrations, sqliteInbox, type Inbox } from './storage/inbox.js';

export interface App {
  config: Config;
  db: Db;
  inbox: Inbox;
  services: Services;
  core: Core;
  /** the ledger page's links and server; absent when PLEDGEWATCH_PAGE_PORT is off */
  page?: PageRoom;
  close(): void;
}

export interface AppDeps {
  logger: Logger;
  clock?: Clock;
  /** the environment the config came from, for `doctor` (defaults to none: doctor then checks only what config holds) */
  env?: Record<string, string | undefined>;
}

/** Every migration of every room, in the order they are applied. */
export const migrations: Migration[] = [...inboxMigrations, ...ledgerMigrations, ...reminderMigrations, ...privacyMigrations, ...pageMigrations];

/**
 * The platform-free part of the bot: database, corpus, ledger, reminders and the command core. main.ts adds
 * the adapters and the reminder loop; cli.ts uses it as it is.
 */
export function buildApp(config: Config, deps: AppDeps): App {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const db = openDatabase(join(config.dataDir, 'pledgewatch.db'), migrations);
  const corpus = openCorpus({ corpusDir: config.corpusDir, indexDataDir: config.indexDataDir, dataDir: config.dataDir, logger: logger.child({ module: 'corpus' }) });
  const inbox = sqliteInbox(db);
  const ledgerStore = new SqliteLedgerStore(db);
  const states = new StateDirectory(join(config.indexDataDir, 'states.json'));
  ledgerStore.saveStates(states.all, normalizeName);
  const ledger: LedgerService = createLedgerService({ store: ledgerStore, states, corpus, clock, timezone: config.timezone });
  // Track the curated letters whenever the corpus changed since the last start (identity is letter + label,
  // so re-reading never renumbers a question or loses a response). A new coalition time zone re-reads too, so
  // deadlines taken from letters follow it (a deadline a coordinator set keeps the zone it was set in).
  const fingerprint = `${corpusFingerprint(config.corpusDir, join(config.indexDataDir, 'documents.json'))}|${config.timezone}`;
  if (inbox.get('ledger:corpus-fingerprint') !== fingerprint) {
    ledger.syncFromCorpus();
    inbox.set('ledger:corpus-fingerprint', fingerprint);
  }
  const reminders = createReminderService({ db, ledger, policy: config.reminders, timezone: config.timezone, clock, logger });
  const ops: OpsService = {
    backup: (file) => backupDatabase(db, file),
    doctor: () => runDoctor(deps.env ?? {}, { fetch: globalThis.fetch, checkIndex: checkSavedIndex }),
  };
  const privacy = new SqlitePrivacyStore(db);
  const page = config.page ? createPageRoom(config.page, { db, clock }) : undefined;
  const services: Services = { clock, timezone: config.timezone, logger, corpus, ledger, reminders, ops, privacy, page: page?.links };
  // Sensitive askers: commands read the ledger masked unless the rule (src/ledger/privacy.ts) lets this reader see names.
  const masked: Services = { ...services, ledger: maskedLedger(ledger, privacy) };
  const servicesFor = ({ incoming, actor, command }: { incoming: Incoming; actor: Actor; command: string }) =>
    revealsNames({ local: incoming.platform === 'console' || incoming.platform === 'cli', isCoordinator: actor.isCoordinator, isDirect: incoming.isDirect, privateChannel: privacy.isPrivateChannel(incoming.channel), export: command === 'export' })
      ? services
      : masked;
  const core = createCore({ registry: buildRegistry(), services, servicesFor, coordinators: config.coordinators, logger, maxInputChars: config.maxInputChars, logContent: config.log.content, rateLimiter: new RateLimiter(config.rateLimitPerMinute, clock) });
  return {
    config,
    db,
    inbox,
    services,
    core,
    page,
    close: () => db.close(),
  };
}
