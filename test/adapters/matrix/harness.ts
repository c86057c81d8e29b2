import { resolve } from 'node:path';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import type { Clock } from '../../../src/kernel/clock.js';
import { createLogger, silentLogger } from '../../../src/logging.js';
import { createMatrixAdapter, type MatrixAdapter, type MatrixAdapterOptions } from '../../../adapters/matrix/matrix-adapter.js';
import { FakeHomeserver } from '../../fakes/fake-homeserver.js';

export const BOT = '@pledgewatch:fake.test';
export const BOT_TOKEN = 'bot-token';
export const ALICE = '@alice:fake.test';
export const MIA = '@mia:fake.test';
export const STRANGER = '@stranger:elsewhere.test';
const repoRoot = resolve(import.meta.dirname, '../../..');

/** A fake homeserver with the bot, alice (coordinator by config) and mia (a member). */
export async function fakeHomeserver(): Promise<FakeHomeserver> {
  const hs = await FakeHomeserver.start();
  hs.setMaxListeners(100);
  hs.addUser(BOT, BOT_TOKEN);
  return hs;
}

export interface Bot {
  app: App;
  adapter: MatrixAdapter;
  stop(): Promise<void>;
}

/** The real app (buildApp) with the real Matrix adapter, pointed at the fake homeserver. */
export async function startBot(
  hs: FakeHomeserver,
  dataDir: string,
  env: Record<string, string> = {},
  options: Partial<MatrixAdapterOptions> = {},
  appClock?: Clock,
): Promise<Bot> {
  return startBotAt({ url: hs.url, userId: BOT, token: BOT_TOKEN }, dataDir, env, options, appClock);
}

/** The same, against any homeserver (a real Synapse): the bot's account is `server`'s. */
export async function startBotAt(
  server: { url: string; userId: string; token: string },
  dataDir: string,
  env: Record<string, string> = {},
  options: Partial<MatrixAdapterOptions> = {},
  /** the app's clock (ledger, reminders); the adapter keeps real time, which the homeserver stamps events with */
  appClock?: Clock,
): Promise<Bot> {
  const config = loadConfig(
    {
      PLEDGEWATCH_DATA_DIR: dataDir,
      PLEDGEWATCH_COORDINATORS: `matrix:${ALICE}`,
      MATRIX_HOMESERVER_URL: server.url,
      MATRIX_USER_ID: server.userId,
      MATRIX_ACCESS_TOKEN: server.token,
      MATRIX_ALLOWED_INVITERS: ALICE,
      ...env,
    },
    repoRoot,
  );
  // PW_TEST_LOG=debug shows the adapter's log while debugging a test
  const logger = process.env.PW_TEST_LOG ? createLogger({ level: process.env.PW_TEST_LOG }) : silentLogger();
  const app = buildApp(config, { logger, clock: appClock });
  const adapter = createMatrixAdapter({ config: config.matrix!, core: app.core, inbox: app.inbox, logger, pollTimeoutMs: 5_000, ...options });
  try {
    await adapter.start();
  } catch (err) {
    app.close();
    throw err;
  }
  let stopped = false;
  return {
    app,
    adapter,
    async stop() {
      if (stopped) return;
      stopped = true;
      await adapter.stop();
      app.close();
    },
  };
}
