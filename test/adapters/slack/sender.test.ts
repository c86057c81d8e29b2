import { describe, expect, it } from 'vitest';
import { REMINDER_EVENT_TYPE } from '../../../adapters/slack/sender.js';
import { reply, type Block } from '../../../src/kernel/reply.js';
import { startHarness } from './slack-harness.js';

const reminder = reply([{ kind: 'text', text: 'Mexico’s answers are due in 3 days <!channel>.' }], { visibility: 'channel', thread: false });

describe('the Slack sender (reminders, real WebClient against the fake Slack)', () => {
  it('posts a reminder with its key in the message metadata, and finds it again by that key', async () => {
    const h = await startHarness({ mode: 'http' });
    const sender = h.adapter.sender;
    const { messageId } = await sender.send('slack:C0REMIND1', reminder, 'reminder:key-1');
    const call = h.fake.callsTo('chat.postMessage')[0]!;
    expect(call.args).toMatchObject({ channel: 'C0REMIND1', metadata: { event_type: REMINDER_EVENT_TYPE, event_payload: { key: 'reminder:key-1', part: 0, parts: 1 } } });
    expect(call.args.text).toContain('&lt;!channel&gt;');
    expect(call.args.link_names).toBeUndefined();
    expect(messageId).toBe(h.fake.history.get('C0REMIND1')![0]!.ts);

    expect(await sender.lookup!('slack:C0REMIND1', 'reminder:key-1')).toEqual({ messageId });
    expect(await sender.lookup!('slack:C0REMIND1', 'reminder:key-2')).toBeUndefined();
    expect(await sender.lookup!('slack:C0OTHER01', 'reminder:key-1')).toBeUndefined();
    expect(h.fake.callsTo('conversations.history')[0]!.args).toMatchObject({ channel: 'C0REMIND1', include_all_metadata: 'true' });
  });

  it('waits out a 429 (Retry-After) and posts the reminder exactly once', async () => {
    const h = await startHarness({ mode: 'http' });
    h.fake.rateLimitNext('chat.postMessage', 1);
    await h.adapter.sender.send('slack:C0REMIND1', reminder, 'reminder:rate-limited');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(h.fake.history.get('C0REMIND1')).toHaveLength(1);
  });

  it('throws at once on a server error or a Slack error, so the reminder stays queued (no blind re-post)', async () => {
    const h = await startHarness({ mode: 'http' });
    h.fake.failNext('chat.postMessage', { status: 503 });
    await expect(h.adapter.sender.send('slack:C0REMIND1', reminder, 'reminder:k')).rejects.toThrow();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await expect(h.adapter.sender.send('slack:C0REMIND1', reminder, 'reminder:k')).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    expect(h.fake.history.get('C0REMIND1')).toBeUndefined();
    await expect(h.adapter.sender.send('matrix:!room:example.org', reminder, 'reminder:k')).rejects.toThrow(/not a Slack channel/);
  });

  it('counts a long reminder as sent only when every part of it is in the channel', async () => {
    const h = await startHarness({ mode: 'http' });
    const long = reply(Array.from({ length: 80 }, (_, i): Block => ({ kind: 'text', text: `Question ${i} is overdue.` })), { visibility: 'channel' });
    // The second part fails: the first is in the channel, the send throws, the reminder is not sent.
    h.fake.failNext('chat.postMessage', { error: 'internal_error' }, 1, 1);
    await expect(h.adapter.sender.send('slack:C0REMIND1', long, 'reminder:long')).rejects.toThrow();
    expect(h.fake.history.get('C0REMIND1')).toHaveLength(1);
    expect(await h.adapter.sender.lookup!('slack:C0REMIND1', 'reminder:long')).toBeUndefined();
    // Sent again whole, it counts.
    const { messageId } = await h.adapter.sender.send('slack:C0REMIND1', long, 'reminder:long');
    expect(h.fake.history.get('C0REMIND1')!.filter((m) => m.metadata?.event_payload.key === 'reminder:long')).toHaveLength(3);
    expect(await h.adapter.sender.lookup!('slack:C0REMIND1', 'reminder:long')).toEqual({ messageId });
  });
});
