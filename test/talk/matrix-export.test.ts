import { afterEach, describe, expect, it } from 'vitest';
import type { MatrixClient } from 'matrix-js-sdk';
import { ENCRYPTED_NO_UPLOAD, uploadFiles } from '../../adapters/matrix/file-upload.js';
import { reply, renderPlain } from '../../src/kernel/reply.js';
import { silentLogger } from '../../src/logging.js';
import type { FakeHomeserver } from '../fakes/fake-homeserver.js';
import { tempDir } from '../fakes/temp-dir.js';
import { ALICE, BOT, fakeHomeserver, startBot, type Bot } from '../adapters/matrix/harness.js';

let hs: FakeHomeserver | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  await hs?.stop();
  bot = undefined;
  hs = undefined;
});

describe('export in Matrix is a file, not a paste (issue 17, fix 3)', () => {
  it('uploads the CSV to the media repository and posts it as m.file in the thread, the count beside it', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT], name: 'Coalition' });
    bot = await startBot(hs, tempDir());
    const q = hs.say(room, ALICE, '!pw export Mexico');
    const file = await hs.waitForSent((s) => s.content.msgtype === 'm.file');
    expect(file.content).toMatchObject({ body: 'pledgewatch-mx.csv', filename: 'pledgewatch-mx.csv', info: { mimetype: 'text/csv' }, 'm.relates_to': { rel_type: 'm.thread', event_id: q } });
    const media = hs.uploads.get(String(file.content.url));
    expect(media).toMatchObject({ contentType: 'text/csv', uploader: BOT });
    expect(media!.content.split('\n')[0]).toMatch(/^state,letter,number,/);
    expect(media!.content.match(/^Mexico,/gm)!.length).toBeGreaterThan(10);
    const text = await hs.waitForSent((s) => s.content.msgtype === 'm.notice' && /questions exported/.test(String(s.content.body)));
    expect(String(text.content.body)).not.toMatch(/state,letter,number/);
    expect(hs.unknown).toEqual([]);
  });

  it('never uploads a plaintext file into an end-to-end encrypted room: it says why instead', async () => {
    let uploads = 0;
    const client = {
      getRoom: () => ({ hasEncryptionStateEvent: () => true }),
      uploadContent: async () => {
        uploads++;
        return { content_uri: 'mxc://x/y' };
      },
    } as unknown as MatrixClient;
    const r = reply([{ kind: 'file', name: 'pledgewatch-mx.csv', mimeType: 'text/csv', content: 'state\nMexico\n' }, { kind: 'text', text: '1 question exported.' }]);
    const out = await uploadFiles(client, '!enc:fake.test', r, silentLogger());
    expect(uploads).toBe(0);
    expect(out.files).toEqual([]);
    expect(renderPlain(out.reply)).toContain(ENCRYPTED_NO_UPLOAD);
    expect(renderPlain(out.reply)).not.toContain('Mexico');
  });

  it('with a crypto store, an encrypted room gets the file as an encrypted attachment: ciphertext up, key in the event', async () => {
    const uploaded: Buffer[] = [];
    const client = {
      getRoom: () => ({ hasEncryptionStateEvent: () => true }),
      getCrypto: () => ({}),
      uploadContent: async (data: Buffer) => {
        uploaded.push(Buffer.from(data));
        return { content_uri: 'mxc://x/enc' };
      },
    } as unknown as MatrixClient;
    const r = reply([{ kind: 'file', name: 'pledgewatch-mx.csv', mimeType: 'text/csv', content: 'state\nMexico\n' }, { kind: 'text', text: '1 question exported.' }]);
    const out = await uploadFiles(client, '!enc:fake.test', r, silentLogger());
    expect(uploaded).toHaveLength(1);
    expect(uploaded[0]!.toString('utf8')).not.toContain('Mexico');
    const content = out.files[0] as unknown as { msgtype: string; url?: string; file: { url: string; key: unknown; iv: string; hashes: { sha256: string } } };
    expect(content.msgtype).toBe('m.file');
    expect(content.url).toBeUndefined();
    expect(content.file.url).toBe('mxc://x/enc');
    const { decryptAttachment } = await import('matrix-encrypt-attachment');
    const plain = await decryptAttachment(Uint8Array.from(uploaded[0]!).buffer, content.file as never);
    expect(Buffer.from(plain).toString('utf8')).toBe('state\nMexico\n');
    expect(renderPlain(out.reply)).not.toContain('Mexico');
  });
});
