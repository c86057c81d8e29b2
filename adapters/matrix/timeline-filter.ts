import type { MatrixEvent, Room } from 'matrix-js-sdk';
import { inboxKeys, type MatrixContext } from './context.js';
import { encryptedFileIn } from './encrypted-files.js';
import { addressedText } from './message-policy.js';

/** A room message that is a command for the bot. */
export interface RoomCommand {
  eventId: string;
  /** the user who sent it */
  sender: string;
  /** the command text, prefix or mention removed */
  text: string;
  isDirect: boolean;
  /** the thread the answer belongs in: the thread it was asked in, else the message itself */
  threadRoot: string;
}

/**
 * Which timeline events are commands for the bot: text messages from someone else (never notices, which bots
 * send, nor edits, which would answer a command twice, nor its own), in a room it has joined, addressed to it by
 * prefix, mention, or by being in a direct chat. Whether it is still answered is the timing rules' business.
 */
export function commandIn(event: MatrixEvent, room: Room, ctx: Pick<MatrixContext, 'config' | 'me' | 'kv' | 'client'>): RoomCommand | undefined {
  const { me } = ctx;
  if (event.getType() !== 'm.room.message' || event.status !== null || event.isRedacted()) return undefined;
  const sender = event.getSender();
  if (!sender || sender === me) return undefined;
  const content = event.getContent();
  // a file for the library (file-intake.ts) is addressed by its caption; in an encrypted room it has `file`, not `url`
  const isFile = content.msgtype === 'm.file' && (typeof content.url === 'string' || encryptedFileIn(content) !== undefined);
  if ((content.msgtype !== 'm.text' && !isFile) || typeof content.body !== 'string') return undefined;
  const relation = content['m.relates_to'] as { rel_type?: string; event_id?: string } | undefined;
  if (relation?.rel_type === 'm.replace') return undefined;
  // The room's state as of this event: during a sync, history from before the bot's own join is added while
  // its membership is still invite (and before the SDK has stored a brand-new room at all).
  if (room.currentState.getMember(me)?.membership !== 'join') return undefined;

  const isDirect = isDirectRoom(room, ctx);
  const mentions = (content['m.mentions'] as { user_ids?: unknown } | undefined)?.user_ids;
  const text = addressedText(isFile ? captionOf(content) : content.body, Array.isArray(mentions) ? mentions.filter((m): m is string => typeof m === 'string') : undefined, {
    prefix: ctx.config.prefix,
    botUserId: me,
    botNames: botNames(room, me),
    isDirect,
  });
  const eventId = event.getId();
  if (text === undefined || !eventId) return undefined;
  const threadRoot = relation?.rel_type === 'm.thread' && relation.event_id ? relation.event_id : eventId;
  return { eventId, sender, text, isDirect, threadRoot };
}

/** A media message's caption: its body when a `filename` is given apart from it (spec v1.10), else none. */
function captionOf(content: Record<string, unknown>): string {
  return typeof content.filename === 'string' && content.filename && content.body !== content.filename ? String(content.body) : '';
}

/** A DM: two people, and marked as direct (the invite's is_direct, or the bot's m.direct account data). */
function isDirectRoom(room: Room, ctx: Pick<MatrixContext, 'kv' | 'client'>): boolean {
  if (room.getJoinedMemberCount() > 2) return false;
  if (ctx.kv.get(inboxKeys.direct(room.roomId)) === '1') return true;
  const direct = ctx.client()?.getAccountData('m.direct' as never)?.getContent() as Record<string, unknown> | undefined;
  return Object.values(direct ?? {}).some((ids) => Array.isArray(ids) && ids.includes(room.roomId));
}

/** What a mention of the bot starts with: its user id, display name and localpart. */
function botNames(room: Room, me: string): string[] {
  const display = room.getMember(me)?.rawDisplayName;
  const local = me.slice(1, me.indexOf(':'));
  return [me, display && display !== me ? display : '', local].filter(Boolean) as string[];
}
