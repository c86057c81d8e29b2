import { pathToFileURL } from 'node:url';
import { openApp, startBot, type Bot } from './app.js';
import type { Config } from './config/config.js';

/**
 * The bot's process: the composition root (src/app.ts) opens the app and starts the bot; this file owns
 * what belongs to the process: which chat to run, signals, exit codes.
 */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<void> {
  // The terminal chat runs when asked for, or when no chat platform is configured.
  const chatInTerminal = (config: Config) => argv.includes('--console') || (!config.slack && !config.matrix);
  const opened = openApp(env, {
    stderr: process.stderr,
    // In the terminal chat, info logs would interleave with the conversation: show warnings only.
    logLevel: (config) => (chatInTerminal(config) && config.log.level === 'info' ? 'warn' : config.log.level),
    pretty: process.stderr.isTTY === true,
  });
  if ('exitCode' in opened) {
    process.exitCode = opened.exitCode;
    return;
  }
  const { app, logger } = opened;
  await app.ready; // the corpus folder's PDF, Word and HTML files are in the library before the first question
  app.services.library?.warm();
  const wantConsole = chatInTerminal(app.config);
  let bot: Bot | undefined;

  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down');
    await bot?.stop();
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

  try {
    bot = await startBot(app, {
      logger,
      // After `quit` the paused stdin (a terminal or a pipe) still holds the event loop open: exit once stopped.
      console: wantConsole ? { input: process.stdin, output: process.stdout, onClose: () => void shutdown(0).then(() => process.exit()) } : undefined,
    });
  } catch (err) {
    logger.fatal({ err }, 'an adapter could not start');
    process.stderr.write(`pledgewatch could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    await shutdown(1);
    return;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), process.env).catch((err) => {
    process.stderr.write(`pledgewatch could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
