import { MatrixEvent, type Room } from 'matrix-js-sdk';
import type { SharedFile } from '../../src/kernel/shared-file.js';
import type { MatrixContext } from './context.js';
import { encryptedFileIn, openEncryptedFile, type EncryptedFile } from './encrypted-files.js';
import { matrixMedia } from './media.js';
import type { RoomCommand } from './timeline-filter.js';

/** The files a command asks the library to add, found when it is answered (a replied-to file may need a fetch). */
export type FileRequest = () => Promise<SharedFile[]>;

/**
 * Finding and fetching the files people share in Matrix rooms, for the core's file intake
 * (src/core/file-intake.ts). Which messages are for the bot is timeline-filter.ts's rule (an `m.file` whose
 * caption says `!pw add` or mentions the bot, or any file in a direct chat); here: the file of such a message, or
 * for an `add` that replies to a file (or is in its thread), that file; and its download (media.ts). Files in
 * encrypted rooms are encrypted attachments (`file`, not `url`): downloaded the same way, then checked and
 * decrypted (encrypted-files.ts).
 */
export function matrixFiles(ctx: Pick<MatrixContext, 'client' | 'config' | 'log' | 'onStop'>) {
  const media = matrixMedia({ client: ctx.client, accessToken: ctx.config.accessToken, log: ctx.log, onStop: ctx.onStop });

  function fileOf(content: Record<string, unknown>): SharedFile | undefined {
    const encrypted = content.msgtype === 'm.file' ? encryptedFileIn(content) : undefined;
    if (encrypted) return encryptedFileOf(content, encrypted);
    if (content.msgtype !== 'm.file' || typeof content.url !== 'string') return undefined;
    const name = nameOf(content);
    const size = (content.info as { size?: unknown } | undefined)?.size;
    const url = content.url;
    return { name, size: typeof size === 'number' && size >= 0 ? size : undefined, open: (signal) => media.open(url, name, signal) };
  }

  /** a file in an encrypted room (encrypted-files.ts): downloaded like any other, then checked and decrypted */
  function encryptedFileOf(content: Record<string, unknown>, file: EncryptedFile): SharedFile {
    const name = nameOf(content);
    const size = (content.info as { size?: unknown } | undefined)?.size;
    const declared = typeof size === 'number' && size >= 0 ? size : undefined;
    return { name, size: declared, open: async (signal) => openEncryptedFile(await media.open(file.url, name, signal), file, declared) };
  }

  async function fileOfEvent(room: Room, eventId: string): Promise<SharedFile[]> {
    const known = room.findEventById(eventId);
    let content = known?.getContent() as Record<string, unknown> | undefined;
    if (!content) {
      try {
        const raw = await ctx.client()?.fetchRoomEvent(room.roomId, eventId);
        const event = raw && new MatrixEvent(raw);
        if (event?.isEncrypted()) await ctx.client()?.decryptEventIfNeeded(event);
        content = event?.getContent() as Record<string, unknown> | undefined;
      } catch (err) {
        ctx.log.info({ room: room.roomId, errcode: (err as { errcode?: string }).errcode }, 'could not fetch the message an `add` points at');
      }
    }
    const file = content && fileOf(content);
    return file ? [file] : [];
  }

  return {
    /** The files `command` asks to add, or undefined when it is not about files. */
    request(event: MatrixEvent, room: Room, command: RoomCommand): FileRequest | undefined {
      const content = event.getContent();
      if (content.msgtype === 'm.file') {
        const file = fileOf(content);
        return () => Promise.resolve(file ? [file] : []);
      }
      if (!/^add$/i.test(command.text.trim())) return undefined;
      const relation = content['m.relates_to'] as { rel_type?: string; event_id?: string; 'm.in_reply_to'?: { event_id?: string } } | undefined;
      const target = relation?.['m.in_reply_to']?.event_id ?? (relation?.rel_type === 'm.thread' ? relation.event_id : undefined);
      // Clients put m.in_reply_to on thread messages too (is_falling_back): then the thread's root is meant.
      const pointed = relation?.rel_type === 'm.thread' && (relation as { is_falling_back?: boolean }).is_falling_back ? relation.event_id : target;
      if (!pointed) return () => Promise.resolve([]);
      return () => fileOfEvent(room, pointed);
    },
  };
}
export type MatrixFiles = ReturnType<typeof matrixFiles>;

/** the file's name as shared (`filename`, else the body), made safe for a path */
function nameOf(content: Record<string, unknown>): string {
  const given = typeof content.filename === 'string' && content.filename ? content.filename : typeof content.body === 'string' ? content.body : 'file';
  return given.replace(/[/\\]/g, '_').slice(0, 200);
}

