import { MatrixEventEvent, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { MatrixContext } from './context.js';

export interface EncryptedEventsOptions {
  /** the command path, for a decrypted event */
  take: (event: MatrixEvent, room: Room) => void;
  /** a key that arrives later than this after the message was sent: the message is not answered any more */
  catchUpMs: number;
}

/** at most this many events wait for a late key at once (the oldest are given up first) */
const MAX_WAITING = 1_000;

/**
 * Encrypted messages (live, or found in a gap): decrypted by the SDK's Rust crypto, then handed to the command path
 * like any other. One that cannot be decrypted (no key: withheld, sent before the bot joined, not yet arrived) gets
 * no answer and is logged once with the SDK's reason code. The SDK tries again by itself when a key arrives; the
 * message is then answered if it is still within the catch-up window, and logged as too late if not.
 */
export function createEncryptedEvents(ctx: Pick<MatrixContext, 'client' | 'log' | 'now'>, options: EncryptedEventsOptions) {
  const { log } = ctx;
  /** events that failed to decrypt, waiting for a late key: event id → stop listening */
  const waiting = new Map<string, () => void>();

  function decrypted(event: MatrixEvent, room: Room, failedBefore: boolean): 'done' | 'wait' {
    const eventId = event.getId() ?? '';
    if (event.isDecryptionFailure()) {
      if (!failedBefore) log.info({ room: room.roomId, event: eventId, code: event.decryptionFailureReason ?? 'unknown' }, 'could not decrypt a message: not answered');
      return 'wait';
    }
    if (failedBefore && ctx.now() - event.getTs() > options.catchUpMs) {
      log.info({ room: room.roomId, event: eventId, code: 'late-key-too-old' }, 'a message\'s key came after the catch-up window: not answered');
      return 'done';
    }
    if (failedBefore) log.info({ room: room.roomId, event: eventId, code: 'late-key' }, 'a message\'s key came late: decrypted now');
    options.take(event, room);
    return 'done';
  }

  /** an encrypted event of a room the bot is in (`event.isEncrypted()`) */
  function seen(event: MatrixEvent, room: Room) {
    const eventId = event.getId();
    if (!eventId || waiting.has(eventId)) return;
    let failedBefore = false;
    const onDecrypted = () => {
      if (event.isBeingDecrypted()) return;
      const outcome = decrypted(event, room, failedBefore);
      if (outcome === 'done') {
        stop();
        return;
      }
      if (!failedBefore) {
        failedBefore = true;
        waiting.set(eventId, stop);
        if (waiting.size > MAX_WAITING) waiting.values().next().value?.();
      }
    };
    const stop = () => {
      event.off(MatrixEventEvent.Decrypted, onDecrypted);
      waiting.delete(eventId);
    };
    event.on(MatrixEventEvent.Decrypted, onDecrypted);
    const client = ctx.client();
    if (event.isBeingDecrypted()) return;
    if (event.shouldAttemptDecryption() && client) {
      void client.decryptEventIfNeeded(event).catch(() => undefined);
      return;
    }
    onDecrypted();
  }

  return {
    seen,
    /** stops waiting for late keys (the adapter stopped) */
    clear() {
      for (const stop of [...waiting.values()]) stop();
    },
  };
}
