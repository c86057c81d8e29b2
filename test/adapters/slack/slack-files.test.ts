import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockText, COORDINATOR, eventCallback, MEMBER, nextTs, postSigned, startHarness, type Harness } from './slack-harness.js';

/**
 * Files shared in Slack go into the library (issue 14), end to end: the real Bolt receiver fed signed events
 * (and Socket Mode envelopes), the real app, the fake Slack serving the files with the bot token only.
 * The PDF and the Word file are real UN documents (sources: test/library/fixtures/real/README.md).
 */

const real = join(import.meta.dirname, '../../library/fixtures/real');
const REPORT = readFileSync(join(real, 'slovenia-2025-working-group-report.pdf'));
const QUESTIONS = readFileSync(join(real, 'slovenia-2025-advance-questions.docx'));
const CHANNEL = 'C0LIBRARY';
const MENTION = '<@UBOT0001>';

const shown = (d: { text?: string; blocks?: any[] }) => `${d.text ?? ''}\n${blockText(d.blocks)}`;

/** A message with files that mentions the bot, as Slack sends it (app_mention); resolves with the bot's answer under it. */
async function shareWithMention(h: Harness, user: string, files: Record<string, unknown>[], text = `${MENTION} for the library`) {
  const ts = nextTs();
  h.fake.files.postedByUser({ channel: CHANNEL, ts, user, text, files });
  await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user, text, ts, channel: CHANNEL, files, upload: true }));
  return h.fake.waitForDelivery((d) => d.thread_ts === ts);
}

async function mention(h: Harness, text: string, user = MEMBER) {
  const ts = nextTs();
  await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user, text: `${MENTION} ${text}`, ts, channel: CHANNEL }));
  return h.fake.waitForDelivery((d) => d.thread_ts === ts);
}

const incomingDir = (h: Harness) => {
  try {
    return readdirSync(join(h.app.config.dataDir, 'incoming'));
  } catch {
    return [];
  }
};

