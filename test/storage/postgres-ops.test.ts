import { readdirSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { freePort } from '../fakes/free-port.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../fakes/postgres.js';
import { tempDir } from '../fakes/temp-dir.js';

/** The operator's commands with DATABASE_URL set: doctor, backup, and a bot that cannot reach its server. */

const unavailable = postgresUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`postgres-ops.test.ts skipped: ${unavailable}`);

const cli = async (argv: string[], env: Record<string, string>) => {
  let out = '';
  let err = '';
  const code = await runCli(argv, env, {
    stdin: new PassThrough(),
    stdout: new Writable({ write: (c, _e, done) => ((out += String(c)), done()) }),
    stderr: new Writable({ write: (c, _e, done) => ((err += String(c)), done()) }),
  });
  return { code, out, err };
};
type Finding = { ok: boolean; check: string; message: string; fix?: string };

describe.runIf(!unavailable || process.env.CI === 'true')('operating on PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  it('doctor: an empty database, then one the bot migrated; the server version; never the password', async () => {
    const url = (await server.createDatabase()).replace('pw@', 'pw:s3cret-pass@');
    const env = { PLEDGEWATCH_DATA_DIR: tempDir(), DATABASE_URL: url };
    const empty = await cli(['doctor', '--json'], env);
    const first = JSON.parse(empty.out) as { ok: boolean; findings: Finding[] };
    expect(first.findings.find((f) => f.check === 'database')).toMatchObject({ ok: true, message: expect.stringMatching(/^PostgreSQL 1\d\.\d+ at postgres:\/\/pw:\*\*\*@127\.0\.0\.1:\d+\/\w+ answers\.$/) });
    expect(first.findings.find((f) => f.check === 'migrations')).toMatchObject({ ok: true, message: expect.stringMatching(/empty/) });
    expect(empty.out + empty.err).not.toContain('s3cret');

    // Any command opens the app, which migrates; doctor then finds every migration applied.
    expect((await cli(['deadlines', '--json'], env)).code).toBe(0);
    const after = JSON.parse((await cli(['doctor', '--json'], env)).out) as { ok: boolean; findings: Finding[] };
    expect(after.findings.find((f) => f.check === 'migrations')).toMatchObject({ ok: true, message: expect.stringMatching(/^All \d+ migrations are applied\.$/) });
    expect(after.findings.find((f) => f.check === 'index')).toMatchObject({ ok: true, message: 'The search index is up to date.' });
    expect(after.ok).toBe(true);
  });

  it('doctor names a server it cannot reach, and a missing database, with the fix', async () => {
    const port = await freePort();
    const down = JSON.parse((await cli(['doctor', '--json'], { PLEDGEWATCH_DATA_DIR: tempDir(), DATABASE_URL: `postgres://pw:x@127.0.0.1:${port}/none` })).out) as { ok: boolean; findings: Finding[] };
    expect(down.ok).toBe(false);
    expect(down.findings.find((f) => f.check === 'database')).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be reached/), fix: expect.stringMatching(/DATABASE_URL/) });
    expect(down.findings.find((f) => f.check === 'index')).toBeUndefined();
    const missing = JSON.parse((await cli(['doctor', '--json'], { PLEDGEWATCH_DATA_DIR: tempDir(), DATABASE_URL: server.adminUrl.replace(/\/postgres$/, '/nope') })).out) as { findings: Finding[] };
    expect(missing.findings.find((f) => f.check === 'database')).toMatchObject({ ok: false, message: expect.stringMatching(/3D000/), fix: expect.stringMatching(/createdb/) });
  });

  it('backup answers with the pg_dump command (without the password) and writes nothing', async () => {
    const url = (await server.createDatabase()).replace('pw@', 'pw:s3cret-pass@');
    const dir = tempDir();
    const r = await cli(['backup', `${dir}/copy.db`, '--json'], { PLEDGEWATCH_DATA_DIR: tempDir(), DATABASE_URL: url });
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out) as { code: string; hint: string };
    expect(data.code).toBe('backup-postgres');
    expect(data.hint).toMatch(new RegExp(`^Run: pg_dump --format=custom --file='${dir}/copy.db' 'postgres://pw@127\\.0\\.0\\.1:\\d+/\\w+'`));
    expect(r.out + r.err).not.toContain('s3cret');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('migrate-to-postgres without a URL, or without an installation to copy, says what is missing and copies nothing', async () => {
    const noUrl = await cli(['migrate-to-postgres', '--json'], { PLEDGEWATCH_DATA_DIR: tempDir() });
    expect(noUrl.code).toBe(1);
    expect(JSON.parse(noUrl.out)).toMatchObject({ code: 'no-url' });
    const url = await server.createDatabase();
    const nothing = await cli(['migrate-to-postgres', url, '--json'], { PLEDGEWATCH_DATA_DIR: tempDir() });
    expect(nothing.code).toBe(1);
    expect(JSON.parse(nothing.out)).toMatchObject({ code: 'no-installation' });
    const doctor = JSON.parse((await cli(['doctor', '--json'], { PLEDGEWATCH_DATA_DIR: tempDir(), DATABASE_URL: url })).out) as { findings: Finding[] };
    expect(doctor.findings.find((f) => f.check === 'migrations')?.message).toMatch(/empty/);
  });

  it('a bot whose server is down does not start, and says so in one sentence', async () => {
    const port = await freePort();
    const r = await cli(['deadlines'], { PLEDGEWATCH_DATA_DIR: tempDir(), DATABASE_URL: `postgres://pw:s3cret@127.0.0.1:${port}/x` });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/could not open its data/);
    expect(r.err).not.toContain('s3cret');
  });
});
