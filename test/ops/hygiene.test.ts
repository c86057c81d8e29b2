import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../fakes/run-cli.js';
import { tempDir } from '../fakes/temp-dir.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('backup', () => {
  it('never deletes an existing X.partial: it refuses with a sentence and leaves it as it was', async () => {
    const dir = tempDir();
    const target = join(dir, 'copy.db');
    writeFileSync(`${target}.partial`, 'someone else’s file');
    const r = await cli(['backup', target], { PLEDGEWATCH_DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/There is already a file at .*copy\.db\.partial, so I wrote no backup\./);
    expect(readFileSync(`${target}.partial`, 'utf8')).toBe('someone else’s file');
    expect(existsSync(target)).toBe(false);
  });
});

describe('files holding the ledger are the owner’s only', () => {
  it('creates the data dir 0700 and the database (with its WAL) 0600', async () => {
    const data = join(tempDir(), 'new', 'data');
    const r = await cli(['answered', 'Mexico', '5'], { PLEDGEWATCH_DATA_DIR: data });
    expect(r.code).toBe(0);
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, '..'))).toBe(0o700);
    expect(mode(join(data, 'pledgewatch.db'))).toBe(0o600);
    for (const f of ['pledgewatch.db-wal', 'pledgewatch.db-shm']) if (existsSync(join(data, f))) expect(mode(join(data, f)), f).toBe(0o600);
  });

  it('creates a backup 0600, in a 0700 folder when it makes the folder', async () => {
    const dir = tempDir();
    const target = join(dir, 'backups', 'nightly', 'copy.db');
    const r = await cli(['backup', target], { PLEDGEWATCH_DATA_DIR: join(dir, 'data') });
    expect(r.code).toBe(0);
    expect(mode(target)).toBe(0o600);
    expect(mode(join(dir, 'backups', 'nightly'))).toBe(0o700);
    expect(existsSync(`${target}.partial`)).toBe(false);
  });

  it('doctor creates a missing data dir 0700 too', async () => {
    const data = join(tempDir(), 'fresh');
    await cli(['doctor'], { PLEDGEWATCH_DATA_DIR: data });
    expect(mode(data)).toBe(0o700);
  });
});

describe('deadlines', () => {
  it.each(['0000-01-01', '0001-12-31', '1200-06-01', '9999-12-31'])('refuses %s with a sentence and changes nothing', async (date) => {
    const env = { PLEDGEWATCH_DATA_DIR: tempDir() };
    const r = await cli(['deadline', 'Mexico', 'ishr-2020-mexico-questions', date], env);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${date} is not a plausible deadline\\.\\nCheck the year: a deadline falls between 1945 and \\d{4}\\.`));
    const rows = JSON.parse((await cli(['deadlines', '--json'], env)).out) as Array<{ letter: string; deadline: string | null }>;
    expect(rows.find((x) => x.letter === 'ishr-2020-mexico-questions')!.deadline).toBe('2020-10-09');
  });

  it('still takes a real one, past or future', async () => {
    const env = { PLEDGEWATCH_DATA_DIR: tempDir() };
    expect((await cli(['deadline', 'Mexico', 'ishr-2020-mexico-questions', '2031-01-01'], env)).code).toBe(0);
    expect((await cli(['deadline', 'Mexico', 'ishr-2020-mexico-questions', '2013-05-01'], env)).code).toBe(0);
  });
});

describe('help', () => {
  it('does not echo an unbounded argument', async () => {
    const r = await cli(['help', 'x'.repeat(3000)], { PLEDGEWATCH_DATA_DIR: tempDir() });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`I have no command called "${'x'.repeat(40)}…".`);
    expect(r.err.length).toBeLessThan(200);
  });

  it('nor do the reminder options', async () => {
    const env = { PLEDGEWATCH_DATA_DIR: tempDir() };
    const zone = await cli(['subscribe', '--channel', 'console', '--timezone', 'Z'.repeat(3000)], env);
    expect(zone.err.length).toBeLessThan(300);
    const time = await cli(['subscribe', '--channel', 'console', '--time', '9'.repeat(3000)], env);
    expect(time.err.length).toBeLessThan(300);
  });
});
