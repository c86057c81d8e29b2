import { rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { COORDINATOR, eventCallback, MEMBER, nextTs, postSigned } from '../adapters/slack/slack-harness.js';
import { FAKE_BOT } from '../fakes/fake-slack.js';
import { command, healthz, startBot, until } from './bot-process.js';
import { fillDisk, smallDisk } from '../fakes/small-disk.js';

describe('a full disk', () => {
  it('still answers reads, answers writes with one sentence, records nothing, and turns /healthz 503 naming the disk', async (ctx) => {
    const disk = smallDisk(ctx, 16);
    const bot = await startBot({ dataDir: join(disk, 'data') });
    onTestFailed(() => console.log(bot.logs().split('\n').slice(-30).join('\n')));
    await until(async () => ((await healthz(bot.healthPort))?.status === 200 ? true : undefined), 'a healthy report');

    fillDisk(join(disk, 'filler'));
    expect(statfsSync(disk).bavail).toBe(0);

    // Reads: a slash command and a mention (each writes its delivery record first, which cannot be saved now).
    expect(await command(bot, 'outstanding Mexico')).toMatch(/36 of 36 outstanding/);
    const ts = nextTs();
    await postSigned(bot.baseUrl, eventCallback({ type: 'app_mention', user: MEMBER, text: `<@${FAKE_BOT.userId}> outstanding Mexico`, ts, channel: 'C0GENERAL' }));
    const threaded = await bot.fake.waitForDelivery((d) => d.thread_ts === ts);
    expect(threaded.text).toMatch(/outstanding/);

    // A write: one sentence, and nothing changed.
    expect(await command(bot, 'answered Mexico 6', COORDINATOR)).toContain('The bot cannot save right now; nothing was recorded.');
    expect(await command(bot, 'outstanding Mexico')).toMatch(/36 of 36 outstanding/);

    const down = await healthz(bot.healthPort);
    expect(down?.status).toBe(503);
    expect(down?.body).toMatchObject({ ok: false, database: { ok: false, problem: expect.stringMatching(/^disk full/) } });

    // Room again: the same write goes through, and health recovers.
    rmSync(join(disk, 'filler'));
    expect(await command(bot, 'answered Mexico 6', COORDINATOR)).toMatch(/question 6 recorded as answered/);
    expect(await command(bot, 'outstanding Mexico')).toMatch(/35 of 36 outstanding/);
    await until(async () => ((await healthz(bot.healthPort))?.status === 200 ? true : undefined), 'a healthy report after the disk has room');
    expect(bot.logs()).not.toContain('xoxb-process-test');
  });
});
