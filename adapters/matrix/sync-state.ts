import { ClientEvent, Filter, SyncState, type MatrixClient } from 'matrix-js-sdk';
import type { AdapterStatus } from '../../src/core/adapter.js';
import { inboxKeys, type MatrixContext } from './context.js';

/** events per room in the first sync of a start */
export const INITIAL_SYNC_LIMIT = 20;
/** events per room in each later sync (servers default to 10); a busier room still gets its gap filled (gap-filler.ts) */
export const TIMELINE_LIMIT = 50;
/** a message the server stamped just before a sync answer may come in the next one; event ids make a second look harmless */
const ALIVE_MARGIN_MS = 2_000;
const ALIVE_WRITE_EVERY_MS = 5_000;

/** The sync filter: how many events per room each sync after the first may hand out. */
export function syncFilter(userId: string, timelineLimit = TIMELINE_LIMIT): Filter {
  const filter = new Filter(userId);
  filter.setTimelineLimit(timelineLimit);
  return filter;
}

const LIVE = new Set<SyncState | null>([SyncState.Prepared, SyncState.Syncing, SyncState.Catchup]);

/**
 * Where the bot stands with the homeserver: the SDK's sync state (for /healthz), a token rejected while running,
 * and "alive-at", the last moment it finished processing a sync, kept in the Inbox across restarts. The timing
 * rules (message-policy.ts) need this run's start and the previous run's last alive moment.
 */
export function createSyncState(ctx: Pick<MatrixContext, 'inbox' | 'log' | 'now'>) {
  const { inbox, log, now } = ctx;
  let state: SyncState | null = null;
  let loggedOut = false;
  let startedAt = 0;
  let previousAliveAt: number | undefined;
  let lastAliveWrite = 0;
  let lastSyncAt: number | undefined;

  function writeAlive(t: number) {
    lastAliveWrite = t;
    inbox.set(inboxKeys.aliveAt, String(t), now());
  }

  return {
    /** this run's start (ms) */
    get startedAt() {
      return startedAt;
    },
    /** the last moment the previous run was listening, less a margin; undefined on the very first start */
    get previousAliveAt() {
      return previousAliveAt;
    },
    begin() {
      startedAt = now();
      const alive = inbox.get(inboxKeys.aliveAt);
      previousAliveAt = alive !== undefined ? Number(alive) - ALIVE_MARGIN_MS : undefined;
    },
    /**
     * A new sync state; returns whether the bot is live. Records when it last finished processing a sync: everything
     * the server had before then was seen (not "now" at stop: a long-poll cut short may have been about to deliver).
     */
    synced(next: SyncState, prev: SyncState | null): boolean {
      state = next;
      const live = LIVE.has(next);
      if (live) {
        const t = now();
        lastSyncAt = t;
        if (t - lastAliveWrite >= ALIVE_WRITE_EVERY_MS) writeAlive(t);
      }
      const troubled = (s: SyncState | null) => s === SyncState.Error || s === SyncState.Reconnecting;
      if (next !== prev && (troubled(next) || troubled(prev))) log.info({ state: next }, 'matrix sync state');
      return live;
    },
    tokenRejected() {
      loggedOut = true;
      log.error({ code: 'token-rejected' }, 'the homeserver rejected the access token while running; get a new one (docs/matrix.md)');
    },
    stopped() {
      if (lastSyncAt !== undefined && lastSyncAt > lastAliveWrite) writeAlive(lastSyncAt);
      state = SyncState.Stopped;
    },
    status(running: boolean): AdapterStatus {
      if (loggedOut) return { connected: false, detail: 'token rejected' };
      if (LIVE.has(state)) return { connected: true };
      if (state === SyncState.Error || state === SyncState.Reconnecting) return { connected: false, detail: 'reconnecting' };
      return { connected: false, detail: running ? 'starting' : 'stopped' };
    },
  };
}

export type SyncStateTracker = ReturnType<typeof createSyncState>;

/** Resolves at the first PREPARED, or after `timeoutMs` (the sync then goes on in the background). */
export function firstSync(client: MatrixClient, timeoutMs: number, log: MatrixContext['log']): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      log.warn('first Matrix sync is slow; carrying on in the background');
      resolve();
    }, timeoutMs);
    timer.unref?.();
    const onFirst = (s: SyncState) => {
      if (s !== SyncState.Prepared) return;
      clearTimeout(timer);
      client.off(ClientEvent.Sync, onFirst);
      resolve();
    };
    client.on(ClientEvent.Sync, onFirst);
  });
}
