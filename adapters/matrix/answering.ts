import { createHash } from 'node:crypto';
import { ClientEvent, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { Core } from '../../src/core/core.js';
import type { Incoming } from '../../src/core/incoming.js';
import { ChannelRef, UserRef } from '../../src/kernel/channel.js';
import { reply, type Reply } from '../../src/kernel/reply.js';
import { inboxKeys, type MatrixContext } from './context.js';
import { directRoomWith } from './direct-message.js';
import { renderMessage, splitReply } from './matrix-html.js';
import { partTxnId, type MatrixSender } from './matrix-sender.js';
import { timing, type Timing } from './message-policy.js';
import { powerLevelCoordinator } from './permissions.js';
import { uploadFiles } from './file-upload.js';
import type { SyncStateTracker } from './sync-state.js';
import type { FileRequest, MatrixFiles } from './file-intake.js';
import { commandIn } from './timeline-filter.js';

export interface AnsweringOptions {
  core: Core;
  sender: MatrixSender;
  sync: Pick<SyncStateTracker, 'startedAt' | 'previousAliveAt'>;
  /** a command sent while the bot could not hear it is still answered when younger than this */
  catchUpMs: number;
  /** the coalition's time zone, for the time a missed command was sent */
  timezone: string;
  /** files shared for the library (file-intake.ts) */
  files?: Pick<MatrixFiles, 'request'>;
}

/**
 * Answering: a command found in the timeline (live, or in a gap) is timed, claimed in the Inbox by event id
 * before anything is sent (a crash costs one answer, never a second one), run through the core, and posted:
 * in a thread under the question when it is for the asker, in the room as a reply when it is news for everyone.
 */
export function createAnswering(ctx: MatrixContext, options: AnsweringOptions) {
  const { config, deliveries, kv, log, me, now } = ctx;
  const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: options.timezone, timeZoneName: 'short' });
  const sentAt = (ms: number) => timeFormat.format(new Date(ms));

  /** When a message sent at `ts` in this room counts as: history, to answer, or missed (message-policy.ts). */
  function whenSent(room: Room, ts: number): Timing {
    const joinedAtStored = kv.get(inboxKeys.joinedAt(room.roomId));
    return timing({
      eventTs: ts,
      startedAt: options.sync.startedAt,
      previousAliveAt: options.sync.previousAliveAt,
      joinedAt: joinedAtStored !== undefined ? Number(joinedAtStored) : room.currentState.getStateEvents('m.room.member', me)?.getTs(),
      now: now(),
      catchUpMs: options.catchUpMs,
    });
  }

  /**
   * The delivery log decides who answers (one insert wins, also across replicas sharing PostgreSQL). A log that
   * cannot be written (the database unreachable) means no answer: lost, and logged, rather than perhaps twice.
   */
  function claim(roomId: string, eventId: string): boolean {
    try {
      return deliveries.firstDelivery(inboxKeys.event(eventId), now());
    } catch (err) {
      log.error({ room: roomId, event: eventId, code: (err as { code?: string }).code, lost: 1 }, 'could not record a command; not answered (answer lost)');
      return false;
    }
  }

  /** One room message, live or found in a gap: answered once if it is a command for the bot and not history. */
  function take(event: MatrixEvent, room: Room) {
    const command = commandIn(event, room, ctx);
    if (!command) return;
    const { eventId, threadRoot } = command;
    const when = whenSent(room, event.getTs());
    log.debug({ room: room.roomId, event: eventId, when }, 'command seen');
    if (when === 'history') return;
    if (!claim(room.roomId, eventId)) return;
    const incoming: Incoming = {
      platform: 'matrix',
      channel: ChannelRef.matrix(room.roomId),
      thread: threadRoot,
      user: UserRef.format('matrix', command.sender),
      text: command.text,
      isDirect: command.isDirect,
      prefix: `${config.prefix} `,
      platformCoordinator: powerLevelCoordinator(room, command.sender, config),
    };
    ctx.track(answer(room.roomId, eventId, threadRoot, incoming, when, event.getTs(), options.files?.request(event, room, command)).then((sent) => sent && answered(eventId)));
  }

  /** The answer went out: the delivery log notes it (a claim never noted is a lost answer, counted). */
  function answered(eventId: string) {
    try {
      deliveries.answered(inboxKeys.event(eventId), now());
    } catch (err) {
      log.warn({ event: eventId, code: (err as { code?: string }).code }, 'could not note an answer as sent');
    }
  }

  /** true once every part of the answer went out */
  async function answer(roomId: string, eventId: string, threadRoot: string, incoming: Incoming, when: 'answer' | 'missed', eventTs: number, files?: FileRequest): Promise<boolean> {
    let r: Reply;
    if (when === 'missed') {
      log.info({ room: roomId, event: eventId }, 'command sent while offline, too old to answer');
      r = reply([{ kind: 'text', text: `I was offline when this was sent (${sentAt(eventTs)}), so I did not answer it. Ask again if you still need it.` }]);
    } else {
      if (files) incoming.files = await files();
      r = await options.core.handle(incoming);
    }
    if (r.visibility === 'private' && !incoming.isDirect) return answerPrivately(roomId, eventId, threadRoot, incoming, r);
    await roomReady(roomId);
    // Matrix has no "only you can see this": an answer for the asker goes in a thread under the question (out of
    // everyone's way); news for the room (a recorded answer, a subscription) goes in the room, as a reply. A question
    // asked inside a thread is answered there.
    const inThread = threadRoot !== eventId || (!incoming.isDirect && r.visibility === 'asker' && r.thread);
    const client = ctx.client();
    const withFiles = client ? await uploadFiles(client, roomId, r, log) : { reply: r, files: [] };
    r = withFiles.reply;
    for (const [i, file] of withFiles.files.entries()) {
      // the file first, in the same place as the answer; the answer's text ("36 questions exported.") follows
      file['m.relates_to'] = inThread ? { rel_type: 'm.thread', event_id: threadRoot, is_falling_back: true, 'm.in_reply_to': { event_id: eventId } } : { 'm.in_reply_to': { event_id: eventId } };
      try {
        await options.sender.sendContent(roomId, file, partTxnId(`${replyTxnId(eventId)}-file`, i));
      } catch (err) {
        log.warn({ room: roomId, event: eventId, code: (err as { code?: string }).code }, 'file not sent');
      }
    }
    for (const [i, part] of splitReply(r).entries()) {
      const content = renderMessage(part, {
        thread: inThread ? { root: threadRoot, inReplyTo: eventId } : undefined,
        mentionUserIds: incoming.isDirect || i > 0 ? [] : [UserRef.idOn('matrix', incoming.user) ?? incoming.user],
      });
      if (!inThread) content['m.relates_to'] = { 'm.in_reply_to': { event_id: eventId } };
      try {
        await options.sender.sendContent(roomId, content, partTxnId(replyTxnId(eventId), i));
      } catch (err) {
        log.warn({ room: roomId, event: eventId, part: i, code: (err as { code?: string }).code }, 'reply not sent');
        return false;
      }
    }
    return true;
  }

  /**
   * A reply for the asker's eyes only (a page link): a thread is visible to every member of the room, so it goes
   * to a direct message with the asker; the room's thread gets a one-line pointer.
   */
  async function answerPrivately(roomId: string, eventId: string, threadRoot: string, incoming: Incoming, r: Reply): Promise<boolean> {
    const userId = UserRef.idOn('matrix', incoming.user) ?? incoming.user;
    let sent = false;
    try {
      const dm = await directRoomWith(ctx, userId);
      await roomReady(dm);
      for (const [i, part] of splitReply(r).entries()) await options.sender.sendContent(dm, renderMessage(part, { mentionUserIds: [] }), partTxnId(`${replyTxnId(eventId)}-dm`, i));
      sent = true;
    } catch (err) {
      log.warn({ room: roomId, event: eventId, errcode: (err as { errcode?: string }).errcode, code: (err as { code?: string }).code }, 'could not send a private reply by direct message');
    }
    const pointer = reply([{ kind: 'text', text: sent ? 'I sent you that in a direct message.' : 'I could not send you a direct message, so I did not post it here. Start a direct message with me and ask there.' }]);
    await roomReady(roomId);
    return options.sender
      .sendContent(roomId, renderMessage(pointer, { thread: { root: threadRoot, inReplyTo: eventId }, mentionUserIds: [userId] }), partTxnId(replyTxnId(eventId), 0))
      .then(
        () => true,
        (err) => (log.warn({ room: roomId, event: eventId, code: (err as { code?: string }).code }, 'reply not sent'), false),
      );
  }

  /** The SDK stores a room it meets in a sync only after handing out its events: wait for that before sending. */
  function roomReady(roomId: string): Promise<void> {
    const c = ctx.client();
    const ready = () => c?.getRoom(roomId)?.getMyMembership() === 'join';
    if (!c || ready()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        c.off(ClientEvent.Sync, check);
        unregister();
        resolve();
      };
      const unregister = ctx.onStop(done);
      const check = () => {
        if (ready()) done();
      };
      const timer = setTimeout(done, 30_000);
      c.on(ClientEvent.Sync, check);
      setImmediate(check);
    });
  }

  return { take, whenSent };
}

export const hashId = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 24);
/** The reply to one event has one transaction id, so a retried reply cannot post twice. */
export const replyTxnId = (eventId: string) => `pw-re-${hashId(eventId)}`;
