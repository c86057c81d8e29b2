import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Format } from './model.js';
import { formatOf } from './read.js';

export interface FolderFile {
  file: string;
  format: Format;
  bytes: Buffer;
}

export interface FolderScan {
  files: FolderFile[];
  skipped: { file: string; reason: string }[];
}

/**
 * The corpus folder's regular files of a type the library reads, in name order. Symbolic links are not
 * followed (a link could reach any file the bot may read), folders are not entered (a folder named `x.md`
 * included), and each file is opened without following a link swapped in after the check.
 */
export function scanFolder(dir: string, maxFileBytes: number): FolderScan {
  const files: FolderFile[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const names = readdirSync(dir).sort();
  for (const file of names) {
    if (file.startsWith('.')) continue;
    const path = join(dir, file);
    let st;
    try {
      st = lstatSync(path);
    } catch {
      continue; // gone since it was listed
    }
    if (st.isSymbolicLink()) skipped.push({ file, reason: 'a symbolic link (links are not followed)' });
    else if (st.isDirectory()) skipped.push({ file, reason: 'a folder' });
    else if (!st.isFile()) skipped.push({ file, reason: 'not a regular file' });
    else {
      const format = formatOf(file);
      if (!format) skipped.push({ file, reason: 'not a type the library reads' });
      else if (st.size > maxFileBytes) skipped.push({ file, reason: `larger than ${Math.round(maxFileBytes / 1024 / 1024)} MB (PLEDGEWATCH_MAX_FILE_MB)` });
      else {
        const bytes = readRegular(path);
        if (bytes) files.push({ file, format, bytes });
        else skipped.push({ file, reason: 'not a regular file' });
      }
    }
  }
  return { files, skipped };
}

function readRegular(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined; // a link swapped in since lstat, or unreadable
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
