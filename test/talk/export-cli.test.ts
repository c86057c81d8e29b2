import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../fakes/run-cli.js';
import { tempDir } from '../fakes/temp-dir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = (dir: string) => ({ PLEDGEWATCH_DATA_DIR: dir, PLEDGEWATCH_LOG_LEVEL: 'warn' });

describe('export from the command line writes the bare file (issue 17, fix 3)', () => {
  it('`export Mexico` prints only the CSV: a header and one row per question, no banner or summary line', async () => {
    const r = await cli(['export', 'Mexico'], env(tempDir()));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^state,letter,number,section,/);
    expect(r.out).not.toMatch(/questions exported|\[pledgewatch-/);
    expect(r.out.match(/^Mexico,/gm)!.length).toBeGreaterThan(10); // one row per question, each starting with its State
  });

  it('`--output <file>` writes the file exactly, says so on stderr, and never overwrites one', async () => {
    const dir = tempDir();
    const file = join(tempDir(), 'ledger.csv');
    const r = await cli(['export', 'Mexico', '--output', file], env(dir));
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/Wrote pledgewatch-mx\.csv to/);
    const direct = await cli(['export', 'Mexico'], env(dir));
    expect(readFileSync(file, 'utf8')).toBe(direct.out);

    writeFileSync(file, 'keep me');
    const again = await cli(['export', 'Mexico', '--output', file], env(dir));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already a file/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');

    const notAFile = await cli(['deadlines', '--output', join(dir, 'x.txt')], env(dir));
    expect(notAFile.code).toBe(1);
    expect(existsSync(join(dir, 'x.txt'))).toBe(false);
  });

  it('--json keeps its shape (file, format, rows)', async () => {
    const r = await cli(['export', 'Mexico', '--json'], env(tempDir()));
    expect(Object.keys(JSON.parse(r.out))).toEqual(['file', 'format', 'rows']);
  });

  it('`npx pledgewatch export > file.csv` as a real process gives a file a spreadsheet opens cleanly', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/pledgewatch.mjs', 'export', 'Mexico'], { cwd: root, env: { ...process.env, ...env(tempDir()) } });
    expect(stdout.split('\n')[0]).toBe('state,letter,number,section,scope,asked_by,during_event,status,note,recorded_by,recorded_at,deadline,text');
    expect(stdout.match(/^Mexico,/gm)!.length).toBeGreaterThan(10);
  }, 60_000);
});
