import { describe, expect, it } from 'vitest';
import { REMINDER_EVENT_TYPE } from '../../../adapters/slack/sender.js';
import { SHARE_ACTION_ID, SLACK_LIMITS } from '../../../adapters/slack/render-blocks.js';
import { createReminderLoop } from '../../../src/reminders/loop.js';
import { FakeClock } from '../../fakes/clock.js';
import { blockText, COORDINATOR, eventCallback, MEMBER, nextTs, postSigned, slashCommandBody, startHarness, type Harness } from './slack-harness.js';

const CHANNEL = 'C0LEDGER1';
const SEED_000 = 'ishr-2020-mexico-questions';

/** A signed `/pledgewatch <text>` from `user` in `channel`; resolves with what the bot showed in return. */
async function slash(h: Harness, text: string, user: string, channel = CHANNEL) {
  const before = h.fake.deliveries.length;
  const res = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text, user, channel }), { form: true });
  expect(res.status).toBe(200);
  return h.fake.waitForDelivery(() => true, before + 1);
}

/** What the ledger says, asked the way `npx pledgewatch outstanding Mexico --json` asks it. */
async function seed000Outstanding(h: Harness): Promise<string[]> {
  const r = await h.app.core.handle({ platform: 'cli', channel: 'cli', user: 'cli:test', text: 'outstanding Mexico', isDirect: true });
  const data = r.data as { outstanding: { letter: string; number: string }[] };
  return data.outstanding.filter((q) => q.letter === SEED_000).map((q) => q.number);
}

/** The reminder loop exactly as main.ts builds it, with the Slack adapter's sender. */
function reminderLoop(h: Harness, clock: FakeClock) {
  return createReminderLoop({
    reminders: h.app.services.reminders,
    senders: new Map([['slack', h.adapter.sender]]),
    clock,
    logger: h.app.services.logger,
    graceHours: h.app.config.reminders.graceHours,
  });
}
const remindersIn = (h: Harness, channel: string) => (h.fake.history.get(channel) ?? []).filter((m) => m.metadata?.event_type === REMINDER_EVENT_TYPE);

