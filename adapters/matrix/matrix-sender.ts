import { createHash } from 'node:crypto';
import { EventStatus, Method, RoomEvent, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { Logger } from 'pino';
import { ChannelRef } from '../../src/kernel/channel.js';
import type { Sender } from '../../src/kernel/sender.js';
import type { Reply } from '../../src/kernel/reply.js';
import { renderMessage, splitReply, type MatrixMessageContent } from './matrix-html.js';

export class MatrixSendError extends Error {
  constructor(
    readonly code: 'not-connected' | 'not-joined' | 'encrypted-room' | 'not-sent' | 'bad-channel',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MatrixSendError';
  }
}

/**
 * A stable transaction id for an idempotency key: the key itself when it is short and URL-safe (readable in
 * the homeserver's logs), else a hash of it. The same key always gives the same id, so a homeserver that
 * already has the event answers with it instead of posting again.
 */
export function transactionIdFor(key: string): string {
  if (/^[A-Za-z0-9._~-]{1,120}$/.test(key)) return key;
  return 'pw-' + createHash('sha256').update(key).digest('base64url').slice(0, 40);
}

/** The transaction id of part `i` of a message cut in several (part 0 keeps the message's own id). */
export const partTxnId = (txnId: string, i: number) => (i === 0 ? txnId : `${txnId}.${i}`);

export const roomIdOf = (channel: string): string | undefined => {
  const id = ChannelRef.idOn('matrix', channel);
  return id?.startsWith('!') ? id : undefined;
};

const sentKey = (roomId: string, txnId: string) => `${roomId}\n${txnId}`;

export interface MatrixSender extends Sender {
  /** posts prepared content with a fixed transaction id; resolves to the event id, throws MatrixSendError */
  sendContent(roomId: string, content: MatrixMessageContent, txnId: string): Promise<string>;
  /** a plain, unencrypted notice (into an encrypted room the SDK refuses to send anything) */
  sendPlainNotice(roomId: string, content: MatrixMessageContent, txnId: string): Promise<string>;
  /** follows the client's local echoes; call once per client */
  attach(client: MatrixClient): void;
}

/**
 * Sends through matrix-js-sdk, whose scheduler retries a 429 M_LIMIT_EXCEEDED with the same transaction id
 * after `retry_after_ms` (up to 4 times) and sends one message at a time. What it does not do, this does:
 * - a failed send (NOT_SENT: rate limited too long, homeserver away) throws, so a reminder stays queued;
 * - a later send with the same key resends the SDK's failed local event (the SDK refuses a second event with a
 *   known transaction id), and one already sent by this process is not sent again (its event id is kept in
 *   memory; whether a reminder was sent is the reminder row's to know, and after a restart `lookup` asks the
 *   homeserver's timeline);
 * - an encrypted room is refused with an error instead of pretending a reminder went out, unless the bot has its
 *   crypto (crypto.ts): then the SDK encrypts, and the send resolves once the server took the encrypted event.
 */
export function createMatrixSender(deps: { client: () => MatrixClient | undefined; userId: string; logger: Logger; now: () => number; encrypts?: () => boolean }): MatrixSender {
  const { logger } = deps;
  const sent = new Map<string, string>();
  const notSent = new Map<string, MatrixEvent>();
  const inFlight = new Map<string, Promise<string>>();

  function joinedRoom(roomId: string): { client: MatrixClient; room: Room } {
    const client = deps.client();
    if (!client) throw new MatrixSendError('not-connected', 'The Matrix connection is not running.');
    const room = client.getRoom(roomId);
    if (!room || room.getMyMembership() !== 'join') throw new MatrixSendError('not-joined', 'The bot is not in that Matrix room (invite it first).');
    return { client, room };
  }

  async function sendOnce(roomId: string, content: MatrixMessageContent, txnId: string): Promise<string> {
    const { client, room } = joinedRoom(roomId);
    if (room.hasEncryptionStateEvent() && !deps.encrypts?.()) {
      throw new MatrixSendError('encrypted-room', 'The Matrix room is end-to-end encrypted and the bot cannot post there; nothing was sent.');
    }
    const failed = notSent.get(`${roomId}\n${txnId}`);
    try {
      const res = failed ? await client.resendEvent(failed, room) : await client.sendEvent(roomId, 'm.room.message' as never, content as never, txnId);
      const eventId = res.event_id;
      sent.set(sentKey(roomId, txnId), eventId);
      return eventId;
    } catch (err) {
      const e = err as { errcode?: string; httpStatus?: number; name?: string };
      logger.warn({ room: roomId, txnId, errcode: e.errcode, httpStatus: e.httpStatus, errName: e.name }, 'matrix send failed');
      throw new MatrixSendError('not-sent', 'The homeserver did not take the message; it was not sent.', { cause: err });
    }
  }

  async function sendContent(roomId: string, content: MatrixMessageContent, txnId: string): Promise<string> {
    const done = sent.get(sentKey(roomId, txnId));
    if (done) return done;
    const k = `${roomId}\n${txnId}`;
    const running = inFlight.get(k);
    if (running) return running;
    const p = sendOnce(roomId, content, txnId).finally(() => inFlight.delete(k));
    inFlight.set(k, p);
    return p;
  }

  return {
    platform: 'matrix',
    attach(client) {
      // The SDK keeps a failed event (status NOT_SENT) under its transaction id; remember it to resend it.
      client.on(RoomEvent.LocalEchoUpdated, (event, room) => {
        const txnId = event.getTxnId();
        if (!txnId) return;
        const k = `${room.roomId}\n${txnId}`;
        if (event.status === EventStatus.NOT_SENT) notSent.set(k, event);
        else notSent.delete(k);
      });
    },
    sendContent,
    async sendPlainNotice(roomId, content, txnId) {
      const { client } = joinedRoom(roomId);
      const path = `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
      const res = await client.http.authedRequest<{ event_id: string }>(Method.Put, path, undefined, content);
      sent.set(sentKey(roomId, txnId), res.event_id);
      return res.event_id;
    },
    async send(channel: string, reply: Reply, key: string) {
      const roomId = roomIdOf(channel);
      if (!roomId) throw new MatrixSendError('bad-channel', `"${channel}" is not a Matrix room channel (matrix:!room:server).`);
      // A reply too large for one event goes as several, each with its own stable id; the first one is the message.
      const ids: string[] = [];
      for (const [i, part] of splitReply(reply).entries()) ids.push(await sendContent(roomId, renderMessage(part), partTxnId(transactionIdFor(key), i)));
      return { messageId: ids[0]! };
    },
    async lookup(channel: string, key: string) {
      const roomId = roomIdOf(channel);
      if (!roomId) return undefined;
      const txnId = transactionIdFor(key);
      const known = sent.get(sentKey(roomId, txnId));
      if (known) return { messageId: known };
      // After a crash between send and record: the homeserver shows our own events with their transaction id.
      const room = deps.client()?.getRoom(roomId);
      const mine = room
        ?.getLiveTimeline()
        .getEvents()
        .find((e) => e.getSender() === deps.userId && e.getUnsigned().transaction_id === txnId && !e.status);
      const id = mine?.getId();
      return id && !id.startsWith('~') ? { messageId: id } : undefined;
    },
  };
}
