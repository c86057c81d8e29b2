import type { MatrixClient } from 'matrix-js-sdk';
import type { Logger } from 'pino';
import type { MatrixConfig } from '../../src/config/config.js';
import type { DeliveryLog } from '../../src/storage/delivery-log.js';
import type { KeyValue } from '../../src/storage/key-value.js';

/** What every part of the Matrix adapter shares: settings, its delivery log and key-value records, the log, the clock and the running client. */
export interface MatrixContext {
  config: MatrixConfig;
  /** the bot's own user id */
  me: string;
  /** Matrix's delivery log (app.deliveries.for('matrix')): the events it took, the notices it posted once */
  deliveries: DeliveryLog;
  /** the sync position ("alive-at"), rooms joined, invites answered */
  kv: KeyValue;
  log: Logger;
  now(): number;
  /** the SDK client while running */
  client(): MatrixClient | undefined;
  /** work that runs on its own (an answer, an invite, a back-fill): its failure is logged, and stop() waits for it */
  track(work: Promise<unknown>): void;
  /** calls `wake` when the adapter stops (for whatever waits on a sync), until `wake` is removed again */
  onStop(wake: () => void): () => void;
}

/** The adapter's own records: key-value entries (prefixed matrix:) and delivery-log keys (the log is Matrix's own). */
export const inboxKeys = {
  /** the last moment the bot was known to be syncing */
  aliveAt: 'matrix:alive-at',
  /** when the bot joined a room: everything before is history */
  joinedAt: (roomId: string) => `matrix:joined-at:${roomId}`,
  /** a command, claimed before it is answered */
  event: (eventId: string) => `event:${eventId}`,
  /** the bot's direct-message room with a user (private replies) */
  dmWith: (userId: string) => `matrix:dm-with:${userId}`,
  /** a room the bot joined on an invite marked as direct */
  direct: (roomId: string) => `matrix:direct:${roomId}`,
  /** an invite already answered (joined or declined) */
  invite: (inviteEventId: string) => `matrix:invite:${inviteEventId}`,
  /** the encrypted-room notice already posted there */
  e2eNotice: (roomId: string) => `e2e-notice:${roomId}`,
};

/** Pending work and stop wake-ups: the adapter's `track` and `onStop`, and the stop that drains them. */
export function createTasks(log: Logger) {
  const pending = new Set<Promise<unknown>>();
  const wakers = new Set<() => void>();
  return {
    track(work: Promise<unknown>) {
      const q = work.catch((err) => log.error({ errName: (err as Error)?.name, code: (err as { code?: string })?.code }, 'matrix handler failed'));
      pending.add(q);
      void q.finally(() => pending.delete(q));
    },
    onStop(wake: () => void) {
      wakers.add(wake);
      return () => wakers.delete(wake);
    },
    /** wakes every waiter, then waits for the pending work */
    async drain() {
      for (const wake of [...wakers]) wake();
      await Promise.allSettled([...pending]);
    },
  };
}
