import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeHomeserver, SentRecord } from '../../fakes/fake-homeserver.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { ALICE, BOT, BOT_TOKEN, MIA, fakeHomeserver, startBot, type Bot } from './harness.js';

/**
 * Files shared in Matrix rooms go into the library (issue 14), end to end against the fake homeserver: the real
 * app and the real adapter (matrix-js-sdk), media served at the authenticated path or the legacy one. The PDF and
 * the Word file are real UN documents (sources: test/library/fixtures/real/README.md).
 */

const real = join(import.meta.dirname, '../../library/fixtures/real');
const REPORT = readFileSync(join(real, 'slovenia-2025-working-group-report.pdf'));
const QUESTIONS = readFileSync(join(real, 'slovenia-2025-advance-questions.docx'));

let hs: FakeHomeserver | undefined;
const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  await hs?.stop();
  hs = undefined;
});

async function boot(env: Record<string, string> = {}) {
  const bot = await startBot(hs!, tempDir(), env);
  bots.push(bot);
  return bot;
}

const relation = (s: SentRecord) => s.content['m.relates_to'] as { rel_type?: string; event_id?: string; 'm.in_reply_to'?: { event_id?: string } } | undefined;
const answerTo = (eventId: string) => (s: SentRecord) => relation(s)?.['m.in_reply_to']?.event_id === eventId;
const body = (s: SentRecord) => String(s.content.body);

/** An m.file as Element sends it: the file name in `filename`, a caption (if any) in `body`, the size in info. */
function shareFile(room: string, sender: string, file: { name: string; bytes: Uint8Array; caption?: string; declaredSize?: number; stall?: boolean; mentions?: string[] }): string {
  const url = hs!.media.upload(file.bytes, { contentType: 'application/pdf', stall: file.stall });
  return hs!.say(room, sender, file.caption ?? file.name, {
    msgtype: 'm.file',
    content: { filename: file.name, url, info: { size: file.declaredSize ?? file.bytes.byteLength, mimetype: 'application/pdf' }, ...(file.mentions ? { 'm.mentions': { user_ids: file.mentions } } : {}) },
  });
}

async function ask(room: string, user: string, text: string, extra: Record<string, unknown> = {}) {
  const q = hs!.say(room, user, text, { content: extra });
  return { q, answer: await hs!.waitForSent(answerTo(q)) };
}

const incomingDir = (bot: Bot) => {
  try {
    return readdirSync(join(bot.app.config.dataDir, 'incoming'));
  } catch {
    return [];
  }
};

