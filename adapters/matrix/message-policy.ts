/**
 * Pure decisions about one room message: is it for the bot, and may it still be answered. Kept apart from the
 * SDK wiring so each rule is tested on its own.
 */

export interface Addressing {
  prefix: string;
  /** the bot's user id, display name and localpart: what a mention starts with */
  botNames: string[];
  botUserId: string;
  isDirect: boolean;
}

/**
 * The command text when the message is for the bot (prefix, mention, or anything in a DM), else undefined.
 * The reply fallback (`> <@alice> …` lines a reply carries) is dropped first.
 */
export function addressedText(body: string, mentionedUserIds: string[] | undefined, a: Addressing): string | undefined {
  const text = stripReplyFallback(body).trim();
  const prefixed = stripPrefix(text, a.prefix);
  if (prefixed !== undefined) return prefixed;
  const named = stripLeadingName(text, a.botNames);
  if (named !== undefined) return named;
  if (mentionedUserIds?.includes(a.botUserId)) return removeNames(text, a.botNames);
  if (a.isDirect) return text;
  return undefined;
}

function stripPrefix(text: string, prefix: string): string | undefined {
  if (!prefix) return undefined;
  if (text.length < prefix.length || text.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return undefined;
  const rest = text.slice(prefix.length);
  // `!pwd` is not `!pw d`
  if (rest && !/^\s/.test(rest)) return undefined;
  return rest.trim();
}

function stripLeadingName(text: string, names: string[]): string | undefined {
  for (const name of names.filter(Boolean).sort((x, y) => y.length - x.length)) {
    if (text.length < name.length || text.slice(0, name.length).toLowerCase() !== name.toLowerCase()) continue;
    const rest = text.slice(name.length);
    const m = /^\s*[:,]\s*|^\s+|^$/.exec(rest);
    if (m) return rest.slice(m[0].length).trim();
  }
  return undefined;
}

function removeNames(text: string, names: string[]): string {
  let out = text;
  for (const name of names.filter(Boolean).sort((x, y) => y.length - x.length)) out = out.split(name).join(' ');
  return out.replace(/\s+/g, ' ').replace(/^[\s:,]+/, '').trim();
}

/** Rich replies carry the quoted original as leading `> ` lines and a blank line (the spec's fallback). */
export function stripReplyFallback(body: string): string {
  if (!body.startsWith('> ')) return body;
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith('>')) i++;
  return lines.slice(i).join('\n').replace(/^\n+/, '');
}

export type Timing = 'answer' | 'missed' | 'history';

export interface TimingInput {
  /** the event's origin_server_ts */
  eventTs: number;
  /** when this process started (ms) */
  startedAt: number;
  /** the last moment a previous run was known to be syncing (ms); undefined on the very first start */
  previousAliveAt: number | undefined;
  /** origin_server_ts of the bot's own join in this room */
  joinedAt: number | undefined;
  now: number;
  /** how old a message sent while the bot could not hear may be and still get its answer */
  catchUpMs: number;
}

/**
 * - `history`: sent before the bot joined the room, or before this process started at a time a previous run
 *   was listening (it had its chance; the delivery log knows what it answered) or before the bot ever ran. Ignored.
 * - `answer`: live, or sent while the bot was down and still recent: answered (once: the delivery log records it).
 * - `missed`: sent while the bot was down or unreachable, too long ago to answer as if nothing happened:
 *   the user is told it was missed and asked to repeat it.
 */
export function timing(t: TimingInput): Timing {
  if (t.joinedAt !== undefined && t.eventTs < t.joinedAt) return 'history';
  if (t.eventTs < t.startedAt && (t.previousAliveAt === undefined || t.eventTs <= t.previousAliveAt)) return 'history';
  if (t.now - t.eventTs > t.catchUpMs) return 'missed';
  return 'answer';
}
