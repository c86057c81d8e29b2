import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import type { Adapter } from './core/adapter.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { asCodedError } from './kernel/errors.js';
import { createLogger } from './logging.js';
import { buildRegistry } from './core/commands/index.js';
import { createCore, type Core } from './core/core.js';
import type { OpsService, Services } from './core/services.js';
import type { Incoming } from './core/incoming.js';
import type { Actor } from './core/registry.js';
import { checkSavedIndex } from './corpus/index-check.js';
import { openCorpus } from './corpus/open.js';
import type { Library } from './library/library.js';
import { corpusFingerprint } from './corpus/documents.js';
import { createLedgerService, type LedgerService } from './ledger/service.js';
import { normalizeName, StateDirectory } from './ledger/states.js';
import { deadlineForChannel, maskedLedger, revealsNames } from './ledger/privacy.js';
import { createPageRoom, type PageRoom } from './page/room.js';
import { createReminderLoop } from './reminders/loop.js';
import { startReminderSchedule } from './reminders/schedule.js';
import { createReminderService } from './reminders/service.js';
import { backupDatabase, postgresBackupAdvice } from './ops/backup.js';
import { runDoctor } from './ops/doctor.js';
import { startHealthServer } from './ops/health.js';
import { RateLimiter } from './ops/rate-limit.js';
import type { Db } from './storage/database.js';
import { storageGuard, type StorageGuard } from './storage/guard.js';
import type { DeliveryLogs } from './storage/delivery-log.js';
import type { KeyValue } from './storage/key-value.js';
import { channelLanguages } from './storage/channel-languages.js';
import { pgStorageGuard } from './storage/pg/guard.js';
import { startLeaderLease } from './storage/pg/leader-lease.js';
import type { Sender } from './kernel/sender.js';
import { ledAdapter, type LedAdapter } from './replica/led-adapter.js';
import { countLostAnswers } from './replica/lost-answers.js';
import { defaultPgOptions } from './storage/pg/session.js';
import { DATABASE_FILE, migrations, openPgStores, openSqliteStores, type Stores } from './stores.js';

export { migrations };

export interface App {
  config: Config;
  /** the SQLite database; absent when DATABASE_URL puts every store in PostgreSQL */
  db?: Db;
  /** every store, on the engine the settings chose */
  stores: Stores;
  /** what each adapter has handled (one log per adapter: `deliveries.for('slack')`) */
  deliveries: DeliveryLogs;
  /** the little state kept between runs (sync positions, the corpus fingerprint) */
  kv: KeyValue;
  /** whether the database can still be written (full disk): the core, the adapters and /healthz ask it */
  storage: StorageGuard;
  services: Services;
  core: Core;
  /** the ledger page's links and server; absent when PLEDGEWATCH_PAGE_PORT is off */
  page?: PageRoom;
  /** resolves once the corpus folder's PDF, Word and HTML files are in the library (text files are at once) */
  ready: Promise<void>;
  close(): void;
}

export interface AppDeps {
  logger: Logger;
  clock?: Clock;
  /** the environment the config came from, for `doctor` (defaults to none: doctor then checks only what config holds) */
  env?: Record<string, string | undefined>;
}

/**
 * The one composition root: config → database → corpus → ledger → reminders → core (buildApp), then the
 * adapters, the reminder loop and the health endpoint (startBot). main.ts (the bot's process: signals, exit
 * codes) and cli.ts (one command) both start through openApp; tests build the app with buildApp.
 */

const DELIVERIES_KEEP_MS = 30 * 24 * 3_600_000;
const STORAGE_CHECK_MS = 5_000;

/** The platform-free part of the bot: database, corpus, ledger, reminders and the command core. */
export function buildApp(config: Config, deps: AppDeps): App {
  const stores = openStores(config);
  try {
    return assemble(config, deps, stores);
  } catch (err) {
    stores.close();
    throw err;
  }
}