describe('files shared in Slack go into the library', () => {
  it('a coordinator’s UN report PDF with a mention: read, said in the thread, and answered from with its page', async () => {
    const h = await startHarness({ mode: 'http' });
    const file = h.fake.files.add({ name: 'slovenia-2025-working-group-report.pdf', bytes: REPORT, user: COORDINATOR });
    const answer = await shareWithMention(h, COORDINATOR, [file]);
    expect(answer.via).toBe('chat.postMessage');
    expect(shown(answer)).toMatch(
      /Added slovenia-2025-working-group-report\.pdf as a-hrc-59-15: “Report of the Working Group on the Universal Periodic Review: Slovenia” \(report, PDF, 2025-03-24, A\/HRC\/59\/15, 26 pages, \d+ passages, English\)\./,
    );
    // downloaded once, with the bot token; nothing left in the download folder
    expect(h.fake.files.downloads).toEqual([{ id: file.id, authorization: 'Bearer xoxb-test-token', served: true }]);
    expect(incomingDir(h)).toEqual([]);
    expect(h.app.services.library!.list().map((d) => d.id)).toContain('a-hrc-59-15');
    expect(h.app.services.library!.find('a-hrc-59-15')).toMatchObject({ addedBy: `slack:${COORDINATOR}`, source: 'added', pages: 26 });

    const asked = await mention(h, 'What did Germany encourage Slovenia to do for journalists?');
    expect(shown(asked)).toContain('Germany encouraged Slovenia to take further measures to support a conducive environment for journalists.');
    expect(shown(asked)).toContain('A/HRC/59/15 · p. 7 · ¶ 88');
  }, 60_000);

  it('a file with a mention that comes only as a message event (Slack does not always send app_mention with a file) is taken', async () => {
    const h = await startHarness({ mode: 'http' });
    const notes = Buffer.from('# Field notes from Testland\n\nDefenders in the north reported threats from private security companies guarding mines.\n');
    const file = h.fake.files.add({ name: 'notes.md', bytes: notes, user: COORDINATOR, mimetype: 'text/markdown' });
    const ts = nextTs();
    const text = `${MENTION} notes from the field`;
    await postSigned(h.baseUrl, eventCallback({ type: 'message', subtype: 'file_share', channel_type: 'channel', user: COORDINATOR, text, ts, channel: CHANNEL, files: [file], upload: true }));
    expect(shown(await h.fake.waitForDelivery((d) => d.thread_ts === ts))).toContain('Added notes.md as notes: “Field notes from Testland” (other, MD, undated, 2 passages, English).');
  });

  it('a member’s file gets one sentence and is never downloaded', async () => {
    const h = await startHarness({ mode: 'http' });
    const file = h.fake.files.add({ name: 'report.pdf', bytes: REPORT, user: MEMBER });
    const answer = await shareWithMention(h, MEMBER, [file]);
    expect(answer.blocks).toHaveLength(1);
    expect(shown(answer)).toContain('Only coordinators can add documents.');
    expect(h.fake.files.downloads).toEqual([]);
    expect(h.fake.callsTo('files.info')).toEqual([]);
    expect(h.app.services.library!.list().map((d) => d.id)).not.toContain('a-hrc-59-15');
  });

  it('a file over PLEDGEWATCH_MAX_FILE_MB (as Slack declares it) and a type the library does not read are refused before any download', async () => {
    const h = await startHarness({ mode: 'http', env: { PLEDGEWATCH_MAX_FILE_MB: '1' } });
    const big = h.fake.files.add({ name: 'big.pdf', bytes: REPORT, declaredSize: 5 * 1024 * 1024, user: COORDINATOR });
    const odt = h.fake.files.add({ name: 'notes.odt', bytes: Buffer.from('not read'), user: COORDINATOR });
    const text = shown(await shareWithMention(h, COORDINATOR, [big, odt]));
    expect(text).toContain('big.pdf is 5 MB; the library takes files up to 1 MB.');
    expect(text).toContain('notes.odt is not a type I can read (.odt files).');
    expect(h.fake.files.downloads).toEqual([]);
  });

  it('a download bigger than Slack declared is cut off at the limit; a stalled one times out; neither leaves a file behind', async () => {
    const h = await startHarness({ mode: 'http', env: { PLEDGEWATCH_MAX_FILE_MB: '0.1', PLEDGEWATCH_DOWNLOAD_TIMEOUT_SECONDS: '1' } });
    const liar = h.fake.files.add({ name: 'liar.pdf', bytes: REPORT, declaredSize: 50_000, user: COORDINATOR });
    const text = shown(await shareWithMention(h, COORDINATOR, [liar]));
    expect(text).toContain('liar.pdf is more than 0.1 MB; the library takes files up to 0.1 MB.');
    expect(h.fake.files.downloads).toHaveLength(1);

    const slow = h.fake.files.add({ name: 'slow.pdf', bytes: REPORT.subarray(0, 90_000), stall: true, user: COORDINATOR });
    expect(shown(await shareWithMention(h, COORDINATOR, [slow]))).toContain('slow.pdf took longer than 1 seconds to download, so I stopped.');
    expect(incomingDir(h)).toEqual([]);
    expect(h.app.services.library!.list().filter((d) => d.source === 'added')).toEqual([]);
  });

  it('stopping the adapter cuts a download under way instead of waiting for it', async () => {
    const h = await startHarness({ mode: 'http' });
    const slow = h.fake.files.add({ name: 'slow.pdf', bytes: REPORT.subarray(0, 90_000), stall: true, user: COORDINATOR });
    const ts = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: COORDINATOR, text: MENTION, ts, channel: CHANNEL, files: [slow] }));
    await h.fake.files.waitForDownload();
    await h.adapter.stop(); // the download timeout is 120 s: this test would time out if stop waited for it
    expect(incomingDir(h)).toEqual([]);
    expect(h.app.services.library!.list().filter((d) => d.source === 'added')).toEqual([]);
  });

  it('without files:read Slack hands over its sign-in page instead of the file: the coordinator is told, nothing is added', async () => {
    const h = await startHarness({ mode: 'http' });
    h.fake.botToken = 'xoxb-a-token-with-files-read'; // the bot's token does not open files
    const file = h.fake.files.add({ name: 'report.pdf', bytes: REPORT, user: COORDINATOR });
    const answer = shown(await shareWithMention(h, COORDINATOR, [file]));
    expect(answer).toContain('Slack did not hand over report.pdf.');
    expect(answer).toContain('files:read');
    expect(h.fake.files.downloads).toEqual([{ id: file.id, authorization: 'Bearer xoxb-test-token', served: false }]);
    expect(h.app.services.library!.list().filter((d) => d.source === 'added')).toEqual([]);
  });

  it('a file shared without a mention is never taken (nor is `add` in a thread without a file); a reply `add` in its thread takes it, with the `track` preview and how to confirm', async () => {
    const h = await startHarness({ mode: 'http' });
    const file = h.fake.files.add({ name: 'slovenia-2025-advance-questions.docx', bytes: QUESTIONS, user: COORDINATOR, idOnly: true });
    const ts = nextTs();
    h.fake.files.postedByUser({ channel: CHANNEL, ts, user: COORDINATOR, text: 'questions for Slovenia', files: [file] });
    await postSigned(h.baseUrl, eventCallback({ type: 'message', subtype: 'file_share', channel_type: 'channel', user: COORDINATOR, text: 'questions for Slovenia', ts, channel: CHANNEL, files: [file], upload: true }));
    // `add` in people's own thread without a file is not for the bot either
    const chat = nextTs();
    h.fake.files.postedByUser({ channel: CHANNEL, ts: chat, user: MEMBER, text: 'shall we meet?' });
    await postSigned(h.baseUrl, eventCallback({ type: 'message', channel_type: 'channel', user: MEMBER, text: 'add', ts: nextTs(), thread_ts: chat, channel: CHANNEL }));
    // a later question is answered; the file is still untouched, and neither thread got an answer
    await mention(h, 'help');
    expect(h.fake.files.downloads).toEqual([]);
    expect(h.fake.deliveries.filter((d) => d.thread_ts === ts || d.thread_ts === chat)).toEqual([]);

    // a member's `add` is refused; the coordinator's `add` (no mention needed) reads the file of the thread's first message
    await postSigned(h.baseUrl, eventCallback({ type: 'message', channel_type: 'channel', user: MEMBER, text: 'add', ts: nextTs(), thread_ts: ts, channel: CHANNEL }));
    expect(shown(await h.fake.waitForDelivery((d) => d.thread_ts === ts))).toContain('Only coordinators can add documents.');
    expect(h.fake.files.downloads).toEqual([]);
    await postSigned(h.baseUrl, eventCallback({ type: 'message', channel_type: 'channel', user: COORDINATOR, text: 'add', ts: nextTs(), thread_ts: ts, channel: CHANNEL }));
    const added = shown(await h.fake.waitForDelivery((d) => d.thread_ts === ts, 2));
    expect(added).toMatch(/Added slovenia-2025-advance-questions\.docx as slovenia-2025-advance-questions: .*\(questions, DOCX, 2025-01-22, 23 passages, English\)\./);
    expect(added).toContain('Found slovenia-2025-advance-questions: to Slovenia, open deadline, 22 questions');
    expect(added).toContain('Type `confirm` (or `track slovenia-2025-advance-questions --yes`) to track it');
    // the message carried only the file's id: files.info gave the rest
    expect([...new Set(h.fake.callsTo('files.info').map((c) => c.args.file))]).toEqual([file.id]);

    const confirmed = await mention(h, 'confirm', COORDINATOR);
    expect(shown(confirmed)).toContain('Now tracking slovenia-2025-advance-questions: to Slovenia');
  }, 60_000);

  it('Socket Mode: a file sent in a direct message is taken once, though Slack tells it twice (message and file_shared)', async () => {
    const h = await startHarness({ mode: 'socket' });
    await h.fake.socketReady();
    const file = h.fake.files.add({ name: 'slovenia-2025-advance-questions.docx', bytes: QUESTIONS, user: COORDINATOR });
    const ts = nextTs();
    h.fake.files.sharedIn(file, 'D0DIRECT1', ts);
    await h.fake.sendEnvelope('events_api', eventCallback({ type: 'file_shared', file_id: file.id, user_id: COORDINATOR, channel_id: 'D0DIRECT1', file: { id: file.id }, ts }));
    await h.fake.sendEnvelope('events_api', eventCallback({ type: 'message', subtype: 'file_share', channel_type: 'im', user: COORDINATOR, text: '', ts, channel: 'D0DIRECT1', files: [file], upload: true }));
    const answer = await h.fake.waitForDelivery((d) => d.thread_ts === ts);
    expect(shown(answer)).toContain('Added slovenia-2025-advance-questions.docx as slovenia-2025-advance-questions');
    const marker = nextTs();
    await h.fake.sendEnvelope('events_api', eventCallback({ type: 'message', channel_type: 'im', user: COORDINATOR, text: 'help', ts: marker, channel: 'D0DIRECT1' }));
    await h.fake.waitForDelivery((d) => d.thread_ts === marker);
    expect(h.fake.files.downloads).toHaveLength(1);
    expect(h.fake.deliveries.filter((d) => d.thread_ts === ts && /Added/.test(shown(d)))).toHaveLength(1);
  }, 60_000);
});
