import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../kernel/errors.js';
import type { Db } from '../storage/database.js';

/**
 * A consistent copy of the live database through SQLite's online backup API: safe while the bot runs and
 * writes. The copy is written beside the target and renamed, so a half-written backup never has its name.
 * A backup holds at-risk people's data: it is created readable by its owner only (0600, in a 0700 folder if
 * the folder is new), and it never overwrites or deletes a file it did not make.
 */
export async function backupDatabase(db: Db, target: string): Promise<{ file: string; pages: number }> {
  const file = resolve(target);
  if (existsSync(file)) throw new UserError('backup-exists', `There is already a file at ${file}.`, 'Choose a new file name; a backup never overwrites anything.');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  try {
    // 'wx': ours only if it did not exist (another backup may be writing it, or it is someone's file)
    closeSync(openSync(partial, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new UserError(
      'backup-partial-exists',
      `There is already a file at ${partial}, so I wrote no backup.`,
      'Another backup to that name may be running; if not, it is left from one that was interrupted: check it and delete it, or choose a new file name.',
    );
  }
  try {
    const result = await db.backup(partial);
    renameSync(partial, file);
    return { file, pages: result.totalPages };
  } catch (err) {
    rmSync(partial, { force: true }); // the one we created
    throw err;
  }
}

/**
 * `backup` on PostgreSQL: the server's own tool makes the consistent copy (the bot's data is the database,
 * files included). The command is printed with the URL's password left out: pg_dump reads it from
 * PGPASSWORD or ~/.pgpass.
 */
export function postgresBackupAdvice(where: string, target: string): UserError {
  const url = where.replace(/:\*\*\*@/, '@');
  const file = resolve(target);
  return new UserError(
    'backup-postgres',
    'This installation keeps its data in PostgreSQL (DATABASE_URL), so `backup` does not copy it: use pg_dump.',
    `Run: pg_dump --format=custom --file='${file}' '${url}' (the password from PGPASSWORD or ~/.pgpass). Restore with pg_restore --clean --dbname=<url> '${file}' while the bot is stopped.`,
  );
}
