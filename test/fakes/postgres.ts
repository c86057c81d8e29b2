import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';

/**
 * A throw-away PostgreSQL cluster for tests: `initdb` in a temp dir (as the `postgres` user when the tests run
 * as root: PostgreSQL refuses to run as root), a free port on 127.0.0.1 with its unix socket in the temp dir,
 * trust authentication, stopped and removed by `stop()`. Each `createDatabase()` gives a fresh empty database.
 * Tests that use it skip, with the reason printed, when the binaries are missing, and fail instead when
 * CI=true (`.ci/run` installs Debian's `postgresql`).
 *
 *   const unavailable = postgresUnavailable();
 *   if (unavailable && process.env.CI !== 'true') console.log(`x.test.ts skipped: ${unavailable}`);
 *   describe.runIf(!unavailable || process.env.CI === 'true')('…', () => { … startPostgres() … });
 */

const run = promisify(execFile);

export interface TestPostgres {
  /** the cluster's maintenance database (do not store things in it) */
  adminUrl: string;
  /** creates an empty database and returns its URL */
  createDatabase(name?: string): Promise<string>;
  /** stops the server as an outage would (pg_ctl stop -m fast: sessions cut), keeping its data */
  pause(): Promise<void>;
  /** starts it again on the same port, with the same data */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** The directory holding initdb/pg_ctl: PLEDGEWATCH_PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, or pg_config's. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env.PLEDGEWATCH_PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : undefined;
  for (const v of [17, 16, 15, 14]) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  const probe = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = probe.status === 0 ? probe.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/** Why a throw-away PostgreSQL cannot run here, or undefined when it can. */
export function postgresUnavailable(): string | undefined {
  const bin = postgresBinDir();
  if (!bin) return 'the PostgreSQL server binaries are missing (Debian: apt-get install postgresql; or set PLEDGEWATCH_PG_BIN)';
  if (isRoot() && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root and there is no `postgres` user to run the server as';
  return undefined;
}

let counter = 0;

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresUnavailable());
  const dir = mkdtempSync(join(tmpdir(), 'pw-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  let uid: number | undefined;
  let gid: number | undefined;
  if (isRoot()) {
    uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  // Unprivileged: the server's own processes run as the owner of the data dir.
  const as = (cmd: string, args: string[]) => run(join(bin, cmd), args, { uid, gid, timeout: 60_000, env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } });
  await as('initdb', ['-D', data, '-U', 'pw', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  // fsync off: a test cluster is thrown away, and it spares the shared machine's disk.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=40 -c shared_buffers=16MB`;
  await as('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const adminUrl = `postgres://pw@127.0.0.1:${port}/postgres`;
  let stopped = false;
  // A test process that ends without stop() (a timeout, a crash) takes its server with it: SIGQUIT is
  // PostgreSQL's immediate shutdown, sent to the postmaster by the PID it recorded.
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const onExit = () => {
    try {
      process.kill(postmaster, 'SIGQUIT');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    adminUrl,
    async createDatabase(name = `t${process.pid}_${++counter}`) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://pw@127.0.0.1:${port}/${name}`;
    },
    async pause() {
      await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    },
    async resume() {
      await as('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
