import { EventEmitter } from 'node:events';
import { LoggerLevel, Tracing } from '@matrix-org/matrix-sdk-crypto-wasm';
import { ClientEvent, createClient, MatrixEventEvent, RoomEvent, SyncState, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import type { MatrixUser, RealSynapse } from '../../fakes/real-synapse.js';

/** what a member's Element would show of a message: decrypted, with its reply relation */
export interface SeenMessage {
  id: string;
  sender: string;
  /** the type on the wire: m.room.encrypted when it was encrypted */
  wireType: string;
  decrypted: boolean;
  body: string;
  inReplyTo?: string;
  thread?: string;
}

/**
 * A room member's own matrix-js-sdk client with the Rust crypto (in memory: the member's device lives as long as
 * the test), as Element would be: it encrypts what it sends into an encrypted room and decrypts what it gets.
 */
export async function memberClient(hs: RealSynapse, user: MatrixUser) {
  const { device_id: deviceId } = await hs.api<{ device_id: string }>(user, 'GET', '/account/whoami');
  const client: MatrixClient = createClient({ baseUrl: hs.url, accessToken: user.token, userId: user.userId, deviceId });
  const { debug, info, log } = console;
  console.debug = console.info = console.log = () => undefined;
  try {
    await client.initRustCrypto({ useIndexedDB: false });
  } finally {
    Object.assign(console, { debug, info, log });
    new Tracing(LoggerLevel.Error).turnOn();
  }
  const changed = new EventEmitter();
  changed.setMaxListeners(100);
  const events = new Map<string, MatrixEvent>();
  client.on(RoomEvent.Timeline, (event) => {
    if (event.getId()) events.set(event.getId()!, event);
    changed.emit('change');
  });
  client.on(MatrixEventEvent.Decrypted, () => changed.emit('change'));
  const prepared = new Promise<void>((resolve) => client.on(ClientEvent.Sync, (s: SyncState) => s === SyncState.Prepared && resolve()));
  await client.startClient({ initialSyncLimit: 20, lazyLoadMembers: false });
  await prepared;

  const seen = (roomId: string): SeenMessage[] =>
    [...events.values()]
      .filter((e) => e.getRoomId() === roomId && e.getType() === 'm.room.message')
      .map((e) => {
        const rel = (e.getWireContent()['m.relates_to'] ?? e.getContent()['m.relates_to']) as { rel_type?: string; event_id?: string; 'm.in_reply_to'?: { event_id?: string } } | undefined;
        return {
          id: e.getId()!,
          sender: e.getSender()!,
          wireType: e.getWireType(),
          decrypted: e.isEncrypted() && !e.isDecryptionFailure(),
          body: String(e.getContent().body ?? ''),
          inReplyTo: rel?.['m.in_reply_to']?.event_id,
          thread: rel?.rel_type === 'm.thread' ? rel.event_id : undefined,
        };
      });

  return {
    client,
    deviceId,
    seen,
    /** resolves once `pred` holds for what the member sees (checked at each new event or decryption) */
    until<T>(pred: () => T | undefined | false, what: string, ms = 120_000): Promise<T> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const v = pred();
          if (!v) return;
          clearTimeout(timer);
          changed.off('change', check);
          resolve(v);
        };
        const timer = setTimeout(() => {
          changed.off('change', check);
          reject(new Error(`the member never saw ${what}`));
        }, ms);
        changed.on('change', check);
        check();
      });
    },
    /** replies from `from` to message `id`, as the member sees them */
    repliesTo(roomId: string, id: string, from: string) {
      return seen(roomId).filter((m) => m.sender === from && (m.inReplyTo === id || m.thread === id));
    },
    async send(roomId: string, body: string, extra: Record<string, unknown> = {}): Promise<string> {
      const { event_id } = await client.sendEvent(roomId, 'm.room.message' as never, { msgtype: 'm.text', body, ...extra } as never);
      return event_id;
    },
    stop() {
      client.stopClient();
    },
  };
}

export type MemberClient = Awaited<ReturnType<typeof memberClient>>;
