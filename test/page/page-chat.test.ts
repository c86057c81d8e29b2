import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../fakes/temp-dir.js';
import type { FakeHomeserver } from '../fakes/fake-homeserver.js';
import { blockText, COORDINATOR, eventCallback, MEMBER, nextTs, postSigned, slashCommandBody, startHarness } from '../adapters/slack/slack-harness.js';
import { ALICE, BOT, MIA, fakeHomeserver, startBot, type Bot } from '../adapters/matrix/harness.js';

/** `page` replies privately on every platform: the link is for the asker only. */

const LINK = /http:\/\/127\.0\.0\.1:8790\/l\/[A-Za-z0-9_-]{43}/;

describe('page in Slack', () => {
  it('a slash command gets the link as an ephemeral answer, without a "Share in channel" button', async () => {
    const h = await startHarness({ mode: 'http' });
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'page', user: MEMBER, channel: 'C0GENERAL' }), { form: true });
    const d = await h.fake.waitForDelivery();
    expect(d.via === 'response_url' ? d.response_type : d.via).toMatch(/ephemeral/);
    expect(`${d.text} ${blockText(d.blocks)}`).toMatch(LINK);
    expect(JSON.stringify(d.blocks ?? [])).not.toContain('share');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a mention in a channel gets it as an ephemeral message in the thread, never a thread post', async () => {
    const h = await startHarness({ mode: 'http' });
    const ts = nextTs();
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: COORDINATOR, text: '<@UBOT0001> page', ts, channel: 'C0GENERAL' }));
    const e = await h.fake.waitForCall('chat.postEphemeral');
    expect(e.args).toMatchObject({ channel: 'C0GENERAL', user: COORDINATOR, thread_ts: ts });
    expect(String(e.args.text)).toMatch(LINK);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('page in Matrix', () => {
  let hs: FakeHomeserver | undefined;
  const bots: Bot[] = [];
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop();
    await hs?.stop();
    hs = undefined;
  });

  it('asked in a room, the link goes to a direct message with the asker; the room thread only says so', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [MIA] });
    hs.invite(room, ALICE, BOT);
    const bot = await startBot(hs, tempDir());
    bots.push(bot);
    await hs.until(() => hs!.membership(room, BOT) === 'join');
    const q = hs.say(room, MIA, '!pw page');
    const pointer = await hs.waitForSent((s) => s.roomId === room);
    expect(String(pointer.content.body)).toContain('direct message');
    expect(JSON.stringify(pointer.content)).not.toMatch(/\/l\//);
    expect((pointer.content['m.relates_to'] as { event_id?: string }).event_id).toBe(q);
    const [dm] = hs.createdByClient;
    expect(dm).toMatchObject({ creator: BOT, body: { is_direct: true, invite: [MIA], preset: 'trusted_private_chat' } });
    const link = await hs.waitForSent((s) => s.roomId === dm!.roomId);
    expect(String(link.content.body)).toMatch(LINK);
    expect(hs.membership(dm!.roomId, MIA)).toBe('invite');
    expect(hs.accountData.get(`${BOT}\u0000m.direct`)).toEqual({ [MIA]: [dm!.roomId] });

    // A second `page` reuses the same direct message.
    hs.join(dm!.roomId, MIA);
    hs.say(room, MIA, '!pw page');
    await hs.waitForSent((s) => s.roomId === dm!.roomId && s !== link);
    expect(hs.createdByClient).toHaveLength(1);
  });
});
