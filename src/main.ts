import { pathToFileURL } from 'node:url';
import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import type { Adapter } from './core/adapter.js';
import { createLogger } from './logging.js';

/**
 * The composition root: config → app (store, corpus, ledger, reminders, core) → adapters and the reminder
 * loop. The only file that knows every room.
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
  const app = buildApp(config, { logger });
  const adapters: Adapter[] = [];

  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const a of adapters) await a.stop().catch((err) => logger.warn({ err, adapter: a.platform }, 'adapter did not stop cleanly'));
    app.close();
    process.exitCode = code;
  };

  if (wantConsole) {
    adapters.push(createConsoleAdapter({ core: app.core, input: process.stdin, output: process.stdout, onClose: () => void shutdown(0) }));
  }
  for (const a of adapters) await a.start();
  process.once('SIGTERM', () => void shutdown(0));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), process.env).catch((err) => {
    process.stderr.write(`pledgewatch could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