describe('end to end through Slack, with the real ledger and reminders', () => {
  it('a member lists what Mexico owes; only a coordinator records `answered Mexico 5`', async () => {
    const h = await startHarness({ mode: 'http' });
    expect(await seed000Outstanding(h)).toHaveLength(36);

    const listed = await slash(h, 'outstanding Mexico', MEMBER);
    expect(listed).toMatchObject({ via: 'response_url', response_type: 'ephemeral' });
    const shown = `${listed.text}\n${blockText(listed.blocks)}`;
    expect(shown).toMatch(/I\(dh\)eas, Litigio Estratégico en Derechos Humanos/);
    expect(shown).toMatch(/36/);
    expect(listed.blocks!.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    // The listing is long (two letters): every part went out privately, and the last one can be shared.
    const parts = h.fake.deliveries.filter((d) => d.via === 'response_url');
    expect(parts.at(-1)!.blocks!.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: SHARE_ACTION_ID }] });

    const refused = await slash(h, 'answered Mexico 5', MEMBER);
    expect(refused).toMatchObject({ via: 'response_url', response_type: 'ephemeral' });
    expect(blockText(refused.blocks)).toMatch(/only the coalition.s coordinators/i);
    expect(await seed000Outstanding(h)).toHaveLength(36);

    const recorded = await slash(h, 'answered Mexico 5', COORDINATOR);
    // A recorded answer is news for the channel: posted by the bot, without the coordinator's command.
    expect(recorded).toMatchObject({ via: 'chat.postMessage', channel: CHANNEL });
    expect(recorded.thread_ts).toBeUndefined();
    const left = await seed000Outstanding(h);
    expect(left).toHaveLength(35);
    expect(left).not.toContain('5');
  });

  it('a mention gets a threaded, cited answer; a follow-up in its thread too; a recorded answer is also shown in the channel', async () => {
    const h = await startHarness({ mode: 'http' });
    const ts = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> how many people have disappeared in Mexico?', ts, channel: CHANNEL }));
    const answer = await h.fake.waitForDelivery();
    expect(answer).toMatchObject({ via: 'chat.postMessage', channel: CHANNEL, thread_ts: ts });
    // The quote, then its citation line: title · date · where.
    expect(answer.blocks![0]).toMatchObject({ type: 'section', text: { text: expect.stringMatching(/^>/) } });
    expect(answer.blocks![1]).toMatchObject({ type: 'context', elements: [{ text: expect.stringMatching(/ · \d{4}-\d{2}-\d{2} · /) }] });
    expect(blockText(answer.blocks)).toMatch(/75,064/);
    expect(answer.blocks!.filter((b) => b.type === 'section' && /^>/.test(b.text.text)).length).toBeLessThanOrEqual(3);
    expect(h.fake.callsTo('chat.postMessage')[0]!.args.reply_broadcast).toBeUndefined();

    await postSigned(h.baseUrl, eventCallback({ type: 'message', channel_type: 'channel', user: MEMBER, text: 'and journalists?', ts: nextTs(), thread_ts: ts, channel: CHANNEL }));
    expect(await h.fake.waitForDelivery(() => true, 2)).toMatchObject({ via: 'chat.postMessage', thread_ts: ts });

    await postSigned(h.baseUrl, eventCallback({ type: 'message', channel_type: 'channel', user: COORDINATOR, text: 'answered Mexico 5', ts: nextTs(), thread_ts: ts, channel: CHANNEL }));
    const recorded = await h.fake.waitForDelivery(() => true, 3);
    expect(recorded).toMatchObject({ via: 'chat.postMessage', thread_ts: ts });
    expect(h.fake.callsTo('chat.postMessage')[2]!.args.reply_broadcast).toBe('true');
    expect(await seed000Outstanding(h)).toHaveLength(35);
  });

  it('a coordinator sets a deadline and subscribes the channel; the due reminder arrives exactly once, across a restart', async () => {
    const clock = new FakeClock('2026-12-01T08:00:00Z');
    const h = await startHarness({ mode: 'http', clock });
    expect((await slash(h, 'deadline Mexico 2026-12-04', COORDINATOR)).via).toBe('chat.postMessage');
    expect(blockText((await slash(h, 'subscribe Mexico', MEMBER)).blocks)).toMatch(/only the coalition.s coordinators/i);
    expect((await slash(h, 'subscribe Mexico', COORDINATOR)).via).toBe('chat.postMessage');
    await slash(h, 'answered Mexico 5', COORDINATOR);

    const loop = reminderLoop(h, clock);
    await loop.tick();
    const early = remindersIn(h, CHANNEL).length;
    // 09:00 on 2026-12-01, three days before the deadline.
    clock.set('2026-12-01T09:00:30Z');
    await loop.tick();
    const threeDays = remindersIn(h, CHANNEL).filter((m) => String(m.metadata!.event_payload.key).includes('|3-days|'));
    expect(threeDays).toHaveLength(1);
    const shown = `${threeDays[0]!.text}\n${blockText(threeDays[0]!.blocks)}`;
    expect(shown).toMatch(/Mexico/);
    expect(shown).toMatch(/35/);
    expect(shown).not.toContain('<');
    const after = remindersIn(h, CHANNEL).length;
    expect(after).toBe(early + 1);

    expect((await loop.tick()).sent).toBe(0);
    await loop.stop();
    // A restart: a new loop over the same database posts nothing again.
    const again = reminderLoop(h, clock);
    expect((await again.tick()).sent).toBe(0);
    await again.stop();
    expect(remindersIn(h, CHANNEL)).toHaveLength(after);
    // Each reminder key was posted once.
    const keys = remindersIn(h, CHANNEL).map((m) => m.metadata!.event_payload.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a reminder whose post failed stays queued and arrives once later, through a 429', async () => {
    const clock = new FakeClock('2026-12-01T08:00:00Z');
    const h = await startHarness({ mode: 'http', clock });
    await slash(h, 'deadline Mexico 2026-12-04', COORDINATOR);
    await slash(h, 'subscribe Mexico', COORDINATOR);
    const loop = reminderLoop(h, clock);
    await loop.tick();
    const before = remindersIn(h, CHANNEL).length;

    clock.set('2026-12-01T09:00:30Z');
    h.fake.failNext('chat.postMessage', { status: 503 });
    expect(await loop.tick()).toMatchObject({ sent: 0, failed: 1 });
    expect(remindersIn(h, CHANNEL)).toHaveLength(before);

    // After the loop's backoff: first a rate limit (waited out by the WebClient), then the post.
    clock.advance(5 * 60_000);
    h.fake.rateLimitNext('chat.postMessage', 1);
    expect((await loop.tick()).sent).toBe(1);
    expect(remindersIn(h, CHANNEL)).toHaveLength(before + 1);
    // The retry first asked Slack whether the failed attempt had gone through after all.
    expect(h.fake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(1);
    clock.advance(60 * 60_000);
    expect((await loop.tick()).sent).toBe(0);
    expect(remindersIn(h, CHANNEL)).toHaveLength(before + 1);
    await loop.stop();
  });
});
