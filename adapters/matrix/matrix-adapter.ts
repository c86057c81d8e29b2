// First: quiets the SDK's console logging before any other SDK module loads.
import { routeSdkLogging, sdkLogger } from './sdk-logging.js';
import { createHash } from 'node:crypto';
import {
  ClientEvent,
  createClient,
  HttpApiEvent,
  Preset,
  RoomEvent,
  Visibility,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
  type Room,
} from 'matrix-js-sdk';
import type { Logger } from 'pino';
import type { MatrixConfig } from '../../src/config/config.js';
import type { Adapter, AdapterStatus } from '../../src/core/adapter.js';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { Core } from '../../src/core/core.js';
import type { Incoming } from '../../src/core/incoming.js';
import { reply, type Reply } from '../../src/core/reply.js';
import type { Inbox } from '../../src/storage/inbox.js';
import { isAllowedInviter } from './invite-policy.js';
import { renderMessage, splitReply } from './matrix-html.js';
import { createMatrixSender, partTxnId, type MatrixSender } from './matrix-sender.js';
import { addressedText, timing } from './message-policy.js';
import { checkHomeserverUrl, checkLogin } from './start-checks.js';

export interface MatrixAdapterOptions {
  config: MatrixConfig;
  core: Core;
  inbox: Inbox;
  logger: Logger;
  clock?: Clock;
  /** a command sent while the bot could not hear it is still answered when younger than this (default 10 min) */
  catchUpMs?: number;
  /** the coalition's time zone, for times the bot mentions (default UTC) */
  timezone?: string;
  /** the /sync long-poll (default 30 s) */
  pollTimeoutMs?: number;
  /** how long start() waits for the first sync before going on in the background (default 60 s) */
  firstSyncTimeoutMs?: number;
}

export interface MatrixAdapter extends Adapter {
  readonly sender: MatrixSender;
  /** the SDK client while running (tests and diagnostics) */
  client(): MatrixClient | undefined;
}

const ALIVE_KEY = 'matrix:alive-at';
const ALIVE_MARGIN_MS = 2_000;
const joinedAtKey = (roomId: string) => `matrix:joined-at:${roomId}`;
const eventKey = (eventId: string) => `matrix:event:${eventId}`;
const directKey = (roomId: string) => `matrix:direct:${roomId}`;
const POWER_LEVEL_COORDINATOR = 50;
const INITIAL_SYNC_LIMIT = 20;

/**
 * Pledgewatch in Matrix rooms. Translates timeline events into Incoming and Replies into threaded m.notice
 * messages; holds no business rule.
 *
 * Restarts (the SDK keeps no sync position in Node, and Synapse may replay its cached first sync after
 * PREPARED): every command the bot takes is claimed in the Inbox by event id before it is answered, so nothing
 * is answered twice; the last moment the bot was syncing is kept in the Inbox ("alive-at"). On start, a command
 * from before that moment is history (the previous run had it); one sent while the bot was down is answered if
 * it is younger than `catchUpMs`, and otherwise gets a short "I missed this, please ask again" notice.
 */
