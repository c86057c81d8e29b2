import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock.js';
import { cli } from '../fakes/run-cli.js';
import { tempDir } from '../fakes/temp-dir.js';
import { RateLimiter } from '../../src/ops/rate-limit.js';
import { healthReport } from '../../src/ops/health.js';
import { openDatabase } from '../../src/storage/database.js';

describe('doctor', () => {
  it('names a missing Slack token with what to do about it', async () => {
    const dir = tempDir();
    const r = await cli(['doctor'], { PLEDGEWATCH_DATA_DIR: dir, SLACK_APP_TOKEN: 'xapp-1' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/SLACK_BOT_TOKEN: is missing/);
    expect(r.out).toMatch(/\.env\.example/);
  });

  it('says the data dir cannot be written to, and how to fix it', async () => {
    const dir = tempDir();
    const notADir = join(dir, 'file');
    writeFileSync(notADir, 'x');
    const r = await cli(['doctor', '--json'], { PLEDGEWATCH_DATA_DIR: join(notADir, 'data') });
    const report = JSON.parse(r.out.split('\n')[0]!);
    expect(report.ok).toBe(false);
    expect(report.findings).toContainEqual(expect.objectContaining({ ok: false, check: 'data dir', message: expect.stringMatching(/cannot be written/) }));
  });

  it('is content with a fresh console-only setup', async () => {
    const r = await cli(['doctor'], { PLEDGEWATCH_DATA_DIR: tempDir() });
    expect(r.out).toMatch(/data dir .* is writable/);
  });
});

describe('backup', () => {
  it('writes a consistent copy that opens as a database, and never overwrites', async () => {
    const dir = tempDir();
    const env = { PLEDGEWATCH_DATA_DIR: dir };
    const target = join(dir, 'backups', 'copy.db');
    const r = await cli(['backup', target, '--json'], env);
    expect(r.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT count(*) AS n FROM schema_migrations").get()).toMatchObject({ n: expect.any(Number) });
    copy.close();
    const again = await cli(['backup', target], env);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already a file/);
  });
});

describe('rate limit', () => {
  it('lets a person ask N times a minute, then asks them to wait, then lets them ask again', () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const limiter = new RateLimiter(2, clock);
    expect([limiter.allow('slack:U1'), limiter.allow('slack:U1'), limiter.allow('slack:U1')]).toEqual([true, true, false]);
    expect(limiter.allow('slack:U2')).toBe(true);
    clock.advance(60_001);
    expect(limiter.allow('slack:U1')).toBe(true);
  });
});

describe('health', () => {
  it('is down when an adapter is disconnected or the reminder loop has not ticked lately', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'h.db'), []);
    const clock = new FakeClock('2026-01-01T00:10:00Z');
    const adapter = (connected: boolean) => ({ platform: 'slack' as const, status: () => ({ connected }), sender: undefined as never, start: async () => {}, stop: async () => {} });
    const base = { db, clock, adapters: () => [adapter(true)], lastReminderTick: () => new Date('2026-01-01T00:09:30Z') };
    expect(healthReport(base).ok).toBe(true);
    expect(healthReport({ ...base, adapters: () => [adapter(false)] }).ok).toBe(false);
    expect(healthReport({ ...base, lastReminderTick: () => new Date('2026-01-01T00:00:00Z') })).toMatchObject({ ok: false, reminders: { ok: false, lastTickAgeSeconds: 600 } });
    db.close();
    expect(healthReport(base).database.ok).toBe(false);
  });
});

describe('doctor and the search index', () => {
  it('says when the saved index is older than the documents, and how to fix it', async () => {
    const { cpSync, appendFileSync } = await import('node:fs');
    const dir = tempDir();
    const indexData = join(dir, 'index-data');
    cpSync(join(import.meta.dirname, '..', '..', 'index-data'), indexData, { recursive: true });
    const env = { PLEDGEWATCH_DATA_DIR: join(dir, 'data'), PLEDGEWATCH_CORPUS_DIR: join(indexData, 'corpus') };
    // not built yet is no problem (the bot builds it at start); older than the documents is
    expect((await cli(['doctor'], env)).out).toMatch(/ok index: There is no saved search index yet/);
    await cli(['index'], env);
    expect((await cli(['doctor'], env)).out).toMatch(/ok index: The search index is up to date/);
    appendFileSync(join(indexData, 'corpus', 'ngo-2018-pompeo-letter.txt'), '\nA late addition.\n');
    const r = await cli(['doctor'], env);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/npx pledgewatch index/);
  });
});
