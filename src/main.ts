import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { buildApp } from './app.js';
import { describeStartError } from './cli.js';
import { ConfigError, loadConfig } from './config/config.js';
import type { Adapter } from './core/adapter.js';
import { createLogger } from './logging.js';
import { startHealthServer } from './ops/health.js';
import { deadlineForChannel } from './ledger/privacy.js';
import { createReminderLoop } from './reminders/loop.js';
import { startReminderSchedule } from './reminders/schedule.js';

const INBOX_KEEP_MS = 30 * 24 * 3_600_000;

/**
 * The composition root: config → app (store, corpus, ledger, reminders, core) → adapters, the reminder
 * loop and the health endpoint. The only file that knows every room.
 */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<void> {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + '\n');
      process.exitCode = 2;
      return;
    }
    throw err;
  }
  const wantConsole = argv.includes('--console') || (!config.slack && !config.matrix);
  // In the terminal chat, info logs would interleave with the conversation: show warnings only.
  const logger = createLogger({ level: wantConsole && config.log.level === 'info' ? 'warn' : config.log.level, pretty: process.stderr.isTTY === true });
  let app;
  try {
    app = buildApp(config, { logger, env });
  } catch (err) {
    logger.fatal({ err: { code: (err as NodeJS.ErrnoException).code } }, 'could not open the data dir');
    process.stderr.write(`pledgewatch could not open its data: ${describeStartError(err)}. Run \`npx pledgewatch doctor\` to see what is wrong.\n`);
    process.exitCode = 2;
    return;
  }
  const adapters: Adapter[] = [];
  const stoppers: Array<() => Promise<void> | void> = [];
  let lastReminderTick: Date | undefined;
  let stopReminders: (() => Promise<void>) | undefined;

  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down');
    // The reminder loop first (it finishes the post under way and releases its other claims, while the
    // adapters can still send), then stop taking commands, then the database.
    await stopReminders?.().catch((err) => logger.warn({ err }, 'the reminder loop did not stop cleanly'));
    for (const a of adapters) await a.stop().catch((err) => logger.warn({ err, adapter: a.platform }, 'adapter did not stop cleanly'));
    for (const stop of stoppers.reverse()) await Promise.resolve(stop()).catch((err) => logger.warn({ err }, 'a component did not stop cleanly'));
    app.close();
    process.exitCode = code;
    logger.flush?.();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: the operator wants out now.
      process.exit(130);
    }
    logger.info({ signal }, 'signal received');
    void shutdown(0).then(() => process.exit());
  };
  process.on('SIGTERM', onSignal);
  if (!wantConsole) process.on('SIGINT', onSignal);

  // --- adapters ---
  if (wantConsole) {
    // After `quit` the paused stdin (a terminal or a pipe) still holds the event loop open: exit once stopped.
    adapters.push(createConsoleAdapter({ core: app.core, input: process.stdin, output: process.stdout, onClose: () => void shutdown(0).then(() => process.exit()) }));
  }
  if (config.slack) {
    // Socket Mode or HTTP mode, from the settings; the reminder loop gets its sender through `adapters`.
    // Loaded only when configured, like Matrix: console-only users never load Bolt.
    const { createSlackAdapter } = await import('../adapters/slack/slack-adapter.js');
    adapters.push(createSlackAdapter({ config: config.slack, core: app.core, inbox: app.inbox, clock: app.services.clock, logger }));
  }
  if (config.matrix) {
    // Loaded only when configured: matrix-js-sdk is large. Its sender reaches the reminder loop through `adapters`.
    const { createMatrixAdapter } = await import('../adapters/matrix/matrix-adapter.js');
    adapters.push(createMatrixAdapter({ config: config.matrix, core: app.core, inbox: app.inbox, clock: app.services.clock, timezone: config.timezone, logger }));
  }

  try {
    for (const a of adapters) await a.start();
  } catch (err) {
    logger.fatal({ err }, 'an adapter could not start');
    process.stderr.write(`pledgewatch could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    await shutdown(1);
    return;
  }

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

  // --- reminder loop --- (call markTick(at) after every finished tick: /healthz reports its age)
  const markTick = (at: Date) => {
    lastReminderTick = at;
  };
  // Rows of a platform without a running adapter wait in the database until one runs.
  const reminderLoop = createReminderLoop({
    reminders: app.services.reminders,
    senders: new Map(adapters.map((a) => [a.platform, a.sender])),
    clock: app.services.clock,
    logger,
    graceHours: config.reminders.graceHours,
    present: deadlineForChannel(privacy),
  });
  stopReminders = startReminderSchedule(reminderLoop, logger, (at) => markTick(at)).stop;

  // --- housekeeping --- the adapters' record of handled deliveries: Slack redelivers within minutes, and a
  // Matrix restart may replay weeks-old events, so 30 days is kept; older records only cost space.
  const pruneInbox = () => {
    try {
      const removed = app.inbox.prune(INBOX_KEEP_MS, app.services.clock.now().getTime());
      if (removed) logger.info({ removed }, 'pruned old delivery records');
    } catch (err) {
      logger.warn({ err }, 'could not prune delivery records');
    }
  };
  pruneInbox();
  const pruning = setInterval(pruneInbox, 24 * 3_600_000);
  pruning.unref();
  stoppers.push(() => clearInterval(pruning));

  // --- health endpoint ---
  if (config.health) {
    const { server, port } = await startHealthServer(config.health.host, config.health.port, {
      adapters: () => adapters,
      db: app.db,
      clock: app.services.clock,
      lastReminderTick: () => lastReminderTick,
    });
    logger.info({ port }, 'health endpoint listening');
    stoppers.push(() => new Promise<void>((resolve) => (server as Server).close(() => resolve())));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), process.env).catch((err) => {
    process.stderr.write(`pledgewatch could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