export function createMatrixAdapter(options: MatrixAdapterOptions): MatrixAdapter {
  const { config, core, inbox } = options;
  const clock = options.clock ?? systemClock;
  const log = options.logger.child({ module: 'matrix' });
  const catchUpMs = options.catchUpMs ?? 10 * 60_000;
  const me = config.userId;
  const now = () => clock.now().getTime();
  const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: options.timezone ?? 'UTC', timeZoneName: 'short' });
  const sentAt = (ms: number) => timeFormat.format(new Date(ms));

  let client: MatrixClient | undefined;
  let state: SyncState | null = null;
  let loggedOut = false;
  let startedAt = 0;
  let previousAliveAt: number | undefined;
  let lastAliveWrite = 0;
  let lastSyncAt: number | undefined;
  const encryptedRoomsSeen = new Set<string>();
  const invitesInFlight = new Set<string>();
  const pending = new Set<Promise<unknown>>();

  const sender = createMatrixSender({ client: () => client, userId: me, inbox, logger: log, now });

  const track = (p: Promise<unknown>) => {
    const q = p.catch((err) => log.error({ errName: (err as Error)?.name, code: (err as { code?: string })?.code }, 'matrix handler failed'));
    pending.add(q);
    void q.finally(() => pending.delete(q));
  };
  /** wakes whatever waits for a sync when the adapter stops */
  const onStop = new Set<() => void>();

  /**
   * Records when the bot last finished processing a sync: everything the server had before then was seen.
   * (Not "now" at stop: a long-poll cut short by stop() may have been about to deliver a message.)
   */
  function markAlive(force = false) {
    const t = now();
    lastSyncAt = t;
    if (!force && t - lastAliveWrite < 5_000) return;
    writeAlive(t);
  }

  function writeAlive(t: number) {
    lastAliveWrite = t;
    inbox.set(ALIVE_KEY, String(t), now());
  }

  // --- messages -------------------------------------------------------------------------------------------

  function onTimeline(event: MatrixEvent, room: Room | undefined, toStartOfTimeline: boolean | undefined, removed: boolean) {
    if (!room || toStartOfTimeline || removed) return;
    if (event.getType() === 'm.room.encrypted') return noteEncrypted(room);
    if (event.getType() !== 'm.room.message' || event.status !== null || event.isRedacted()) return;
    const sender = event.getSender();
    if (!sender || sender === me) return;
    const content = event.getContent();
    // Notices are for bots to send and never to answer (no loops); edits would answer a command twice.
    if (content.msgtype !== 'm.text' || typeof content.body !== 'string') return;
    const relation = content['m.relates_to'] as { rel_type?: string; event_id?: string } | undefined;
    if (relation?.rel_type === 'm.replace') return;
    // The room's state as of this event: during a sync, history from before the bot's own join is added while
    // its membership is still invite (and before the SDK has stored a brand-new room at all).
    if (room.currentState.getMember(me)?.membership !== 'join') return;

    const isDirect = isDirectRoom(room);
    const mentions = (content['m.mentions'] as { user_ids?: unknown } | undefined)?.user_ids;
    const text = addressedText(content.body, Array.isArray(mentions) ? mentions.filter((m): m is string => typeof m === 'string') : undefined, {
      prefix: config.prefix,
      botUserId: me,
      botNames: botNames(room),
      isDirect,
    });
    if (text === undefined) return;

    const eventId = event.getId();
    if (!eventId) return;
    const joinedAtStored = inbox.get(joinedAtKey(room.roomId));
    const when = timing({
      eventTs: event.getTs(),
      startedAt,
      previousAliveAt,
      joinedAt: joinedAtStored !== undefined ? Number(joinedAtStored) : room.currentState.getStateEvents('m.room.member', me)?.getTs(),
      now: now(),
      catchUpMs,
    });
    log.debug({ room: room.roomId, event: eventId, when }, 'command seen');
    if (when === 'history') return;
    // Claimed before answering: a crash now costs one answer, never a second one.
    if (!inbox.firstDelivery(eventKey(eventId), now())) return;

    const threadRoot = relation?.rel_type === 'm.thread' && relation.event_id ? relation.event_id : eventId;
    const incoming: Incoming = {
      platform: 'matrix',
      channel: `matrix:${room.roomId}`,
      thread: threadRoot,
      user: `matrix:${sender}`,
      text,
      isDirect,
      prefix: `${config.prefix} `,
      platformCoordinator: config.powerLevelCoordinators ? (room.getMember(sender)?.powerLevel ?? 0) >= POWER_LEVEL_COORDINATOR : undefined,
    };
    track(answer(room.roomId, eventId, threadRoot, incoming, when, event.getTs()));
  }

  async function answer(roomId: string, eventId: string, threadRoot: string, incoming: Incoming, when: 'answer' | 'missed', eventTs: number) {
    let r: Reply;
    if (when === 'missed') {
      log.info({ room: roomId, event: eventId }, 'command sent while offline, too old to answer');
      r = reply([
        {
          kind: 'text',
          text: `I was offline when this was sent (${sentAt(eventTs)}), so I did not answer it. Ask again if you still need it.`,
        },
      ]);
    } else {
      r = await options.core.handle(incoming);
    }
    if (r.visibility === 'private' && !incoming.isDirect) return answerPrivately(roomId, eventId, threadRoot, incoming, r);
    await roomReady(roomId);
    // Matrix has no "only you can see this": an answer for the asker goes in a thread under the question (out of
    // everyone's way); news for the room (a recorded answer, a subscription) goes in the room, as a reply. A question
    // asked inside a thread is answered there.
    const inThread = threadRoot !== eventId || (!incoming.isDirect && r.visibility === 'asker' && r.thread);
    const parts = splitReply(r);
    for (const [i, part] of parts.entries()) {
      const content = renderMessage(part, {
        thread: inThread ? { root: threadRoot, inReplyTo: eventId } : undefined,
        mentionUserIds: incoming.isDirect || i > 0 ? [] : [incoming.user.slice('matrix:'.length)],
      });
      if (!inThread) content['m.relates_to'] = { 'm.in_reply_to': { event_id: eventId } };
      try {
        await sender.sendContent(roomId, content, partTxnId(replyTxnId(eventId), i));
      } catch (err) {
        log.warn({ room: roomId, event: eventId, part: i, code: (err as { code?: string }).code }, 'reply not sent');
        return;
      }
    }
  }

  /**
   * A reply for the asker's eyes only (a page link): a thread is visible to every member of the room, so it
   * goes to a direct message with the asker (the one the bot already has, or a new one it creates and invites
   * them to); the room gets a one-line pointer in the thread.
   */
  async function answerPrivately(roomId: string, eventId: string, threadRoot: string, incoming: Incoming, r: Reply) {
    const userId = incoming.user.slice('matrix:'.length);
    let sent = false;
    try {
      const dm = await directRoomWith(userId);
      await roomReady(dm);
      for (const [i, part] of splitReply(r).entries()) await sender.sendContent(dm, renderMessage(part, { mentionUserIds: [] }), partTxnId(`${replyTxnId(eventId)}-dm`, i));
      sent = true;
    } catch (err) {
      log.warn({ room: roomId, event: eventId, errcode: (err as { errcode?: string }).errcode, code: (err as { code?: string }).code }, 'could not send a private reply by direct message');
    }
    const pointer = reply([{ kind: 'text', text: sent ? 'I sent you that in a direct message.' : 'I could not send you a direct message, so I did not post it here. Start a direct message with me and ask there.' }]);
    await roomReady(roomId);
    await sender
      .sendContent(roomId, renderMessage(pointer, { thread: { root: threadRoot, inReplyTo: eventId }, mentionUserIds: [userId] }), partTxnId(replyTxnId(eventId), 0))
      .catch((err) => log.warn({ room: roomId, event: eventId, code: (err as { code?: string }).code }, 'reply not sent'));
  }

  /** The bot's direct-message room with a user: remembered in the Inbox, else created (is_direct, invite-only) and noted in m.direct. */
  async function directRoomWith(userId: string): Promise<string> {
    const c = client;
    if (!c) throw new Error('not connected');
    const key = `matrix:dm-with:${userId}`;
    const known = inbox.get(key);
    if (known && c.getRoom(known)?.getMyMembership() === 'join' && ['join', 'invite'].includes(c.getRoom(known)?.getMember(userId)?.membership ?? '')) return known;
    const { room_id: roomId } = await c.createRoom({ is_direct: true, invite: [userId], preset: Preset.TrustedPrivateChat, visibility: Visibility.Private });
    inbox.set(key, roomId, now());
    inbox.set(directKey(roomId), '1', now());
    const direct = { ...((c.getAccountData('m.direct' as never)?.getContent() as Record<string, string[]> | undefined) ?? {}) };
    direct[userId] = [...new Set([...(direct[userId] ?? []), roomId])];
    // Not awaited: the SDK's promise waits for the change to come back in a sync; the Inbox already has the room.
    void c.setAccountData('m.direct' as never, direct as never).catch((err) => log.info({ errcode: (err as { errcode?: string }).errcode }, 'could not note the direct message in m.direct'));
    return roomId;
  }

  /** The SDK stores a room it meets in a sync only after handing out its events: wait for that before sending. */
  function roomReady(roomId: string): Promise<void> {
    const ready = () => client?.getRoom(roomId)?.getMyMembership() === 'join';
    if (ready() || !client) return Promise.resolve();
    const c = client;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        c.off(ClientEvent.Sync, check);
        onStop.delete(done);
        resolve();
      };
      onStop.add(done);
      const check = () => {
        if (ready()) done();
      };
      const timer = setTimeout(done, 30_000);
      c.on(ClientEvent.Sync, check);
      setImmediate(check);
    });
  }

  /** A DM: two people, and marked as direct (the invite's is_direct, or the bot's m.direct account data). */
  function isDirectRoom(room: Room): boolean {
    if (room.getJoinedMemberCount() > 2) return false;
    if (inbox.get(directKey(room.roomId)) === '1') return true;
    const direct = client?.getAccountData('m.direct' as never)?.getContent() as Record<string, unknown> | undefined;
    return Object.values(direct ?? {}).some((ids) => Array.isArray(ids) && ids.includes(room.roomId));
  }

  function botNames(room: Room): string[] {
    const display = room.getMember(me)?.rawDisplayName;
    const local = me.slice(1, me.indexOf(':'));
    return [me, display && display !== me ? display : '', local].filter(Boolean) as string[];
  }

  // --- rooms: invites, encryption -------------------------------------------------------------------------

  function considerInvite(room: Room) {
    if (room.getMyMembership() !== 'invite' || invitesInFlight.has(room.roomId)) return;
    const inviteEvent = room.currentState.getStateEvents('m.room.member', me);
    const inviter = room.getDMInviter() ?? inviteEvent?.getSender();
    const allowed = isAllowedInviter(inviter, config.allowedInviters);
    const isDirect = inviteEvent?.getContent().is_direct === true;
    const c = client!;
    invitesInFlight.add(room.roomId);
    const job = (async () => {
      // A replayed sync (Synapse's cached first sync after a quick restart) shows old invites as new: answer each
      // invite once, and ask the server, not the replay, whether the bot is already in the room.
      const inviteId = inviteEvent?.getId();
      if (inviteId && inbox.get(`matrix:invite:${inviteId}`)) return;
      const { joined_rooms: joined } = await c.getJoinedRooms();
      if (joined.includes(room.roomId)) {
        log.debug({ room: room.roomId }, 'invite seen again for a room the bot is already in');
      } else if (allowed) {
        // Everything the room said before this moment is history, even when the next sync hands it over as live.
        inbox.set(joinedAtKey(room.roomId), String(now()), now());
        if (isDirect) inbox.set(directKey(room.roomId), '1', now());
        await c.joinRoom(room.roomId);
        log.info({ room: room.roomId }, 'joined a room on an allowed invite');
      } else {
        await c.leave(room.roomId);
        log.info({ room: room.roomId }, 'declined an invite from someone not in MATRIX_ALLOWED_INVITERS');
      }
      if (inviteId) inbox.set(`matrix:invite:${inviteId}`, allowed ? 'joined' : 'declined', now());
    })()
      .catch((err) => log.warn({ room: room.roomId, errcode: (err as { errcode?: string }).errcode, allowed }, 'could not answer an invite'))
      .finally(() => invitesInFlight.delete(room.roomId));
    track(job);
  }

  function noteEncrypted(room: Room) {
    if (encryptedRoomsSeen.has(room.roomId) || room.getMyMembership() !== 'join' || !room.hasEncryptionStateEvent()) return;
    encryptedRoomsSeen.add(room.roomId);
    log.warn({ room: room.roomId }, 'room is end-to-end encrypted: the bot cannot read or post there');
    if (!inbox.firstDelivery(`matrix:e2e-notice:${room.roomId}`, now())) return;
    const content = renderMessage(
      reply([
        {
          kind: 'text',
          text: 'This room is end-to-end encrypted, and I cannot read or send encrypted messages, so I will not answer or post reminders here. Talk to me in an unencrypted room or a direct message instead.',
        },
      ]),
    );
    track(sender.sendPlainNotice(room.roomId, content, `pw-e2e-${hashId(room.roomId)}`).catch((err) => log.warn({ room: room.roomId, errcode: (err as { errcode?: string }).errcode }, 'could not post the encrypted-room notice')));
  }

  function onSync(next: SyncState, prev: SyncState | null) {
    state = next;
    if (next === SyncState.Prepared || next === SyncState.Syncing || next === SyncState.Catchup) {
      markAlive();
      for (const room of client?.getRooms() ?? []) {
        if (room.getMyMembership() === 'invite') considerInvite(room);
        else if (room.getMyMembership() === 'join' && room.hasEncryptionStateEvent()) noteEncrypted(room);
      }
    }
    if (next !== prev && (next === SyncState.Error || next === SyncState.Reconnecting || prev === SyncState.Error || prev === SyncState.Reconnecting)) {
      log.info({ state: next }, 'matrix sync state');
    }
  }

  // --- lifecycle ------------------------------------------------------------------------------------------

  return {
    platform: 'matrix',
    sender,
    client: () => client,
    async start() {
      routeSdkLogging(log);
      checkHomeserverUrl(config.homeserverUrl);
      startedAt = now();
      const alive = inbox.get(ALIVE_KEY);
      // A margin for a message the server stamped just before that sync answer but sent in the next one; the
      // Inbox's event ids make a second look harmless.
      previousAliveAt = alive !== undefined ? Number(alive) - ALIVE_MARGIN_MS : undefined;
      const c = createClient({ baseUrl: config.homeserverUrl, accessToken: config.accessToken, userId: me, logger: sdkLogger(log) });
      await checkLogin(c, config.homeserverUrl, me);
      client = c;
      sender.attach(c);
      c.on(RoomEvent.Timeline, onTimeline);
      c.on(RoomEvent.MyMembership, (room, membership) => {
        if (membership === 'invite') considerInvite(room);
      });
      c.on(ClientEvent.Sync, onSync);
      c.on(HttpApiEvent.SessionLoggedOut, () => {
        loggedOut = true;
        log.error({ code: 'token-rejected' }, 'the homeserver rejected the access token while running; get a new one (docs/matrix.md)');
      });
      const prepared = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          log.warn('first Matrix sync is slow; carrying on in the background');
          resolve();
        }, options.firstSyncTimeoutMs ?? 60_000);
        timer.unref?.();
        const onFirst = (s: SyncState) => {
          if (s !== SyncState.Prepared) return;
          clearTimeout(timer);
          c.off(ClientEvent.Sync, onFirst);
          resolve();
        };
        c.on(ClientEvent.Sync, onFirst);
      });
      await c.startClient({ initialSyncLimit: INITIAL_SYNC_LIMIT, disablePresence: true, pollTimeout: options.pollTimeoutMs ?? 30_000, lazyLoadMembers: false });
      await prepared;
      log.info({ rooms: c.getRooms().filter((r) => r.getMyMembership() === 'join').length }, 'matrix connected');
    },
    async stop() {
      const c = client;
      if (!c) return;
      c.stopClient();
      for (const wake of [...onStop]) wake();
      await Promise.allSettled([...pending]);
      if (lastSyncAt !== undefined && lastSyncAt > lastAliveWrite) writeAlive(lastSyncAt);
      c.removeAllListeners();
      client = undefined;
      state = SyncState.Stopped;
    },
    status(): AdapterStatus {
      if (loggedOut) return { connected: false, detail: 'token rejected' };
      if (state === SyncState.Prepared || state === SyncState.Syncing || state === SyncState.Catchup) return { connected: true };
      if (state === SyncState.Error || state === SyncState.Reconnecting) return { connected: false, detail: 'reconnecting' };
      return { connected: false, detail: client ? 'starting' : 'stopped' };
    },
  };
}

const hashId = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 24);
/** The reply to one event has one transaction id, so a retried reply cannot post twice. */
export const replyTxnId = (eventId: string) => `pw-re-${hashId(eventId)}`;
