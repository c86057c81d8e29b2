import { existsSync, mkdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SavedIndexState } from '../corpus/index-check.js';
import type { Finding } from './finding.js';

/** Below this much free space on the data dir's disk, doctor calls it a problem: the next write may fail. */
const LOW_SPACE_BYTES = 10 * 1024 * 1024;
export const DATABASE_FILE = 'pledgewatch.db';

const code = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code ?? 'error';
const megabytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024)).toLocaleString('en')} MB`;

/**
 * Can the bot write in the data dir? A probe file is written and always removed (even when the write failed
 * half-way), and a failure is named for what it is: a full disk is not a permissions problem.
 */
export function checkDataDir(dir: string): Finding {
  const check = 'data dir';
  let probe: string | undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 }); // the owner's only, as the bot creates it
    if (!statSync(dir).isDirectory()) return { ok: false, check, message: `${dir} is not a folder.`, fix: 'Point PLEDGEWATCH_DATA_DIR at a folder.' };
    probe = join(dir, `.doctor-${process.pid}-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, 'ok', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    return dataDirProblem(dir, code(err));
  } finally {
    if (probe) rmSync(probe, { force: true });
  }
  const free = freeBytes(dir);
  if (free !== undefined && free < LOW_SPACE_BYTES) {
    return { ok: false, check, message: `The disk holding the data dir ${dir} is nearly full (${megabytes(free)} free).`, fix: 'Free space on that disk, or move PLEDGEWATCH_DATA_DIR to a disk with room: when it is full, nothing can be recorded.' };
  }
  const open = (statSync(dir).mode & 0o077) !== 0;
  if (open) {
    return { ok: false, check, message: `The data dir ${dir} can be read by other users of this machine.`, fix: `It holds what at-risk people told the coalition: \`chmod 700 ${dir}\` (and \`chmod 600\` the files in it).` };
  }
  return { ok: true, check, message: `The data dir ${dir} is writable${free === undefined ? '' : ` (${megabytes(free)} free)`}.` };
}

function dataDirProblem(dir: string, errCode: string): Finding {
  const check = 'data dir';
  if (errCode === 'ENOSPC' || errCode === 'EDQUOT') {
    return {
      ok: false,
      check,
      message: errCode === 'ENOSPC' ? `The disk holding the data dir ${dir} is full (no space left on the device).` : `The data dir ${dir} is over its disk quota.`,
      fix: 'Free space on that disk (or raise the quota), or move PLEDGEWATCH_DATA_DIR to a disk with room: until then nothing can be recorded.',
    };
  }
  if (errCode === 'EROFS') return { ok: false, check, message: `The data dir ${dir} is on a read-only filesystem.`, fix: 'Mount it read-write, or point PLEDGEWATCH_DATA_DIR at a writable disk.' };
  if (errCode === 'ENOTDIR' || errCode === 'EEXIST') return { ok: false, check, message: `The data dir ${dir} cannot be written to: part of its path is a file, not a folder.`, fix: 'Point PLEDGEWATCH_DATA_DIR at a folder.' };
  return {
    ok: false,
    check,
    message: `The data dir ${dir} cannot be written to${errCode === 'EACCES' || errCode === 'EPERM' ? ' (permission denied)' : ` (${errCode})`}.`,
    fix: `Give the user running pledgewatch write access (for example \`chown -R pledgewatch ${dir}\`), or point PLEDGEWATCH_DATA_DIR at a writable folder.`,
  };
}

function freeBytes(dir: string): number | undefined {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/** Opens the database read-only (it never creates or changes it) and runs SQLite's quick_check. */
export function checkDatabase(dataDir: string): Finding {
  const check = 'database';
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return { ok: true, check, message: `There is no database yet; the bot creates ${file} at its first start.` };
  const restore = 'Stop the bot and restore the latest backup over it (see "Backup and restore" in docs/operations.md); keep the damaged file for inspection.';
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') return { ok: false, check, message: `The database ${file} is damaged (SQLite's quick_check: ${String(result).slice(0, 120)}).`, fix: restore };
    const migrations = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() as { n: number };
    const applied = migrations.n ? (db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n : 0;
    if ((statSync(file).mode & 0o077) !== 0) {
      return { ok: false, check, message: `The database ${file} can be read by other users of this machine.`, fix: `It holds what at-risk people told the coalition: \`chmod 600 ${file}*\`.` };
    }
    return { ok: true, check, message: `The database passed SQLite's quick check (${applied} migrations applied).` };
  } catch (err) {
    const c = code(err);
    if (c === 'SQLITE_NOTADB') return { ok: false, check, message: `${file} is not an SQLite database.`, fix: restore };
    // A read-only open still needs room for the shared-memory file beside a WAL database.
    if (c === 'SQLITE_FULL' || (c.startsWith('SQLITE_IOERR') && (freeBytes(dataDir) ?? Infinity) < LOW_SPACE_BYTES)) {
      return { ok: false, check, message: `The database ${file} could not be checked: the disk holding it is full.`, fix: 'Free space on that disk; then run doctor again.' };
    }
    if (c.startsWith('SQLITE_CORRUPT')) return { ok: false, check, message: `The database ${file} is damaged (${c}).`, fix: restore };
    return { ok: false, check, message: `The database ${file} cannot be opened (${c}).`, fix: 'Check that the user running pledgewatch can read the data dir and the files in it.' };
  } finally {
    db?.close();
  }
}

/** The saved search index, checked against the documents (see corpus/index-check.ts). */
export function indexFinding(state: SavedIndexState | undefined): Finding | undefined {
  const check = 'index';
  const fix = 'Run `npx pledgewatch index` to rebuild it.';
  switch (state?.state) {
    case undefined:
      return undefined;
    case 'fresh':
      return { ok: true, check, message: 'The search index is up to date.' };
    case 'missing':
      return { ok: true, check, message: 'There is no saved search index yet; the bot builds it at its first start (or run `npx pledgewatch index`).' };
    case 'stale':
      return { ok: false, check, message: 'The saved search index is older than the documents.', fix: 'Run `npx pledgewatch index` (or restart the bot: it rebuilds a stale index at start).' };
    case 'mangled':
      return { ok: false, check, message: `The saved search index is damaged: ${state.reason}; questions may find nothing.`, fix };
  }
}