/** DATABASE_URL set: every store in PostgreSQL; otherwise SQLite in the data dir. */
export function openStores(config: Config): Stores {
  if (!config.database) return openSqliteStores(config.dataDir);
  const { url, poolSize, timeoutMs } = config.database;
  return openPgStores({ ...defaultPgOptions(url), poolMax: poolSize, statementTimeoutMs: timeoutMs, connectTimeoutMs: Math.min(timeoutMs, 10_000) });
}

function assemble(config: Config, deps: AppDeps, stores: Stores): App {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const { db, deliveries, kv } = stores;
  const corpus: Library = openCorpus({ corpusDir: config.corpusDir, indexDataDir: config.indexDataDir, dataDir: config.dataDir, logger: logger.child({ module: 'library' }), stores: { store: stores.library, blobs: stores.blobs }, clock, maxFileBytes: config.maxFileBytes, reading: kv });
  const storage = db ? storageGuard({ db, file: join(config.dataDir, DATABASE_FILE), dataDir: config.dataDir, logger }) : pgStorageGuard({ logger });
  const ledgerStore = stores.ledger;
  const states = new StateDirectory(join(config.indexDataDir, 'states.json'));
  ledgerStore.saveStates(states.all, normalizeName);
  const ledger: LedgerService = createLedgerService({ store: ledgerStore, states, corpus, model: (id) => corpus.model(id), clock, timezone: config.timezone });
  // Track the curated letters whenever the corpus changed since the last start (identity is letter + label,
  // so re-reading never renumbers a question or loses a response). A new coalition time zone re-reads too, so
  // deadlines taken from letters follow it (a deadline a coordinator set keeps the zone it was set in).
  const fingerprint = `${corpusFingerprint(config.corpusDir, join(config.indexDataDir, 'documents.json'))}|${config.timezone}`;
  if (kv.get('ledger:corpus-fingerprint') !== fingerprint) {
    ledger.syncFromCorpus();
    kv.set('ledger:corpus-fingerprint', fingerprint);
  }
  const privacy = stores.privacy;
  const languages = channelLanguages(kv);
  const reminders = createReminderService({ store: stores.reminders, ledger, policy: config.reminders, timezone: config.timezone, clock, logger, present: deadlineForChannel(privacy), languageOf: languages.get });
  const ops: OpsService = {
    backup: (file) => (db ? backupDatabase(db, file) : Promise.reject(postgresBackupAdvice(stores.where, file))),
    doctor: () => runDoctor(deps.env ?? {}, { fetch: globalThis.fetch, checkIndex: checkSavedIndex }),
  };
  const page = config.page ? createPageRoom(config.page, { links: stores.links, clock }) : undefined;
  const services: Services = { clock, timezone: config.timezone, logger, corpus, library: corpus, ledger, reminders, ops, readFile: (path) => readFile(path), downloads: { dir: join(config.dataDir, 'incoming'), maxFileBytes: config.maxFileBytes, timeoutMs: config.downloadTimeoutMs }, privacy, page: page?.links, languages };
  // Sensitive askers: commands read the ledger masked unless the rule (src/ledger/privacy.ts) lets this reader see names.
  const masked: Services = { ...services, ledger: maskedLedger(ledger, privacy) };
  const servicesFor = ({ incoming, actor, command }: { incoming: Incoming; actor: Actor; command: string }) =>
    revealsNames({ local: incoming.platform === 'console' || incoming.platform === 'cli', isCoordinator: actor.isCoordinator, isDirect: incoming.isDirect, privateChannel: privacy.isPrivateChannel(incoming.channel), export: command === 'export' })
      ? services
      : masked;
  const core = createCore({ registry: buildRegistry(), services, servicesFor, coordinators: config.coordinators, logger, maxInputChars: config.maxInputChars, logContent: config.log.content, rateLimiter: new RateLimiter(config.rateLimitPerMinute, clock), storage });
  return {
    config,
    db,
    stores,
    deliveries,
    kv,
    storage,
    services,
    core,
    page,
    ready: corpus.ready,
    close: () => stores.close(),
  };
}

