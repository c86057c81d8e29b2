import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logging.js';
import { startRealSynapse, synapseUnavailable, type MatrixUser, type RealSynapse } from '../../fakes/real-synapse.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { startBotAt, type Bot } from './harness.js';

/**
 * Busy rooms against a real Synapse (its own, started for this file): a burst of commands larger than what one
 * sync hands out, live and across a restart, each answered exactly once. Skips with the reason when Synapse
 * cannot run here; under CI=true that is a failure.
 */

const unavailable = synapseUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`matrix-synapse.test.ts skipped: ${unavailable}`);

type Raw = { event_id: string; type: string; sender: string; state_key?: string; content: Record<string, unknown> };
const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const inReplyTo = (e: Raw) => (e.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id;

describe.runIf(!unavailable || process.env.CI === 'true')('a busy room on a real Synapse', () => {
  let hs: RealSynapse;
  let members: MatrixUser[];
  let room: string;
  const bots: Bot[] = [];

  beforeAll(async () => {
    if (unavailable) throw new Error(`CI=true and a real Synapse cannot run: ${unavailable}`);
    hs = await startRealSynapse({ relaxRateLimits: true });
    members = await Promise.all(Array.from({ length: 15 }, (_, i) => hs.register(`member${i + 1}`)));
    // alice's room, with mia and 15 members in it and the bot invited (it joins when it starts)
    const invite = [...members.map((m) => m.userId), hs.mia.userId, hs.bot.userId];
    ({ room_id: room } = await hs.api<{ room_id: string }>(hs.alice, 'POST', '/createRoom', { preset: 'private_chat', name: 'busy', invite }));
    await Promise.all([...members, hs.mia].map((m) => hs.api(m, 'POST', `/join/${encodeURIComponent(room)}`, {})));
  }, 300_000);

  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop();
  });
  afterAll(async () => {
    await hs?.stop();
  }, 60_000);

  /** alice's view of the room from now on, through her own /sync long-polls */
  async function watch() {
    let since = (await hs.api<{ next_batch: string }>(hs.alice, 'GET', `/sync?timeout=0&filter=${enc({ room: { timeline: { limit: 0 } } })}`)).next_batch;
    const events: Raw[] = [];
    return {
      events,
      async until(pred: (events: Raw[]) => boolean, what: string, ms = 90_000) {
        const deadline = Date.now() + ms;
        while (!pred(events)) {
          if (Date.now() > deadline) throw new Error(`Synapse never showed ${what}`);
          const r = await hs.api<{ next_batch: string; rooms?: { join?: Record<string, { timeline: { events: Raw[] } }> } }>(
            hs.alice,
            'GET',
            `/sync?since=${encodeURIComponent(since)}&timeout=5000&filter=${enc({ room: { timeline: { limit: 1000 } } })}`,
          );
          since = r.next_batch;
          events.push(...(r.rooms?.join?.[room]?.timeline.events ?? []));
        }
      },
    };
  }

  /** Each command's replies from the bot, counted over the room's whole history. */
  async function replyCounts(commands: string[]): Promise<number[]> {
    const { chunk } = await hs.api<{ chunk: Raw[] }>(hs.alice, 'GET', `/rooms/${encodeURIComponent(room)}/messages?dir=b&limit=1000`);
    return commands.map((c) => chunk.filter((e) => e.sender === hs.bot.userId && inReplyTo(e) === c).length);
  }

  async function boot(dataDir: string, options: { timelineLimit?: number; log?: string[] } = {}) {
    const destination = new Writable({ write: (chunk, _e, done) => (options.log?.push(String(chunk)), done()) });
    const bot = await startBotAt(
      { url: hs.url, userId: hs.bot.userId, token: hs.bot.token },
      dataDir,
      { MATRIX_ALLOWED_INVITERS: hs.alice.userId, PLEDGEWATCH_COORDINATORS: `matrix:${hs.alice.userId}` },
      { timelineLimit: options.timelineLimit, ...(options.log ? { logger: createLogger({ level: 'info', destination }) } : {}) },
    );
    bots.push(bot);
    return bot;
  }

  /**
   * Sends one command per member from a child process, synchronously: the bot (in this process) cannot sync
   * until all of them are in the room, so its next sync holds the whole burst.
   */
  function burst(text: string): string[] {
    const script = `
      const [url, room, text, ...tokens] = process.argv.slice(1);
      (async () => {
        const ids = [];
        for (const [i, token] of tokens.entries()) {
          const res = await fetch(url + '/_matrix/client/v3/rooms/' + encodeURIComponent(room) + '/send/m.room.message/burst-' + Date.now() + '-' + i, {
            method: 'PUT', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
            body: JSON.stringify({ msgtype: 'm.text', body: text }),
          });
          ids.push((await res.json()).event_id);
        }
        process.stdout.write(JSON.stringify(ids));
      })();`;
    const r = spawnSync(process.execPath, ['-e', script, hs.url, room, text, ...members.map((m) => m.token)], { encoding: 'utf8', timeout: 60_000 });
    const ids = JSON.parse(r.stdout || '[]') as string[];
    expect(ids.filter(Boolean)).toHaveLength(members.length);
    return ids;
  }

  /** the bot is in the room (it accepts alice's invite when it starts) */
  async function joined(w: Awaited<ReturnType<typeof watch>>) {
    const { joined } = await hs.api<{ joined: Record<string, unknown> }>(hs.alice, 'GET', `/rooms/${encodeURIComponent(room)}/joined_members`);
    if (hs.bot.userId in joined) return;
    await w.until((es) => es.some((e) => e.type === 'm.room.member' && e.state_key === hs.bot.userId && e.content.membership === 'join'), 'the bot joining');
  }

  async function settle(w: Awaited<ReturnType<typeof watch>>) {
    const { event_id: marker } = await hs.api<{ event_id: string }>(hs.mia, 'PUT', `/rooms/${encodeURIComponent(room)}/send/m.room.message/marker-${Date.now()}`, { msgtype: 'm.text', body: '!pw help help' });
    await w.until((es) => es.some((e) => e.sender === hs.bot.userId && inReplyTo(e) === marker), 'the answer to a marker');
  }

  it('answers each of a burst of 15 commands from 15 users larger than a sync’s limit once', async () => {
    const log: string[] = [];
    const w = await watch();
    await boot(tempDir(), { timelineLimit: 3, log });
    await joined(w);
    await settle(w);

    const commands = burst('!pw help');
    await w.until((es) => commands.every((c) => es.some((e) => e.sender === hs.bot.userId && inReplyTo(e) === c)), 'an answer to every command');
    await settle(w);
    expect(await replyCounts(commands)).toEqual(commands.map(() => 1));
    expect(log.join('')).toMatch(/filled a gap in the room timeline/);
  }, 240_000);

  // 60 commands: more than a fresh first sync (20) and an incremental one (50) hold. Within 2 minutes of the previous
  // run, Synapse's sync cache replays that run's syncs and then syncs on from where it stopped: incrementally.
  it('after a restart, answers each of 60 commands sent while it was down (more than a sync holds) once', async () => {
    const dir = tempDir();
    const w = await watch();
    const first = await boot(dir);
    await joined(w);
    await settle(w);
    await first.stop();
    const commands = [...burst('!pw help'), ...burst('!pw help help'), ...burst('!pw help'), ...burst('!pw help help')];
    await boot(dir);
    await w.until((es) => commands.every((c) => es.some((e) => e.sender === hs.bot.userId && inReplyTo(e) === c)), 'an answer to every command');
    await settle(w);
    expect(await replyCounts(commands)).toEqual(commands.map(() => 1));
  }, 240_000);
});