describe('files shared in Matrix go into the library', () => {
  it('a coordinator’s UN report PDF with `!pw add` as its caption: added (authenticated media), said in its thread, and answered from with its page', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await boot();
    const file = shareFile(room, ALICE, { name: 'slovenia-2025-working-group-report.pdf', bytes: REPORT, caption: '!pw add' });
    const answer = await hs.waitForSent(answerTo(file));
    expect(relation(answer)).toMatchObject({ rel_type: 'm.thread', event_id: file });
    expect(body(answer)).toMatch(
      /Added slovenia-2025-working-group-report\.pdf as a-hrc-59-15: “Report of the Working Group on the Universal Periodic Review: Slovenia” \(report, PDF, 2025-03-24, A\/HRC\/59\/15, 26 pages, \d+ passages, English\)\./,
    );
    expect(hs.media.downloads).toEqual([{ path: 'authenticated', mediaId: 'media1', authorization: `Bearer ${BOT_TOKEN}`, served: true }]);
    expect(incomingDir(bot)).toEqual([]);
    expect(bot.app.services.library!.find('a-hrc-59-15')).toMatchObject({ addedBy: `matrix:${ALICE}`, pages: 26 });

    const { answer: asked } = await ask(room, MIA, '!pw What did Germany encourage Slovenia to do for journalists?');
    expect(body(asked)).toContain('Germany encouraged Slovenia to take further measures to support a conducive environment for journalists.');
    expect(body(asked)).toContain('A/HRC/59/15 · p. 7 · ¶ 88');
  }, 60_000);

  it('a member’s file is refused in one sentence and never downloaded; an oversize one before download; one without a mention is ignored', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    await boot({ PLEDGEWATCH_MAX_FILE_MB: '1' });
    const byMember = shareFile(room, MIA, { name: 'report.pdf', bytes: REPORT, caption: 'pledgewatch: please add this', mentions: [BOT] });
    expect(body(await hs.waitForSent(answerTo(byMember)))).toBe('Only coordinators can add documents.');

    const big = shareFile(room, ALICE, { name: 'big.pdf', bytes: REPORT.subarray(0, 1000), declaredSize: 5 * 1024 * 1024, caption: '!pw add' });
    expect(body(await hs.waitForSent(answerTo(big)))).toContain('big.pdf is 5 MB; the library takes files up to 1 MB.');

    const quiet = shareFile(room, ALICE, { name: 'slovenia-2025-working-group-report.pdf', bytes: REPORT });
    await ask(room, MIA, '!pw help');
    expect(hs.sent.filter(answerTo(quiet))).toEqual([]);
    expect(hs.media.downloads).toEqual([]);
  });

  it('a reply `!pw add` to a file takes it (falling back to legacy media), with the `track` preview; a file in a direct chat needs nothing', async () => {
    hs = await fakeHomeserver();
    hs.media.serveAuthenticated = false; // says v1.11, answers M_UNRECOGNIZED
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const dm = hs.createRoom({ creator: ALICE });
    hs.invite(dm, ALICE, BOT, { isDirect: true });
    const bot = await boot();
    await hs.until(() => hs!.membership(dm, BOT) === 'join');

    const file = shareFile(room, ALICE, { name: 'slovenia-2025-advance-questions.docx', bytes: QUESTIONS });
    const { answer } = await ask(room, ALICE, '> <@alice:fake.test> slovenia-2025-advance-questions.docx\n\n!pw add', { 'm.relates_to': { 'm.in_reply_to': { event_id: file } } });
    expect(body(answer)).toMatch(/Added slovenia-2025-advance-questions\.docx as slovenia-2025-advance-questions: .*\(questions, DOCX, 2025-01-22, 23 passages, English\)\./);
    expect(body(answer)).toContain('Found slovenia-2025-advance-questions: to Slovenia, open deadline, 22 questions');
    expect(body(answer)).toContain('Type `confirm` (or `track slovenia-2025-advance-questions --yes`) to track it');
    expect(hs.media.downloads.map((d) => [d.path, d.served])).toEqual([
      ['authenticated', false],
      ['legacy', true],
    ]);

    const inDm = shareFile(dm, ALICE, { name: 'report.pdf', bytes: REPORT });
    expect(body(await hs.waitForSent(answerTo(inDm)))).toContain('Added report.pdf as a-hrc-59-15');
    // the server's answer was learnt: straight to the legacy path
    expect(hs.media.downloads.slice(2).map((d) => d.path)).toEqual(['legacy']);
    expect(bot.app.services.library!.list().filter((d) => d.source === 'added').map((d) => d.id)).toEqual(['slovenia-2025-advance-questions', 'a-hrc-59-15']);
  }, 60_000);

  it('a download larger than info.size said is cut off at the limit; a stalled one times out; neither leaves a file behind', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await boot({ PLEDGEWATCH_MAX_FILE_MB: '0.1', PLEDGEWATCH_DOWNLOAD_TIMEOUT_SECONDS: '1' });
    const liar = shareFile(room, ALICE, { name: 'liar.pdf', bytes: REPORT, declaredSize: 50_000, caption: '!pw add' });
    expect(body(await hs.waitForSent(answerTo(liar)))).toContain('liar.pdf is more than 0.1 MB; the library takes files up to 0.1 MB.');
    const slow = shareFile(room, ALICE, { name: 'slow.pdf', bytes: REPORT.subarray(0, 90_000), stall: true, caption: '!pw add' });
    expect(body(await hs.waitForSent(answerTo(slow)))).toContain('slow.pdf took longer than 1 seconds to download, so I stopped.');
    expect(incomingDir(bot)).toEqual([]);
    expect(bot.app.services.library!.list().filter((d) => d.source === 'added')).toEqual([]);
  });

  it('stopping the adapter cuts a download under way instead of waiting for it', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await boot();
    shareFile(room, ALICE, { name: 'slow.pdf', bytes: REPORT.subarray(0, 90_000), stall: true, caption: '!pw add' });
    await hs.until(() => hs!.media.downloads.length === 1);
    await bot.stop(); // the download timeout is 120 s: this test would time out if stop waited for it
    expect(incomingDir(bot)).toEqual([]);
  });
});
