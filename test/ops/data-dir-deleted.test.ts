import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { COORDINATOR } from '../adapters/slack/slack-harness.js';
import { tempDir } from '../fakes/temp-dir.js';
import { command, exited, healthz, logged, startBot, until } from './bot-process.js';

describe('the data dir deleted while the bot runs', () => {
  it('refuses writes with a sentence instead of confirming them into a deleted file, keeps reading, and turns /healthz 503', async () => {
    const dir = join(tempDir('pw-gone-'), 'data');
    const bot = await startBot({ dataDir: dir });
    onTestFailed(() => console.log(bot.logs().split('\n').slice(-30).join('\n')));
    await until(async () => ((await healthz(bot.healthPort))?.status === 200 ? true : undefined), 'a healthy report');
    expect(await command(bot, 'answered Mexico 5', COORDINATOR)).toMatch(/question 5 recorded as answered/);

    rmSync(dir, { recursive: true, force: true });

    // Checked before the command, not only on the timer: the very next write is refused.
    expect(await command(bot, 'answered Mexico 6', COORDINATOR)).toContain('The bot cannot save right now; nothing was recorded.');
    expect(await command(bot, 'subscribe', COORDINATOR)).toContain('The bot cannot save right now; nothing was recorded.');
    // Reads still answer, from the file the bot has open.
    expect(await command(bot, 'outstanding Mexico')).toMatch(/35 of 36 outstanding/);

    const down = await healthz(bot.healthPort);
    expect(down?.status).toBe(503);
    expect(down?.body).toMatchObject({ ok: false, database: { ok: false, problem: expect.stringMatching(/^data dir gone: /) } });
    expect(logged(bot, 'the database file was deleted or replaced while running; saving is refused until the bot is restarted', { code: 'data-dir-gone' })).toBe(true);

    bot.child.kill('SIGTERM');
    expect((await exited(bot.child)).code).toBe(0);
  });
});
