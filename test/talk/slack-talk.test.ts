import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock.js';
import { createReminderLoop } from '../../src/reminders/loop.js';
import { blockText, COORDINATOR, eventCallback, nextTs, postSigned, slashCommandBody, startHarness, type Harness } from '../adapters/slack/slack-harness.js';
import { LEDGER_QUESTIONS } from './conversation.js';

/**
 * Issue 17's "Done when", through the real Slack adapter (Bolt's HTTP receiver, the real WebClient) against the
 * fake Slack: the ledger questions in both languages, a Spanish channel's help, errors and reminders, drafts,
 * and an export uploaded as a file (files.uploadV2).
 */

const CHANNEL = 'C0COALITION';
const SPANISH = 'C0ESPANOL';

async function start(): Promise<Harness & { clock: FakeClock; mention(text: string, channel?: string): Promise<string> }> {
  const clock = new FakeClock('2020-10-01T12:00:00Z');
  const h = await startHarness({ mode: 'http', clock, env: { PLEDGEWATCH_TIMEZONE: 'America/Mexico_City' } });
  let n = 0;
  /** Mentions the bot and resolves with the text of the answer(s) it posted in the thread. */
  const mention = async (text: string, channel = CHANNEL) => {
    const ts = nextTs();
    const before = h.fake.deliveries.length;
    n++;
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: COORDINATOR, text: `<@UBOT0001> ${text}`, ts, channel }));
    await h.fake.waitForDelivery((d) => d.thread_ts === ts);
    // (the adapter posts every part of an answer before it takes the next event, and each mention waits for its answer)
    return h.fake.deliveries.slice(before).filter((d) => d.thread_ts === ts).map((d) => `${d.text ?? ''}\n${blockText(d.blocks)}`).join('\n');
  };
  return Object.assign(h, { clock, mention });
}

describe('talking to the bot in Slack as the coalition does (issue 17, through the fake Slack)', () => {
  it('answers the ledger questions and their Spanish twins from the ledger, each in its own language', async () => {
    const h = await start();
    for (const q of LEDGER_QUESTIONS) {
      const en = await h.mention(q.en);
      expect(en, q.en).toContain(`\`${q.command}\` does the same`);
      const es = await h.mention(q.es);
      expect(es, q.es).toMatch(/hace lo mismo/);
      expect(es, q.es).not.toMatch(/I found nothing|No encontré nada/);
    }
  }, 120_000);

  it('a Spanish channel gets Spanish help, errors, drafts and reminders; an English one stays English', async () => {
    const h = await start();
    expect(await h.mention('idioma es', SPANISH)).toMatch(/en español/);
    const help = await h.mention('help', SPANISH);
    expect(help).toMatch(/pendientes \[Estado\]/);
    expect(help).toMatch(/respondida (<|&lt;)Estado(>|&gt;) (<|&gt;)?/);
    expect(help).toMatch(/suscribir \[Estado …\]/);
    expect(await h.mention('outstanding Narnia', SPANISH)).toMatch(/No conozco ningún Estado llamado «Narnia»/);
    expect(await h.mention('draft Mexico', SPANISH)).toMatch(/Excelencia:[\s\S]*siguen sin respuesta/);
    expect(await h.mention('draft Mexico', CHANNEL)).toMatch(/Your Excellency,[\s\S]*remain unanswered/);
    expect(await h.mention('draft Mexico --lang es', CHANNEL)).toMatch(/Excelencia:/);
    expect(await h.mention('help', CHANNEL)).toMatch(/outstanding \[State\]/);

    // reminders: both channels subscribe; the 7-day reminder of the 9 October deadline falls due on 2 October
    await h.mention('suscribir México', SPANISH);
    await h.mention('subscribe Mexico', CHANNEL);
    const loop = createReminderLoop({ reminders: h.app.services.reminders, senders: new Map([['slack', h.adapter.sender]]), clock: h.clock, logger: h.app.services.logger, graceHours: 24 });
    h.clock.set('2020-10-02T14:00:30Z'); // 09:00 in Mexico City
    await loop.tick();
    await loop.stop();
    const posted = (channel: string) => h.fake.deliveries.filter((d) => d.channel === channel && !d.thread_ts).map((d) => `${d.text ?? ''}\n${blockText(d.blocks)}`).join('\n');
    expect(posted(SPANISH)).toMatch(/Recordatorio: Mexico debe respuestas a «/);
    expect(posted(SPANISH)).toMatch(/Plazo: 9 de octubre de 2020 \(en 7 días\)/);
    expect(posted(CHANNEL)).toMatch(/Reminder: Mexico owes answers to “/);
    expect(posted(CHANNEL)).toMatch(/Deadline: 9 October 2020 \(in 7 days\)/);
  }, 120_000);

  it('uploads an export as a file in the thread (files.uploadV2), without pasting the CSV', async () => {
    const h = await start();
    const ts = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: COORDINATOR, text: '<@UBOT0001> export Mexico', ts, channel: CHANNEL }));
    const done = await h.fake.waitForCall('files.completeUploadExternal');
    expect(done.args).toMatchObject({ channel_id: CHANNEL, thread_ts: ts });
    const file = h.fake.uploads.get((done.args.files as { id: string }[])[0]!.id)!;
    expect(file).toMatchObject({ filename: 'pledgewatch-mx.csv', completed: true });
    expect(file.content!.split('\n')[0]).toMatch(/^state,letter,number,/);
    expect(file.content!.match(/^Mexico,/gm)!.length).toBeGreaterThan(10);
    const said = await h.fake.waitForDelivery((d) => d.thread_ts === ts);
    expect(said.text).toMatch(/questions exported/);
    expect(h.fake.deliveries.filter((d) => d.thread_ts === ts).map((d) => d.text).join('\n')).not.toMatch(/state,letter,number/);
  }, 60_000);

  it('a slash command `/pledgewatch export Mexico json` uploads the file in the channel (a file cannot be ephemeral)', async () => {
    const h = await start();
    const res = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'export Mexico json', channel: CHANNEL }), { form: true });
    expect(res.status).toBe(200);
    const done = await h.fake.waitForCall('files.completeUploadExternal');
    expect(done.args.channel_id).toBe(CHANNEL);
    expect(done.args.thread_ts).toBeUndefined();
    const file = h.fake.uploads.get((done.args.files as { id: string }[])[0]!.id)!;
    expect(file.filename).toBe('pledgewatch-mx.json');
    expect((JSON.parse(file.content!) as unknown[]).length).toBeGreaterThan(10);
  }, 60_000);
});
