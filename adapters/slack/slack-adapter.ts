import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, SocketModeReceiver, type HTTPReceiver, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackConfig } from '../../src/config/config.js';
import type { Adapter, AdapterStatus } from '../../src/core/adapter.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Core } from '../../src/core/core.js';
import type { StorageGuard } from '../../src/storage/guard.js';
import type { DeliveryLog } from '../../src/storage/delivery-log.js';
import type { KeyValue } from '../../src/storage/key-value.js';
import { coordinatorGroup, errorCode } from './coordinator-group.js';
import { replyDelivery } from './deliver.js';
import { slackFiles } from './file-intake.js';
import { createHttpReceiver } from './http-receiver.js';
import { registerListeners } from './listeners.js';
import { answerTurns } from './turns.js';
import { slackSender } from './sender.js';
import { shareStore } from './share-store.js';
import { slackLogger } from './slack-logger.js';
import { slackMemory } from './slack-memory.js';

export interface SlackAdapterOptions {
  config: SlackConfig;
  core: Core;
  /** Slack's own delivery log (app.deliveries.for('slack')) */
  deliveries: DeliveryLog;
  /** the log is shared with other replicas (PostgreSQL): a delivery it cannot record is not answered */
  sharedDeliveries?: boolean;
  /** where the threads the bot answered in are kept */
  kv: KeyValue;
  /** told when the adapter's own writes fail or succeed (a full disk shows on /healthz) */
  storage?: Pick<StorageGuard, 'cannotSave' | 'wrote'>;
  clock: Clock;
  logger: Logger;
}

export interface SlackAdapter extends Adapter {
  /** HTTP mode: the port actually listened on (useful with SLACK_PORT=0) */
  readonly port: number | undefined;
}

/**
 * Retries of Slack Web API calls (the options of p-retry, which the WebClient passes on). @slack/web-api's default retries for about 30 minutes, on network errors
 * and 5xx too, and a lost response after a successful chat.postMessage then becomes a second post. Here
 * only a 429 is retried (Slack guarantees nothing was posted, and the client waits its Retry-After),
 * a few times; any other failure throws at once, so a reminder stays queued and the loop can `lookup`
 * before trying again.
 */
export const slackRetryPolicy = {
  retries: 4,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 5_000,
  // No new attempt after 15 s (a long Retry-After counts): the reminder loop gives a send 20 s, and a
  // retry still running after it gave up could post behind its back.
  maxRetryTime: 15_000,
  onFailedAttempt(error: Error) {
    if (!/rate limit/i.test(error.message)) throw error;
  },
};

/**
 * Slack through Bolt: Socket Mode when an app token is configured (no public URL needed), HTTP mode
 * (requests at /slack/events) with a signing secret and port. Both run the same listeners.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, core, deliveries, kv, clock, logger } = options;
  const boltLogger = slackLogger(logger);
  const log = logger.child({ module: 'slack' });
  const apiUrl = config.apiUrl ? config.apiUrl.replace(/\/?$/, '/') : undefined;
  let connected = false;
  let detail: string | undefined = 'not started';
  let port: number | undefined;

  const turns = answerTurns();
  let receiver: Receiver;
  let socketReceiver: SocketModeReceiver | undefined;
  let httpReceiver: HTTPReceiver | undefined;
  if (config.mode === 'socket') {
    if (!config.appToken) throw new Error('Slack Socket Mode needs SLACK_APP_TOKEN (xapp-…).');
    socketReceiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger,
      // apps.connections.open goes to the same Web API as everything else (SLACK_API_URL in tests)
      installerOptions: { clientOptions: apiUrl ? { slackApiUrl: apiUrl } : {} },
      // Socket Mode may deliver one envelope twice: its id becomes a dedupe key (context.envelopeId).
      customPropertiesExtractor: (args) => ({ envelopeId: (args as { envelope_id?: string }).envelope_id }),
    });
    const client = socketReceiver.client;
    client.on('connected', () => ((connected = true), (detail = undefined)));
    client.on('reconnecting', () => ((connected = false), (detail = 'reconnecting')));
    client.on('disconnected', () => ((connected = false), (detail = 'disconnected')));
    receiver = socketReceiver;
  } else {
    httpReceiver = createHttpReceiver({ signingSecret: config.signingSecret, logger: boltLogger, onRequest: turns.arrived });
    receiver = httpReceiver;
  }

  const app = new App({
    token: config.botToken,
    receiver,
    logger: boltLogger,
    // auth.test runs in start(), where a rejected token becomes a sentence instead of an unhandled rejection
    deferInitialization: true,
    // Bolt's conversation store would keep per-conversation state in memory; nothing here uses it.
    convoStore: false,
    // A hung call gives up after 20 s (and is not retried: see slackRetryPolicy).
    clientOptions: { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: slackRetryPolicy, timeout: 20_000 },
  });
  const client = app.client;
  const memory = slackMemory({ deliveries, kv, clock, logger, storage: options.storage, shared: options.sharedDeliveries });
  const group = coordinatorGroup(client, config.coordinatorGroup, clock, logger.child({ module: 'slack' }));
  const files = slackFiles(client, { botToken: config.botToken, apiUrl, logger: log });
  const listeners = registerListeners(app, {
    core,
    command: config.command,
    memory,
    delivery: replyDelivery(client, shareStore(clock), log),
    isGroupCoordinator: (user) => group.includes(user),
    clock,
    logger,
    turns,
    files,
  });

  return {
    platform: 'slack',
    sender: slackSender(client),
    get port() {
      return port;
    },
    async start() {
      try {
        await app.init();
      } catch (err) {
        const code = errorCode(err);
        detail = `token rejected (${code})`;
        throw new Error(
          code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked'
            ? `Slack refused SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token (xoxb-…) from the app's "OAuth & Permissions" page again.`
            : `Slack could not be reached to check SLACK_BOT_TOKEN (${code}). Check the network and SLACK_API_URL.`,
        );
      }
      if (httpReceiver) {
        // SLACK_HOST: loopback unless the operator opens it (a TLS proxy in another container needs 0.0.0.0).
        const server = (await httpReceiver.start({ port: config.port ?? 3000, host: config.host })) as Server;
        const address = server.address() as AddressInfo;
        port = address.port;
        connected = true;
        detail = undefined;
        log.info({ mode: 'http', host: address.address, port }, 'Slack adapter listening at /slack/events');
      } else {
        await socketReceiver!.start();
        log.info({ mode: 'socket' }, 'Slack adapter connected (Socket Mode)');
      }
    },
    async stop() {
      connected = false;
      detail = 'stopped';
      if (httpReceiver) {
        await httpReceiver.stop().catch(() => undefined);
      } else if (socketReceiver) {
        // The receiver's own stop() does not wait for the socket to close.
        await socketReceiver.client.disconnect().catch(() => undefined);
      }
      // Answers already under way finish (at most ~20 s per Slack call) before the database closes; a download
      // under way is cut (its file gets its sentence, if Slack still takes it).
      files.stop();
      await listeners.idle();
    },
    status: (): AdapterStatus => ({ connected, detail }),
  };
}