/** A start-up failure as a sentence: the error code and path, never a stack. */
export function describeStartError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return [e.code, e.path].filter(Boolean).join(' at ') || (e instanceof Error ? e.message : String(err));
}

export interface OpenOptions {
  /** where a start-up failure is told, as a sentence */
  stderr: Pick<Writable, 'write'>;
  /** the log level for this process, from the configured one */
  logLevel?: (config: Config) => string;
  pretty?: boolean;
}

/**
 * How every process starts, written once: the settings (every bad one named, exit code 2), the logger, the
 * app (a data dir that cannot be opened: one sentence pointing at `doctor`, exit code 2).
 */
export function openApp(env: Record<string, string | undefined>, options: OpenOptions): { app: App; logger: Logger } | { exitCode: number } {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    options.stderr.write(err.message + '\n');
    return { exitCode: 2 };
  }
  const logger = createLogger({ level: options.logLevel?.(config) ?? config.log.level, pretty: options.pretty });
  try {
    return { app: buildApp(config, { logger, env }), logger };
  } catch (err) {
    logger.fatal({ err: { code: asCodedError(err).code } }, 'could not open the data dir');
    options.stderr.write(`pledgewatch could not open its data: ${describeStartError(err)}. Run \`npx pledgewatch doctor\` to see what is wrong.\n`);
    return { exitCode: 2 };
  }
}

export interface BotOptions {
  logger: Logger;
  /** the terminal chat, when this process runs it */
  console?: { input: Readable; output: Writable; onClose: () => void };
}

export interface Bot {
  adapters: Adapter[];
  /** the reminder loop first (it finishes the post under way while the adapters can still send), then the adapters, then the rest */
  stop(): Promise<void>;
}

/**
 * The running bot around an app: the adapters the settings name (Slack and Matrix loaded only when
 * configured: console-only users never load Bolt or matrix-js-sdk), the reminder loop with their senders,
 * the pruning of old delivery records and the health endpoint. An adapter that cannot start stops what
 * did start and throws.
 */
