import { describe, expect, it } from 'vitest';
import { SHARE_ACTION_ID } from '../../../adapters/slack/render-blocks.js';
import { reply } from '../../../src/kernel/reply.js';
import type { FakeSlack } from '../../fakes/fake-slack.js';
import { blockText, COORDINATOR, eventCallback, MEMBER, nextTs, postSigned, slashCommandBody, startHarness } from './slack-harness.js';

const hostile = '<!channel> <@U123> <http://evil.example|click> & more';

/** The form body of a click on the "Share in channel" button of an ephemeral message. */
function shareClick(fake: FakeSlack, value: string, user = MEMBER, channel = 'C0GENERAL') {
  return {
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: 'T0FAKE01', domain: 'coalition' },
      user: { id: user, username: 'someone', team_id: 'T0FAKE01' },
      api_app_id: 'AFAKE',
      token: 'legacy',
      container: { type: 'message', message_ts: '1800000000.000001', channel_id: channel, is_ephemeral: true },
      trigger_id: `trigger.${Math.random()}`,
      channel: { id: channel, name: 'general' },
      response_url: fake.responseUrl(),
      actions: [{ action_id: SHARE_ACTION_ID, block_id: 'b1', value, type: 'button', action_ts: '1800000000.1' }],
    }),
  };
}

