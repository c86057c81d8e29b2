// First: quiets the SDK's console logging before any other SDK module loads.
import { routeSdkLogging, sdkLogger } from './sdk-logging.js';
import { ClientEvent, createClient, HttpApiEvent, RoomEvent, SyncState, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { Logger } from 'pino';
import type { MatrixConfig } from '../../src/config/config.js';
import type { Adapter } from '../../src/core/adapter.js';
import { systemClock, type Clock } from '../../src/kernel/clock.js';
import type { Core } from '../../src/core/core.js';
import type { DeliveryLog } from '../../src/storage/delivery-log.js';
import type { KeyValue } from '../../src/storage/key-value.js';
import { createAnswering } from './answering.js';
import { createTasks, type MatrixContext } from './context.js';
import { createCrypto, type MatrixCrypto } from './crypto.js';
import { createEncryptedEvents } from './encrypted-events.js';
import { createEncryptedRooms } from './encrypted-rooms.js';
import { matrixFiles } from './file-intake.js';
import { createGapFiller } from './gap-filler.js';
import { createInvites } from './invites.js';
import { createMatrixSender, type MatrixSender } from './matrix-sender.js';
import { logPermissions } from './permissions.js';
import { checkHomeserverUrl, checkLogin } from './start-checks.js';
import { createSyncState, firstSync, INITIAL_SYNC_LIMIT, syncFilter } from './sync-state.js';

export { replyTxnId } from './answering.js';

export interface MatrixAdapterOptions {
  config: MatrixConfig;
  core: Core;
  /** Matrix's delivery log (app.deliveries.for('matrix')): the events it took */
  deliveries: DeliveryLog;
  /** the sync position ("alive-at"), rooms joined, invites */
  kv: KeyValue;
  logger: Logger;
  clock?: Clock;
  /** a command sent while the bot could not hear it is still answered when younger than this (default 10 min) */
  catchUpMs?: number;
  /** the coalition's time zone, for times the bot mentions (default UTC) */
  timezone?: string;
  /** the /sync long-poll (default 30 s) */
  pollTimeoutMs?: number;
  /** events per room in each sync after the first (default 50; tests lower it to provoke gappy syncs) */
  timelineLimit?: number;
  /** back-filling a gap: events per /messages page (default 100) and the bound, pages per gap (default 5) */
  backfill?: { pageSize?: number; maxPages?: number };
  /** how long start() waits for the first sync before going on in the background (default 60 s) */
  firstSyncTimeoutMs?: number;
}

export interface MatrixAdapter extends Adapter {
  readonly sender: MatrixSender;
  /** the SDK client while running (tests and diagnostics) */
  client(): MatrixClient | undefined;
}

/**
 * Pledgewatch in Matrix rooms: translates timeline events into Incoming and Replies into threaded m.notice
 * messages, and holds no business rule. The parts, each in its own file:
 * - timeline-filter.ts: which events are commands for the bot;
 * - answering.ts: timing (message-policy.ts), the delivery-log claim, the core, the threaded reply;
 * - gap-filler.ts: back-fills what a busy room's gappy syncs, or a restart, left out;
 * - invites.ts and permissions.ts: who may bring the bot into a room, and where power levels count;
 * - crypto.ts and encrypted-events.ts: end-to-end encryption (when a crypto store key is set): the persisted
 *   crypto store and decrypting what comes in; encrypted-rooms.ts: without it, the one notice in a room the bot cannot read;
 * - sync-state.ts: connection status and the "alive-at" record that tells a restart what it missed;
 * - matrix-sender.ts: sending, with stable transaction ids.
 */
export function createMatrixAdapter(options: MatrixAdapterOptions): MatrixAdapter {
  const { config, deliveries, kv } = options;
  const clock = options.clock ?? systemClock;
  const log = options.logger.child({ module: 'matrix' });
  const tasks = createTasks(log);
  let client: MatrixClient | undefined;
  const ctx: MatrixContext = { config, me: config.userId, deliveries, kv, log, now: () => clock.now().getTime(), client: () => client, track: tasks.track, onStop: tasks.onStop };

  let storeFailure: string | undefined;
  const crypto: MatrixCrypto | undefined = config.cryptoStore
    ? createCrypto(ctx, (reason) => {
        // Nothing more may be acknowledged to the homeserver that the store could not keep: stop syncing.
        storeFailure = reason;
        log.error({ code: 'crypto-store-failed' }, `${reason}: the bot stopped reading Matrix until it is restarted`);
        client?.stopClient();
      })
    : undefined;
  const sender = createMatrixSender({ client: ctx.client, userId: ctx.me, logger: log, now: ctx.now, encrypts: () => crypto !== undefined });
  const sync = createSyncState(ctx);
  const catchUpMs = options.catchUpMs ?? 10 * 60_000;
  const answering = createAnswering(ctx, { core: options.core, sender, sync, catchUpMs, timezone: options.timezone ?? 'UTC', files: matrixFiles(ctx) });
  const decrypting = createEncryptedEvents(ctx, { take: answering.take, catchUpMs });
  /** a room event, live or from a gap: an encrypted one is decrypted first */
  const take = (event: MatrixEvent, room: Room) => (crypto && event.isEncrypted() ? decrypting.seen(event, room) : answering.take(event, room));
  const gaps = createGapFiller({ client: ctx.client, log, isHistory: (room, ts) => answering.whenSent(room, ts) === 'history', take, track: ctx.track, ...options.backfill });
  const invites = createInvites(ctx);
  const encrypted = createEncryptedRooms(ctx, sender);

  function onTimeline(event: MatrixEvent, room: Room | undefined, toStartOfTimeline: boolean | undefined, removed: boolean) {
    if (!room || toStartOfTimeline || removed) return;
    gaps.saw(room.roomId, event.getId());
    if (!crypto && event.getType() === 'm.room.encrypted') encrypted.note(room);
    else take(event, room);
  }

  function onSync(next: SyncState, prev: SyncState | null) {
    if (!sync.synced(next, prev)) return;
    for (const room of client?.getRooms() ?? []) {
      if (room.getMyMembership() === 'invite') invites.consider(room);
      else if (!crypto && room.getMyMembership() === 'join' && room.hasEncryptionStateEvent()) encrypted.note(room);
    }
    if (next === SyncState.Prepared && prev !== SyncState.Prepared) gaps.firstSync(client?.getRooms() ?? []);
  }

  return {
    platform: 'matrix',
    sender,
    client: ctx.client,
    async start() {
      routeSdkLogging(log);
      checkHomeserverUrl(config.homeserverUrl);
      sync.begin();
      const c = createClient({ baseUrl: config.homeserverUrl, accessToken: config.accessToken, userId: ctx.me, logger: sdkLogger(log) });
      const { deviceId } = await checkLogin(c, config.homeserverUrl, ctx.me);
      storeFailure = undefined;
      await crypto?.start(c, deviceId);
      client = c;
      sender.attach(c);
      c.on(RoomEvent.Timeline, onTimeline);
      c.on(RoomEvent.TimelineReset, (room, timelineSet) => room && timelineSet === room.getUnfilteredTimelineSet() && gaps.timelineReset(room));
      c.on(RoomEvent.MyMembership, (room, membership) => membership === 'invite' && invites.consider(room));
      c.on(ClientEvent.Sync, onSync);
      c.on(HttpApiEvent.SessionLoggedOut, () => sync.tokenRejected());
      const prepared = firstSync(c, options.firstSyncTimeoutMs ?? 60_000, log);
      const filter = syncFilter(ctx.me, options.timelineLimit);
      await c.startClient({ filter, initialSyncLimit: INITIAL_SYNC_LIMIT, disablePresence: true, pollTimeout: options.pollTimeoutMs ?? 30_000, lazyLoadMembers: false });
      await prepared;
      log.info({ rooms: c.getRooms().filter((r) => r.getMyMembership() === 'join').length }, 'matrix connected');
      logPermissions(config, log);
    },
    async stop() {
      const c = client;
      if (!c) return;
      c.stopClient();
      decrypting.clear();
      await tasks.drain();
      sync.stopped();
      crypto?.stop();
      c.removeAllListeners();
      client = undefined;
    },
    status() {
      const status = storeFailure ? { connected: false, detail: storeFailure } : sync.status(client !== undefined);
      const c = crypto?.status();
      if (!c) return status;
      return { ...status, crypto: { deviceId: c.deviceId, fingerprint: c.fingerprint, crossSigned: c.crossSigned, storeOk: c.storeOk, heldByThisProcess: c.held, records: c.stats.records, storeBytes: c.stats.snapshotBytes + c.stats.journalBytes } };
    },
  };
}
