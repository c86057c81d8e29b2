import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../core/clock.js';
import { directoryBlobStore } from '../library/blobs.js';
import { openLibrary, type Library } from '../library/library.js';
import { scanFolder } from '../library/folder.js';
import { sha256 } from '../library/blobs.js';
import { libraryMigrations, SqliteLibraryStore } from '../library/store.js';
import { openDatabase, type Db } from '../storage/database.js';
import { Glossary } from './glossary.js';

export interface CorpusOptions {
  corpusDir: string;
  indexDataDir: string;
  dataDir: string;
  logger: Logger;
  /** the bot's database (the library's rows live there); opened in dataDir when absent */
  db?: Db;
  clock?: Clock;
  /** PLEDGEWATCH_MAX_FILE_MB in bytes */
  maxFileBytes?: number;
}

/** The saved index of earlier versions (a JSON file beside the database); the library's rows replaced it. */
export const LEGACY_INDEX_FILE = 'corpus-index.json';
export const LIBRARY_FILES_DIR = 'library';
const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

/**
 * The coalition's library as the search corpus: the corpus folder's files and every document added since,
 * with their passages and index terms in the database (checked on load, rebuilt where mangled).
 */
export function openCorpus(options: CorpusOptions): Library {
  const db = options.db ?? openDatabase(join(options.dataDir, 'pledgewatch.db'), libraryMigrations);
  rmSync(join(options.dataDir, LEGACY_INDEX_FILE), { force: true });
  return openLibrary({
    store: new SqliteLibraryStore(db),
    blobs: directoryBlobStore(join(options.dataDir, LIBRARY_FILES_DIR)),
    glossary: Glossary.load(join(options.indexDataDir, 'glossary.json')),
    logger: options.logger,
    clock: options.clock ?? systemClock,
    corpusDir: options.corpusDir,
    metadataPath: join(options.indexDataDir, 'documents.json'),
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  });
}

/**
 * Whether the library in the data dir holds every readable file of the corpus folder, each with its passages
 * (doctor asks; start-up brings it up to date). Read-only: the database is not created or changed.
 */
export function savedIndexIsFresh(options: Pick<CorpusOptions, 'corpusDir' | 'indexDataDir' | 'dataDir'> & { maxFileBytes?: number }): boolean {
  const file = join(options.dataDir, 'pledgewatch.db');
  if (!existsSync(file)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare(`SELECT d.sha256 AS sha, d.passages AS passages, (SELECT count(*) FROM library_passages p WHERE p.doc = d.id) AS stored
      FROM library_documents d WHERE d.removed_at IS NULL`).all() as { sha: string; passages: number; stored: number }[];
    const live = new Map(rows.map((r) => [r.sha, r]));
    const { files } = scanFolder(options.corpusDir, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    return files.every((f) => {
      const r = live.get(sha256(f.bytes));
      return r !== undefined && r.passages > 0 && r.stored === r.passages;
    });
  } catch {
    return false; // no library tables yet, or unreadable
  } finally {
    db?.close();
  }
}
