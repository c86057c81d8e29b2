import { describe, expect, it } from 'vitest';
import { REMINDER_EVENT_TYPE } from '../../../adapters/slack/sender.js';
import type { LetterDeadline, ReminderLedger } from '../../../src/reminders/ledger-port.js';
import { createReminderLoop } from '../../../src/reminders/loop.js';
import { createReminderService } from '../../../src/reminders/service.js';
import { FakeClock } from '../../fakes/clock.js';
import { blockText, COORDINATOR, MEMBER, postSigned, slashCommandBody, startHarness, type Harness } from './slack-harness.js';

const CHANNEL = 'C0REMIND1';

/** One letter to Mexico due on 2026-12-04, question 5 outstanding (with an asker that tries to ping). */
const mexicoDue: LetterDeadline = {
  state: 'Mexico',
  stateId: 'mexico',
  letter: 'ishr-2020-mexico-questions',
  letterTitle: 'ISHR questions to Mexico',
  deadline: '2026-12-04',
  timezone: 'UTC',
  total: 36,
  outstanding: [{ label: '5', askedBy: ['I(dh)eas <!channel>'] }],
};
const fakeLedger: ReminderLedger = { letterDeadlines: () => [mexicoDue], resolveState: () => ({ id: 'mexico', name: 'Mexico' }) };

/** The reminder loop main.ts runs, with this Slack adapter's sender, over the harness's database. */
function reminderLoop(h: Harness, clock: FakeClock, ledger: ReminderLedger = fakeLedger) {
  const { config, db } = h.app;
  const reminders = createReminderService({ db, ledger, policy: config.reminders, timezone: config.timezone, clock, logger: h.app.services.logger });
  return createReminderLoop({ reminders, senders: new Map([['slack', h.adapter.sender]]), clock, logger: h.app.services.logger, graceHours: config.reminders.graceHours });
}

const remindersIn = (h: Harness, channel: string) => (h.fake.history.get(channel) ?? []).filter((m) => m.metadata?.event_type === REMINDER_EVENT_TYPE);

describe('end to end through Slack', () => {
  it('a coordinator subscribes a channel with /pledgewatch; a due reminder reaches it exactly once, across a restart', async () => {
    const clock = new FakeClock('2026-12-01T08:00:00Z');
    const h = await startHarness({ mode: 'http', clock });

    // A member may not subscribe the channel; a coordinator may.
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'subscribe', user: MEMBER, channel: CHANNEL }), { form: true });
    const refused = await h.fake.waitForDelivery();
    expect(refused).toMatchObject({ via: 'response_url', response_type: 'ephemeral' });
    expect(blockText(refused.blocks)).toMatch(/only the coalition.s coordinators/i);
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'subscribe', user: COORDINATOR, channel: CHANNEL }), { form: true });
    // The channel learns it is subscribed (posted by the bot; the coordinator's command stays private).
    const confirmed = await h.fake.waitForDelivery(() => true, 2);
    expect(confirmed).toMatchObject({ via: 'chat.postMessage', channel: CHANNEL });
    expect(blockText(confirmed.blocks)).toMatch(/remind/i);

    // Nothing is due before 09:00 on 2026-12-01 (3 days before the deadline).
    const loop = reminderLoop(h, clock);
    expect((await loop.tick()).sent).toBe(0);
    clock.set('2026-12-01T09:00:30Z');
    expect((await loop.tick()).sent).toBe(1);
    expect((await loop.tick()).sent).toBe(0);
    const posted = remindersIn(h, CHANNEL);
    expect(posted).toHaveLength(1);
    const shown = `${posted[0]!.text}\n${blockText(posted[0]!.blocks)}`;
    expect(shown).toMatch(/Mexico/);
    expect(shown).toContain('&lt;!channel&gt;');
    expect(shown).not.toContain('<');

    // A restart: a new loop over the same database posts nothing again.
    await loop.stop();
    const again = reminderLoop(h, clock);
    expect((await again.tick()).sent).toBe(0);
    expect(remindersIn(h, CHANNEL)).toHaveLength(1);
    await again.stop();
  });

  it('a reminder hit by a 429 arrives once; one whose post failed stays queued and arrives once later', async () => {
    const clock = new FakeClock('2026-12-01T08:59:00Z');
    const h = await startHarness({ mode: 'http', clock });
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'subscribe', user: COORDINATOR, channel: CHANNEL }), { form: true });
    await h.fake.waitForDelivery();
    const loop = reminderLoop(h, clock);
    await loop.tick();

    clock.set('2026-12-01T09:00:30Z');
    h.fake.failNext('chat.postMessage', { status: 503 });
    expect(await loop.tick()).toMatchObject({ sent: 0, failed: 1 });
    expect(remindersIn(h, CHANNEL)).toHaveLength(0);

    // After the loop's backoff: first a rate limit (waited out by the WebClient), then the post.
    clock.advance(5 * 60_000);
    h.fake.rateLimitNext('chat.postMessage', 1);
    expect((await loop.tick()).sent).toBe(1);
    expect(remindersIn(h, CHANNEL)).toHaveLength(1);
    // The retry asked Slack first whether the failed attempt had gone through after all.
    expect(h.fake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(1);
    clock.advance(60 * 60_000);
    expect((await loop.tick()).sent).toBe(0);
    expect(remindersIn(h, CHANNEL)).toHaveLength(1);
    await loop.stop();
  });
});
