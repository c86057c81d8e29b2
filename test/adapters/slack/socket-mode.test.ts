import { describe, expect, it } from 'vitest';
import { reply } from '../../../src/kernel/reply.js';
import { MEMBER, nextTs, slashCommandBody, startHarness } from './slack-harness.js';

const eventsApi = (event: Record<string, unknown>, eventId: string) => ({
  token: 'legacy',
  team_id: 'T0FAKE01',
  api_app_id: 'AFAKE',
  event: { event_ts: event.ts, ...event },
  type: 'event_callback',
  event_id: eventId,
  event_time: 1800000000,
  authorizations: [{ team_id: 'T0FAKE01', user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
});

describe('the Slack adapter in Socket Mode (real Socket Mode client against the fake WebSocket)', () => {
  it('connects through apps.connections.open with the app token, and reports itself connected', async () => {
    const h = await startHarness({ mode: 'socket' });
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.authorization).toBe('Bearer xapp-test-token');
    expect(h.fake.callsTo('auth.test')[0]!.authorization).toBe('Bearer xoxb-test-token');
    expect(h.adapter.status()).toEqual({ connected: true, detail: undefined });
    await h.adapter.stop();
    expect(h.adapter.status().connected).toBe(false);
  });

  it('acks a slash command envelope by its id and answers privately', async () => {
    const h = await startHarness({ mode: 'socket' });
    const ack = await h.fake.sendEnvelope('slash_commands', slashCommandBody(h.fake, { text: 'help' }), { envelopeId: 'env-command-1' });
    expect(ack.envelope_id).toBe('env-command-1');
    const answer = await h.fake.waitForResponse();
    expect(answer.body.response_type).toBe('ephemeral');
    expect(h.asked).toHaveLength(1);
  });

  it('acks an envelope before the answer is ready', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = await startHarness({ mode: 'socket', cannedReply: () => gate.then(() => reply([{ kind: 'text', text: 'Slow answer.' }])) });
    const ack = await h.fake.sendEnvelope('slash_commands', slashCommandBody(h.fake, { text: 'slow' }), { envelopeId: 'env-slow' });
    expect(ack.envelope_id).toBe('env-slow');
    expect(h.fake.responses).toHaveLength(0);
    release();
    expect((await h.fake.waitForResponse()).body.text).toBe('Slow answer.');
  });

  it('acks app_mention and message.im envelopes and answers each in its thread', async () => {
    const h = await startHarness({ mode: 'socket' });
    const mentionTs = nextTs();
    const dmTs = nextTs();
    const a1 = await h.fake.sendEnvelope('events_api', eventsApi({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help', ts: mentionTs, channel: 'C0GENERAL' }, 'EvS1'), {
      envelopeId: 'env-mention',
    });
    const a2 = await h.fake.sendEnvelope('events_api', eventsApi({ type: 'message', channel_type: 'im', user: MEMBER, text: 'help', ts: dmTs, channel: 'D0DIRECT1' }, 'EvS2'), {
      envelopeId: 'env-dm',
    });
    expect([a1.envelope_id, a2.envelope_id]).toEqual(['env-mention', 'env-dm']);
    await h.fake.waitForCall('chat.postMessage', () => true, 2);
    const posts = h.fake.callsTo('chat.postMessage').map((c) => [c.args.channel, c.args.thread_ts]);
    expect(posts).toEqual(expect.arrayContaining([['C0GENERAL', mentionTs], ['D0DIRECT1', dmTs]]));
  });

  it('acks a re-delivered envelope again but answers it once', async () => {
    const h = await startHarness({ mode: 'socket' });
    const command = slashCommandBody(h.fake, { text: 'help' });
    const mention = eventsApi({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help', ts: nextTs(), channel: 'C0GENERAL' }, 'EvS3');
    await h.fake.sendEnvelope('slash_commands', command, { envelopeId: 'env-same-command' });
    await h.fake.sendEnvelope('events_api', mention, { envelopeId: 'env-same-mention' });
    await h.fake.waitForResponse();
    await h.fake.waitForCall('chat.postMessage');
    // Slack sends the very same envelopes again (and once more, as a numbered retry).
    const again = await h.fake.sendEnvelope('slash_commands', command, { envelopeId: 'env-same-command' });
    await h.fake.sendEnvelope('events_api', mention, { envelopeId: 'env-same-mention' });
    await h.fake.sendEnvelope('events_api', mention, { envelopeId: 'env-retry-mention', retryAttempt: 1 });
    expect(again.envelope_id).toBe('env-same-command');
    await h.logs.waitFor((l) => l.msg === 'repeated delivery ignored', 3);
    expect(h.asked).toHaveLength(2);
    expect(h.fake.responses).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.acks.filter((a) => a.envelope_id === 'env-same-command')).toHaveLength(2);
  });
});