describe('Slack replies (real WebClient against the fake Slack)', () => {
  it('answers a mention in a thread, then a follow-up in that thread without a new mention', async () => {
    const h = await startHarness({ mode: 'http' });
    const ts = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help', ts, channel: 'C0GENERAL' }));
    const answer = await h.fake.waitForCall('chat.postMessage');
    expect(answer.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: ts });
    expect(answer.args.link_names).toBeUndefined();
    expect(h.asked[0]).toMatchObject({ text: 'help', thread: ts, isDirect: false, user: `slack:${MEMBER}` });

    // A follow-up in the bot's thread: a plain message event, no mention.
    const followUp = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'message', channel_type: 'channel', user: MEMBER, text: 'help help', ts: followUp, thread_ts: ts, channel: 'C0GENERAL' }));
    const second = await h.fake.waitForCall('chat.postMessage', () => true, 2);
    expect(second.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: ts });
    expect(h.asked[1]).toMatchObject({ text: 'help help', thread: ts });

    // Ordinary channel chatter, other threads, edits and bots are not questions.
    const ignored = [
      { type: 'message', channel_type: 'channel', user: MEMBER, text: 'lunch?', ts: nextTs(), channel: 'C0GENERAL' },
      { type: 'message', channel_type: 'channel', user: MEMBER, text: 'help', ts: nextTs(), thread_ts: '1700000000.999999', channel: 'C0GENERAL' },
      { type: 'message', channel_type: 'channel', subtype: 'message_changed', ts: nextTs(), channel: 'C0GENERAL' },
      { type: 'message', channel_type: 'channel', bot_id: 'BOTHER', user: 'UOTHERBOT', text: 'help', ts: nextTs(), thread_ts: ts, channel: 'C0GENERAL' },
    ];
    for (const e of ignored) await postSigned(h.baseUrl, eventCallback(e));
    // One more real question; once it is answered, the ignored ones are long past the listener.
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help', ts: nextTs(), channel: 'C0GENERAL' }));
    await h.fake.waitForCall('chat.postMessage', () => true, 3);
    expect(h.asked).toHaveLength(3);
  });

  it('answers a mention in a thread once, even when the same message also arrives as a thread message event', async () => {
    const h = await startHarness({ mode: 'http' });
    const root = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help', ts: root, channel: 'C0GENERAL' }));
    await h.fake.waitForCall('chat.postMessage');
    const ts = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help', ts, thread_ts: root, channel: 'C0GENERAL' }));
    await postSigned(h.baseUrl, eventCallback({ type: 'message', channel_type: 'channel', user: MEMBER, text: '<@UBOT0001> help', ts, thread_ts: root, channel: 'C0GENERAL' }));
    await h.logs.waitFor((l) => l.msg === 'repeated delivery ignored');
    await h.fake.waitForCall('chat.postMessage', () => true, 2);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('answers a mention inside people’s own thread there, without taking over the rest of their thread', async () => {
    const h = await startHarness({ mode: 'http' });
    const theirRoot = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help', ts: nextTs(), thread_ts: theirRoot, channel: 'C0GENERAL' }));
    expect((await h.fake.waitForCall('chat.postMessage')).args.thread_ts).toBe(theirRoot);
    await postSigned(h.baseUrl, eventCallback({ type: 'message', channel_type: 'channel', user: MEMBER, text: 'help', ts: nextTs(), thread_ts: theirRoot, channel: 'C0GENERAL' }));
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help', ts: nextTs(), channel: 'C0GENERAL' }));
    await h.fake.waitForCall('chat.postMessage', () => true, 2);
    expect(h.asked).toHaveLength(2);
  });

  it('answers a direct message in a thread under it', async () => {
    const h = await startHarness({ mode: 'http' });
    const ts = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'message', channel_type: 'im', user: MEMBER, text: 'help', ts, channel: 'D0DIRECT1' }));
    const answer = await h.fake.waitForCall('chat.postMessage');
    expect(answer.args).toMatchObject({ channel: 'D0DIRECT1', thread_ts: ts });
    expect(h.asked[0]).toMatchObject({ isDirect: true, channel: 'slack:D0DIRECT1' });
  });

  it('acks a command and an event before the answer is ready, and posts the answer when it is', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = await startHarness({ mode: 'http', cannedReply: () => gate.then(() => reply([{ kind: 'text', text: 'Slow answer.' }])) });
    const command = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'a slow question' }), { form: true });
    const ts = nextTs();
    const event = await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> slow', ts, channel: 'C0GENERAL' }));
    // Slack has its 200s while both answers are still being worked on.
    expect([command.status, event.status]).toEqual([200, 200]);
    expect(h.fake.responses).toHaveLength(0);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    release();
    expect((await h.fake.waitForResponse()).body.text).toBe('Slow answer.');
    expect((await h.fake.waitForCall('chat.postMessage')).args).toMatchObject({ thread_ts: ts, text: 'Slow answer.' });
  });

  it('falls back to chat.postEphemeral when response_url no longer works', async () => {
    const h = await startHarness({ mode: 'http' });
    h.fake.expireResponseUrls();
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true });
    const ephemeral = await h.fake.waitForCall('chat.postEphemeral');
    expect(ephemeral.args).toMatchObject({ channel: 'C0GENERAL', user: MEMBER });
    expect(blockText(ephemeral.args.blocks)).toMatch(/help/);
  });

  it('posts a channel-visible answer with chat.postMessage, so the command itself stays private', async () => {
    const h = await startHarness({ mode: 'http', cannedReply: () => reply([{ kind: 'text', text: 'Recorded.' }], { visibility: 'channel' }) });
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'anything' }), { form: true });
    const posted = await h.fake.waitForCall('chat.postMessage');
    expect(posted.args).toMatchObject({ channel: 'C0GENERAL', text: 'Recorded.' });
    expect(posted.args.thread_ts).toBeUndefined();
    expect(h.fake.responses).toHaveLength(0);
  });

  it('shares an ephemeral answer in the channel with one press of its button, as the bot', async () => {
    const h = await startHarness({
      mode: 'http',
      cannedReply: () => reply([{ kind: 'text', text: `An answer about ${hostile}` }], { visibility: 'asker', shareable: true }),
    });
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'ask something private' }), { form: true });
    const ephemeral = await h.fake.waitForResponse();
    const button = ephemeral.body.blocks.at(-1);
    expect(button).toMatchObject({ type: 'actions', elements: [{ action_id: SHARE_ACTION_ID, text: { text: 'Share in channel' } }] });
    const value = button.elements[0].value as string;

    // Someone else cannot share it.
    await postSigned(h.baseUrl, shareClick(h.fake, value, COORDINATOR), { form: true });
    expect((await h.fake.waitForResponse(() => true, 2)).body.text).toMatch(/can no longer be shared/);

    await postSigned(h.baseUrl, shareClick(h.fake, value), { form: true });
    const shared = await h.fake.waitForCall('chat.postMessage');
    expect(shared.args.channel).toBe('C0GENERAL');
    expect(blockText(shared.args.blocks)).toContain('An answer about &lt;!channel&gt;');
    expect(shared.args.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);
    // Neither the question nor who asked appears in the channel.
    expect(JSON.stringify(shared.args)).not.toMatch(/something private|UMEMBER01/);
    expect((await h.fake.waitForResponse(() => true, 3)).body).toMatchObject({ replace_original: true, text: 'Shared in the channel.' });

    // A second press posts nothing more.
    await postSigned(h.baseUrl, shareClick(h.fake, value), { form: true });
    expect((await h.fake.waitForResponse(() => true, 4)).body.text).toMatch(/can no longer be shared/);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('renders hostile text from a user harmless end to end', async () => {
    const h = await startHarness({ mode: 'http' });
    // What a slash command sends when someone types these (Slack escapes & < > in the text it sends).
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help &lt;!channel&gt;&lt;@U123&gt;&lt;http://evil|click&gt;&amp;' }), { form: true });
    const answer = await h.fake.waitForResponse();
    expect(h.asked[0]!.text).toBe('help <!channel><@U123><http://evil|click>&');
    const shown = `${answer.body.text}\n${blockText(answer.body.blocks)}`;
    expect(shown).toContain('&lt;!channel&gt;&lt;@U123&gt;&lt;http://evil|click&gt;&amp;');
    expect(shown).not.toContain('<');
    // Raw Slack syntax in a mention never survives either.
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help <!here>', ts: nextTs(), channel: 'C0GENERAL' }));
    const threaded = await h.fake.waitForCall('chat.postMessage');
    expect(`${threaded.args.text}${blockText(threaded.args.blocks)}`).not.toContain('<');
  });

  it('makes members of SLACK_COORDINATOR_GROUP coordinators, and nobody else', async () => {
    const h = await startHarness({ mode: 'http', env: { SLACK_COORDINATOR_GROUP: 'S0COORDS' } });
    h.fake.usergroups.set('S0COORDS', ['UGROUP001']);
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help', user: 'UGROUP001' }), { form: true });
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help', user: MEMBER }), { form: true });
    await h.fake.waitForResponse(() => true, 2);
    expect(h.asked.map((i) => [i.user, i.platformCoordinator])).toEqual(
      expect.arrayContaining([
        ['slack:UGROUP001', true],
        [`slack:${MEMBER}`, false],
      ]),
    );
    // One lookup serves both (the list is kept for five minutes).
    expect(h.fake.callsTo('usergroups.users.list')).toHaveLength(1);
  });

  it('never logs message text, names or tokens', async () => {
    const h = await startHarness({ mode: 'http' });
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help zebra-secret-question' }), { form: true });
    await h.fake.waitForResponse();
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: '<@UBOT0001> help okapi-secret', ts: nextTs(), channel: 'C0GENERAL' }));
    await h.fake.waitForCall('chat.postMessage');
    await h.logs.waitFor((l) => l.msg === 'answered', 2);
    const all = h.logs.raw.join('\n');
    expect(all).not.toMatch(/zebra|okapi|xoxb-|xapp-|someone/);
  });
});