export async function startBot(app: App, options: BotOptions): Promise<Bot> {
  const { config } = app;
  const { logger } = options;
  const clock = app.services.clock;
  const adapters: Adapter[] = [];
  const stoppers: Array<() => Promise<void> | void> = [];
  let lastReminderTick: Date | undefined;
  let stopReminders: (() => Promise<void>) | undefined;
  /** this process among the replicas sharing a PostgreSQL database: its reminder claims and /healthz carry it */
  const replicaId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  const stop = async () => {
    await stopReminders?.().catch((err) => logger.warn({ err }, 'the reminder loop did not stop cleanly'));
    for (const a of adapters) await a.stop().catch((err) => logger.warn({ err, adapter: a.platform }, 'adapter did not stop cleanly'));
    for (const s of stoppers.reverse()) await Promise.resolve(s()).catch((err) => logger.warn({ err }, 'a component did not stop cleanly'));
  };

  // --- adapters ---
  if (options.console) adapters.push(createConsoleAdapter({ core: app.core, ...options.console }));
  if (config.slack) {
    // Socket Mode or HTTP mode, from the settings; the reminder loop gets its sender through `adapters`.
    const { createSlackAdapter } = await import('../adapters/slack/slack-adapter.js');
    adapters.push(createSlackAdapter({ config: config.slack, core: app.core, deliveries: app.deliveries.for('slack'), sharedDeliveries: config.database !== undefined, kv: app.kv, storage: app.storage, clock, logger }));
  }
  // The reminder loop's senders, read at each tick: a replica that becomes the Matrix leader adds Matrix's.
  const senders = new Map<string, Sender>();
  let matrixLeader: LedAdapter | undefined;
  if (config.matrix) {
    // matrix-js-sdk is large. Its sender reaches the reminder loop through `senders`.
    const { createMatrixAdapter } = await import('../adapters/matrix/matrix-adapter.js');
    const matrix = config.matrix;
    const make = () => createMatrixAdapter({ config: matrix, core: app.core, deliveries: app.deliveries.for('matrix'), kv: app.kv, clock, timezone: config.timezone, logger });
    if (config.database) {
      // On PostgreSQL other replicas may share the database: one at a time syncs and sends (the leader lease).
      const database = config.database;
      matrixLeader = ledAdapter({
        platform: 'matrix',
        make,
        lease: (onChange) => startLeaderLease({ url: database.url, name: `matrix:${matrix.userId}`, checkMs: database.leaderCheckMs, logger, onChange }),
        senderChanged: (s) => (s ? senders.set('matrix', matrixLeader!.sender) : senders.delete('matrix')),
        logger,
      });
      adapters.push(matrixLeader);
    } else adapters.push(make());
  }
  try {
    for (const a of adapters) await a.start();
  } catch (err) {
    await stop();
    throw err;
  }
  for (const a of adapters) if (a !== matrixLeader) senders.set(a.platform, a.sender);

  // --- the ledger page --- (a port in use leaves the bot running without the page, and says so)
  const privacy = app.services.privacy!;
  if (app.page) {
    try {
      const page = await app.page.start({ ledger: app.services.ledger, privacy, timezone: config.timezone, logger });
      logger.info({ port: page.port }, 'ledger page listening');
      stoppers.push(() => page.close());
    } catch (err) {
      logger.error({ code: (err as NodeJS.ErrnoException).code, port: config.page?.port }, 'the ledger page could not listen; running without it (set PLEDGEWATCH_PAGE_PORT)');
    }
  }

  // --- reminder loop --- Rows of a platform without a running adapter wait in the database until one runs.
  const reminderLoop = createReminderLoop({
    reminders: app.services.reminders,
    senders,
    owner: replicaId,
    clock,
    logger,
    graceHours: config.reminders.graceHours,
  });
  // /healthz reports the age of the last finished tick.
  stopReminders = startReminderSchedule(reminderLoop, logger, (at) => (lastReminderTick = at)).stop;

  // --- housekeeping --- the adapters' record of handled deliveries: Slack redelivers within minutes, and a
  // Matrix restart may replay weeks-old events, so 30 days is kept; older records only cost space.
  const pruneDeliveries = () => {
    try {
      const removed = app.deliveries.prune(DELIVERIES_KEEP_MS, clock.now().getTime());
      if (removed) logger.info({ removed }, 'pruned old delivery records');
    } catch (err) {
      logger.warn({ err }, 'could not prune delivery records');
    }
  };
  pruneDeliveries();
  const pruning = setInterval(pruneDeliveries, 24 * 3_600_000);
  pruning.unref();
  stoppers.push(() => clearInterval(pruning));

  // --- answers lost to a crash or an outage (taken, never answered), counted from the delivery log ---
  stoppers.push(countLostAnswers({ deliveries: app.deliveries, kv: app.kv, clock, logger, adapters: adapters.map((a) => a.platform).filter((p) => p !== 'console') }));

  // --- the data dir deleted under the running bot: noticed within seconds (and before every command) ---
  stoppers.push(app.storage.watch(STORAGE_CHECK_MS));

  // --- health endpoint ---
  if (config.health) {
    const { server, port } = await startHealthServer(config.health.host, config.health.port, {
      adapters: () => adapters,
      ping: app.stores.ping,
      storage: app.storage,
      clock,
      lastReminderTick: () => lastReminderTick,
      replica: config.database ? () => ({ id: replicaId, leader: (matrixLeader ? { matrix: matrixLeader.leading() } : {}) as Record<string, boolean> }) : undefined,
    });
    logger.info({ port }, 'health endpoint listening');
    stoppers.push(() => new Promise<void>((resolve) => (server as Server).close(() => resolve())));
  }
  return { adapters, stop };
}
