import { decryptAttachment, encryptAttachment, type IEncryptedFile } from 'matrix-encrypt-attachment';
import type { MatrixClient } from 'matrix-js-sdk';
import { UserError } from '../../src/kernel/errors.js';

/**
 * Files in encrypted rooms (spec: "Sending encrypted attachments"): an m.file / m.image there carries `file`
 * (the mxc url, an AES-CTR key, its iv and the ciphertext's SHA-256) instead of `url`, and the homeserver only ever
 * holds ciphertext. matrix-encrypt-attachment (matrix-org) does the cryptography; this file fetches, bounds,
 * checks and uploads. For the library's intake from chat (decrypt what members share) and for uploads into
 * encrypted rooms (an export).
 */
export interface EncryptedFile extends IEncryptedFile {
  url: string;
}

/** a file that cannot be taken, with the sentence for the person who shared it */
export class EncryptedFileError extends UserError {
  constructor(code: 'too-large' | 'download-failed' | 'damaged', sentence: string) {
    super(code, sentence, 'Share the file again.');
    this.name = 'EncryptedFileError';
  }
}

/** the encrypted file of a message's content, if it has one (`file` with a url, a key and an iv) */
export function encryptedFileIn(content: Record<string, unknown>): EncryptedFile | undefined {
  const file = content.file as Partial<EncryptedFile> | undefined;
  if (!file || typeof file.url !== 'string' || !file.url.startsWith('mxc://') || !file.key?.k || typeof file.iv !== 'string') return undefined;
  return file as EncryptedFile;
}

/**
 * Downloads and decrypts an encrypted file, at most `maxBytes` of ciphertext (a larger one is refused before it
 * is read to the end). The ciphertext's SHA-256 is checked before decrypting: a changed file is refused.
 */
export async function downloadEncryptedFile(client: MatrixClient, file: EncryptedFile, maxBytes: number): Promise<Buffer> {
  if (!file.hashes?.sha256) throw new EncryptedFileError('damaged', 'The file has no checksum, so it cannot be checked; it was not taken.');
  const url = client.mxcUrlToHttp(file.url, undefined, undefined, undefined, false, true, false);
  if (!url) throw new EncryptedFileError('download-failed', 'The file is not on a Matrix media server.');
  const res = await fetch(url, { headers: { authorization: `Bearer ${client.getAccessToken() ?? ''}` }, signal: AbortSignal.timeout(120_000) });
  if (!res.ok || !res.body) throw new EncryptedFileError('download-failed', `The homeserver did not hand out the file (HTTP ${res.status}).`);
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) throw new EncryptedFileError('too-large', 'The file is larger than the library takes.');
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new EncryptedFileError('too-large', 'The file is larger than the library takes.');
    parts.push(Buffer.from(chunk));
  }
  const ciphertext = Buffer.concat(parts);
  try {
    return Buffer.from(await decryptAttachment(arrayBufferOf(ciphertext), file));
  } catch {
    throw new EncryptedFileError('damaged', 'The file does not match its checksum or key; it was not taken.');
  }
}

/** without a declared size, an encrypted file is read into memory up to this many bytes (it is checked whole) */
const UNDECLARED_MAX_BYTES = 256 * 2 ** 20;

/**
 * The body of an encrypted file as the library's intake reads it (SharedFile.open): the ciphertext is read whole
 * (its checksum covers all of it), at most the declared size (AES-CTR keeps the size), then checked and decrypted.
 * `open` is the media download (media.ts).
 */
export async function openEncryptedFile(stream: AsyncIterable<Uint8Array>, file: EncryptedFile, declaredSize: number | undefined): Promise<AsyncIterable<Uint8Array>> {
  const max = declaredSize ?? UNDECLARED_MAX_BYTES;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > max) throw new EncryptedFileError('too-large', 'The file is larger than it says.');
    parts.push(Buffer.from(chunk));
  }
  if (!file.hashes?.sha256) throw new EncryptedFileError('damaged', 'The file has no checksum, so it cannot be checked; it was not taken.');
  try {
    const plain = Buffer.from(await decryptAttachment(arrayBufferOf(Buffer.concat(parts)), file));
    return (async function* () {
      yield plain;
    })();
  } catch {
    throw new EncryptedFileError('damaged', 'The file does not match its checksum or key; it was not taken.');
  }
}

/** Encrypts `data`, uploads the ciphertext, and returns the `file` for the message's content. */
export async function uploadEncryptedFile(client: MatrixClient, data: Buffer): Promise<EncryptedFile> {
  const { data: ciphertext, info } = await encryptAttachment(arrayBufferOf(data));
  const { content_uri: url } = await client.uploadContent(Buffer.from(ciphertext), { type: 'application/octet-stream', includeFilename: false });
  return { ...info, url };
}

const arrayBufferOf = (b: Buffer): ArrayBuffer => Uint8Array.from(b).buffer as ArrayBuffer;
