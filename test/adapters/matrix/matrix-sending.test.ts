import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { transactionIdFor } from '../../../adapters/matrix/matrix-sender.js';
import { checkHomeserverUrl } from '../../../adapters/matrix/start-checks.js';
import { reply } from '../../../src/kernel/reply.js';
import { tempDir } from '../../fakes/temp-dir.js';
import type { FakeHomeserver, SentRecord } from '../../fakes/fake-homeserver.js';
import { ALICE, BOT, BOT_TOKEN, MIA, fakeHomeserver, startBot, type Bot } from './harness.js';

let hs: FakeHomeserver | undefined;
const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  await hs?.stop();
  hs = undefined;
});

async function boot(env: Record<string, string> = {}, dir = tempDir()) {
  const bot = await startBot(hs!, dir, env);
  bots.push(bot);
  return bot;
}

const replyTo = (eventId: string) => (s: SentRecord) =>
  (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId;
const reminder = reply([{ kind: 'text', text: 'Mexico owes answers to 3 questions; the deadline is in 7 days.' }], { visibility: 'channel', thread: false });

describe('sending to Matrix', () => {
  it('waits out a 429 M_LIMIT_EXCEEDED and the answer arrives once', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    await boot();
    hs.rateLimitSends(2, 50);
    const q = hs.say(room, MIA, '!pw help');
    const sent = await hs.waitForSent(replyTo(q));
    expect(hs.rateLimitedCount).toBe(2);
    expect(hs.sent.filter(replyTo(q))).toHaveLength(1);
    expect(sent.repeats).toBe(0);
  });

  it('sends a reminder under its key as transaction id, once, however often it is sent', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await boot();
    const key = 'matrix:!r1:fake.test|letter-2024|MX|before-7|2026-12-01T09:00';
    const first = await bot.adapter.sender.send(`matrix:${room}`, reminder, key);
    const again = await bot.adapter.sender.send(`matrix:${room}`, reminder, key);
    expect(again).toEqual(first);
    const sent = hs.sent.filter((s) => s.roomId === room);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.txnId).toBe(transactionIdFor(key));
    expect(sent[0]!.content).toMatchObject({ msgtype: 'm.notice', 'm.mentions': {} });
    expect(sent[0]!.content['m.relates_to']).toBeUndefined();
    expect(await bot.adapter.sender.lookup!(`matrix:${room}`, key)).toEqual(first);
    expect(await bot.adapter.sender.lookup!(`matrix:${room}`, 'never-sent')).toBeUndefined();
    expect(transactionIdFor('simple-key.1')).toBe('simple-key.1');
  });

  it('throws when the homeserver keeps refusing (so the reminder stays queued), and a later send with the same key posts it once', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await boot();
    hs.rateLimitSends(10, 10); // more than the SDK's 4 retries
    await expect(bot.adapter.sender.send(`matrix:${room}`, reminder, 'reminder-7')).rejects.toThrow(/not sent/);
    expect(hs.sent).toHaveLength(0);
    hs.rateLimitSends(0, 0);
    const { messageId } = await bot.adapter.sender.send(`matrix:${room}`, reminder, 'reminder-7');
    expect(hs.sent.map((s) => s.eventId)).toEqual([messageId]);
  });

  it('a reminder sent again after a restart (crash between send and "sent") is not posted twice', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const first = await boot();
    const a = await first.adapter.sender.send(`matrix:${room}`, reminder, 'reminder-9');
    await first.stop();
    // a fresh data dir: the bot has no record of it; the homeserver's transaction id dedupe still holds
    const second = await boot();
    expect(await second.adapter.sender.lookup!(`matrix:${room}`, 'reminder-9')).toEqual(a);
    const b = await second.adapter.sender.send(`matrix:${room}`, reminder, 'reminder-9');
    expect(b).toEqual(a);
    expect(hs.sent).toHaveLength(1);
  });

  it('reconnects to a homeserver that went away, without a restart; sends fail meanwhile', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await boot();
    await hs.goAway();
    await expect(bot.adapter.sender.send(`matrix:${room}`, reminder, 'reminder-away')).rejects.toThrow(/not sent/);
    hs.say(room, MIA, 'this is not a command');
    await hs.comeBack();
    const q = hs.say(room, MIA, '!pw help');
    await hs.waitForSent(replyTo(q), 30_000);
    expect(bot.adapter.status()).toEqual({ connected: true });
    const { messageId } = await bot.adapter.sender.send(`matrix:${room}`, reminder, 'reminder-away');
    expect(hs.sent.filter((s) => s.eventId === messageId)).toHaveLength(1);
  }, 45_000);

  it('reports a token revoked while running in its status, and stops syncing', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await boot();
    hs.rejectToken(BOT_TOKEN);
    hs.say(room, MIA, 'wakes the long-poll');
    await vi.waitFor(() => expect(bot.adapter.status()).toEqual({ connected: false, detail: 'token rejected' }), { timeout: 20_000 });
  });

  it('refuses a channel that is not a joined Matrix room', async () => {
    hs = await fakeHomeserver();
    const bot = await boot();
    await expect(bot.adapter.sender.send('slack:C1', reminder, 'k')).rejects.toThrow(/not a Matrix room/);
    await expect(bot.adapter.sender.send('matrix:!nowhere:fake.test', reminder, 'k')).rejects.toThrow(/not in that Matrix room/);
  });
});

describe('start-up checks', () => {
  it('says when the homeserver address is not a web address', () => {
    expect(() => checkHomeserverUrl('ftp://matrix.example.org')).toThrow(/must start with https:\/\//);
    expect(() => checkHomeserverUrl('matrix.example.org')).toThrow(/is not a web address/);
  });

  it('says the token was rejected', async () => {
    hs = await fakeHomeserver();
    hs.rejectToken(BOT_TOKEN);
    await expect(boot()).rejects.toThrow(/rejected MATRIX_ACCESS_TOKEN \(M_UNKNOWN_TOKEN\)/);
  });

  it('says the homeserver cannot be reached', async () => {
    hs = await fakeHomeserver();
    await hs.goAway();
    await expect(boot()).rejects.toThrow(/cannot be reached \(ECONNREFUSED\)/);
  });

  it('says when the address answers but is not a homeserver', async () => {
    hs = await fakeHomeserver();
    const web = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'));
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
      await expect(startBot(hs, tempDir(), { MATRIX_HOMESERVER_URL: url })).rejects.toThrow(/not as a Matrix homeserver/);
    } finally {
      web.close();
    }
  });

  it('says when the token belongs to another user', async () => {
    hs = await fakeHomeserver();
    hs.addUser('@someone:fake.test', 'other-token');
    await expect(boot({ MATRIX_ACCESS_TOKEN: 'other-token' })).rejects.toThrow(/belongs to @someone:fake.test, not to MATRIX_USER_ID/);
  });
});
