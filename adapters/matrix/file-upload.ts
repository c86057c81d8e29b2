import type { MatrixClient } from 'matrix-js-sdk';
import type { Logger } from 'pino';
import type { Block, Reply } from '../../src/kernel/reply.js';
import { uploadEncryptedFile } from './encrypted-files.js';
import type { MatrixMessageContent } from './matrix-html.js';

type FileBlock = Extract<Block, { kind: 'file' }>;

/** What a file becomes in a room where it cannot go up unencrypted. */
export const ENCRYPTED_NO_UPLOAD = 'This room is end-to-end encrypted and I cannot send an encrypted file here, so I did not upload it. Ask me in a direct message, or run `npx pledgewatch export` on the server.';

/**
 * A file in a reply (an export) as a Matrix file: uploaded to the media repository, then posted as an `m.file`
 * event, not pasted into the message. In an end-to-end encrypted room the file is encrypted before it goes up (an
 * encrypted attachment: `file` with its key and hash instead of `url`); a bot without a crypto store there never
 * uploads it in plaintext, it says so in a sentence. An upload that fails leaves the file in the reply,
 * pasted (cut) as before, so nothing is lost.
 * Returns the reply without the files that went up, and the `m.file` contents to post after it.
 */
export async function uploadFiles(client: MatrixClient, roomId: string, r: Reply, log: Logger): Promise<{ reply: Reply; files: MatrixMessageContent[] }> {
  const fileBlocks = r.blocks.filter((b): b is FileBlock => b.kind === 'file');
  if (!fileBlocks.length) return { reply: r, files: [] };
  const encrypted = client.getRoom(roomId)?.hasEncryptionStateEvent() ?? false;
  if (encrypted && !client.getCrypto?.()) {
    return { reply: { ...r, blocks: r.blocks.map((b): Block => (b.kind === 'file' ? { kind: 'error', sentence: ENCRYPTED_NO_UPLOAD } : b)) }, files: [] };
  }
  const files: MatrixMessageContent[] = [];
  const uploaded = new Set<FileBlock>();
  for (const f of fileBlocks) {
    const bytes = Buffer.from(f.content, 'utf8');
    try {
      const info = { mimetype: f.mimeType, size: bytes.byteLength };
      if (encrypted) {
        const file = await uploadEncryptedFile(client, bytes);
        files.push({ msgtype: 'm.file', body: f.name, filename: f.name, file, info } as unknown as MatrixMessageContent);
      } else {
        const { content_uri } = await client.uploadContent(bytes, { name: f.name, type: f.mimeType, includeFilename: true });
        files.push({ msgtype: 'm.file', body: f.name, filename: f.name, url: content_uri, info } as unknown as MatrixMessageContent);
      }
      uploaded.add(f);
    } catch (err) {
      log.warn({ room: roomId, errcode: (err as { errcode?: string }).errcode, code: (err as { code?: string }).code }, 'could not upload a file; pasting it instead');
    }
  }
  return { reply: { ...r, blocks: r.blocks.filter((b) => !(b.kind === 'file' && uploaded.has(b))) }, files };
}
