import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../kernel/errors.js';
import type { Db } from '../storage/database.js';

/**
 * A consistent copy of the live database through SQLite's online backup API: safe while the bot runs and
 * writes. The copy is written beside the target and renamed, so a half-written backup never has its name.
 */
export async function backupDatabase(db: Db, target: string): Promise<{ file: string; pages: number }> {
  const file = resolve(target);
  if (existsSync(file)) throw new UserError('backup-exists', `There is already a file at ${file}.`, 'Choose a new file name; a backup never overwrites anything.');
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const result = await db.backup(partial);
  renameSync(partial, file);
  return { file, pages: result.totalPages };
}
