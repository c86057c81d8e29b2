import { createHash } from 'node:crypto';
import { chmodSync, cpSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli } from '../fakes/run-cli.js';
import { fillDisk, smallDisk } from '../fakes/small-disk.js';
import { tempDir } from '../fakes/temp-dir.js';

type Finding = { ok: boolean; check: string; message: string; fix?: string };
async function doctor(env: Record<string, string>): Promise<{ code: number; findings: Finding[] }> {
  const r = await cli(['doctor', '--json'], env);
  return { code: r.code, findings: (JSON.parse(r.out) as { findings: Finding[] }).findings };
}
const finding = (findings: Finding[], check: string) => findings.find((f) => f.check === check);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('doctor and the database', () => {
  it('passes a healthy database, opened read-only and left byte for byte as it was', async () => {
    const data = tempDir();
    await cli(['answered', 'Mexico', '5'], { PLEDGEWATCH_DATA_DIR: data });
    const before = sha(join(data, 'pledgewatch.db'));
    const r = await doctor({ PLEDGEWATCH_DATA_DIR: data });
    expect(finding(r.findings, 'database')).toMatchObject({ ok: true, message: expect.stringMatching(/passed SQLite's quick check \(\d+ migrations applied\)/) });
    expect(sha(join(data, 'pledgewatch.db'))).toBe(before);
  });

  it('fails a garbage file, saying what to do', async () => {
    const data = tempDir();
    writeFileSync(join(data, 'pledgewatch.db'), 'this is not a database\n'.repeat(500), { mode: 0o600 });
    const r = await doctor({ PLEDGEWATCH_DATA_DIR: data });
    expect(r.code).toBe(1);
    expect(finding(r.findings, 'database')).toMatchObject({ ok: false, message: expect.stringMatching(/is not an SQLite database/), fix: expect.stringMatching(/restore the latest backup/) });
  });

  it('fails a database whose pages were overwritten', async () => {
    const data = tempDir();
    await cli(['answered', 'Mexico', '5'], { PLEDGEWATCH_DATA_DIR: data });
    const fd = openSync(join(data, 'pledgewatch.db'), 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, 4096 * 4); // pages 5 and 6: b-tree pages of the ledger
    closeSync(fd);
    const r = await doctor({ PLEDGEWATCH_DATA_DIR: data });
    expect(r.code).toBe(1);
    expect(finding(r.findings, 'database')).toMatchObject({ ok: false, message: expect.stringMatching(/is damaged/) });
  });

  it('says a database or data dir other users can read is a problem', async () => {
    const data = tempDir();
    await cli(['outstanding'], { PLEDGEWATCH_DATA_DIR: data });
    chmodSync(join(data, 'pledgewatch.db'), 0o644);
    expect(finding((await doctor({ PLEDGEWATCH_DATA_DIR: data })).findings, 'database')).toMatchObject({ ok: false, message: expect.stringMatching(/can be read by other users/), fix: expect.stringMatching(/chmod 600/) });
    chmodSync(data, 0o755);
    expect(finding((await doctor({ PLEDGEWATCH_DATA_DIR: data })).findings, 'data dir')).toMatchObject({ ok: false, fix: expect.stringMatching(/chmod 700/) });
  });
});

describe('doctor and the saved search index', () => {
  function setup() {
    const dir = tempDir();
    const indexData = join(dir, 'index-data');
    cpSync(join(import.meta.dirname, '..', '..', 'index-data'), indexData, { recursive: true });
    return { PLEDGEWATCH_DATA_DIR: join(dir, 'data'), PLEDGEWATCH_CORPUS_DIR: join(indexData, 'corpus') };
  }
  /** the library's search index lives in the database: its passages and their index terms */
  const mangle = (env: { PLEDGEWATCH_DATA_DIR: string }, sql: string) => {
    const db = new Database(join(env.PLEDGEWATCH_DATA_DIR, 'pledgewatch.db'));
    db.exec(sql);
    db.close();
  };

  it.each([
    ['every passage’s words emptied', `UPDATE library_passages SET terms = '{"tf":[],"len":[]}'`],
    ['half its passages gone', 'DELETE FROM library_passages WHERE seq % 2 = 0'],
    ['a passage rewritten', `UPDATE library_passages SET data = json_set(data, '$.body', 'Nothing to see here.') WHERE seq = 3`],
    ['word counts that do not add up', `UPDATE library_passages SET terms = json_set(terms, '$.len[2]', 999) WHERE seq = 5`],
    ['passages that do not parse', 'UPDATE library_passages SET data = substr(data, 1, 20) WHERE seq = 7'],
  ])('is never "up to date" with %s, and says how to fix it', async (_what, sql) => {
    const env = setup();
    await cli(['index'], env);
    expect(finding((await doctor(env)).findings, 'index')).toMatchObject({ ok: true, message: 'The search index is up to date.' });
    mangle(env, sql);
    const r = await doctor(env);
    expect(r.code).toBe(1);
    expect(finding(r.findings, 'index')).toMatchObject({ ok: false, message: expect.stringMatching(/^The saved search index is damaged: .*; questions may find nothing\.$/), fix: expect.stringMatching(/npx pledgewatch index/) });
  });

  it('a missing one is only not built yet; a file new in the folder makes it stale', async () => {
    const env = setup();
    expect(finding((await doctor(env)).findings, 'index')).toMatchObject({ ok: true, message: expect.stringMatching(/no saved search index yet/) });
    await cli(['index'], env);
    writeFileSync(join(env.PLEDGEWATCH_CORPUS_DIR, 'new.md'), '# New\n\nA note the coalition added to the folder after the index was built.\n');
    expect(finding((await doctor(env)).findings, 'index')).toMatchObject({ ok: false });
  });
});

describe('doctor on a full disk', () => {
  it('names the full disk (not permissions) and leaves no probe file behind', async (ctx) => {
    const disk = smallDisk(ctx, 4);
    const data = join(disk, 'data');
    await cli(['outstanding'], { PLEDGEWATCH_DATA_DIR: data });
    fillDisk(join(disk, 'filler'));
    const r = await doctor({ PLEDGEWATCH_DATA_DIR: data });
    expect(r.code).toBe(1);
    const dir = finding(r.findings, 'data dir')!;
    expect(dir).toMatchObject({ ok: false, message: expect.stringMatching(/is full \(no space left on the device\)/), fix: expect.stringMatching(/Free space/) });
    expect(`${dir.message} ${dir.fix}`).not.toMatch(/permission|chown/i);
    expect(readdirSync(data).filter((f) => f.startsWith('.doctor-'))).toEqual([]);
    // the database cannot even be opened read-only (its shared-memory file needs room): the disk is named again
    expect(finding(r.findings, 'database')).toMatchObject({ ok: false, message: expect.stringMatching(/could not be checked: the disk holding it is full/) });
  });
});
