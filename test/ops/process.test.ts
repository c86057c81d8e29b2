import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exited, healthz, startBot, until } from './bot-process.js';

describe('the bot as an operator runs it', () => {
  it('reports itself healthy on /healthz, then stops cleanly on SIGTERM with its database closed', async () => {
    const bot = await startBot();
    const report = await until(async () => {
      const r = await healthz(bot.healthPort);
      return r?.body.reminders.lastTickAgeSeconds !== null && r?.status === 200 ? r : undefined;
    }, 'a healthy report');
    expect(report.body).toMatchObject({ ok: true, adapters: { slack: { connected: true } }, database: { ok: true }, reminders: { ok: true } });

    bot.child.kill('SIGTERM');
    expect(await exited(bot.child)).toEqual({ code: 0, signal: null });
    // Closed cleanly: the WAL was checkpointed into the database and the file is sound.
    const db = new Database(join(bot.dir, 'pledgewatch.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // JSON logs, and none of them carries a token.
    const lines = bot.logs().trim().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(bot.logs()).not.toContain('xoxb-process-test');
    expect(bot.logs()).toMatch(/"msg":"shutting down"/);
  });

  it('does not hang when a second signal arrives during shutdown (exit 0 if shutdown won the race, 130 if the second signal did)', async () => {
    const bot = await startBot();
    await until(async () => ((await healthz(bot.healthPort))?.status === 200 ? true : undefined), 'a healthy report');
    bot.child.kill('SIGTERM');
    bot.child.kill('SIGTERM');
    const { code } = await exited(bot.child);
    expect([0, 130]).toContain(code);
  });
});
