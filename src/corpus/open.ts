import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../kernel/clock.js';
import { directoryBlobStore, type BlobStore } from '../library/blobs.js';
import { openLibrary, type Library } from '../library/library.js';
import { libraryMigrations, SqliteLibraryStore, type LibraryStore } from '../library/store.js';
import { openDatabase, type Db } from '../storage/database.js';
import { Glossary } from './glossary.js';

export interface CorpusOptions {
  corpusDir: string;
  indexDataDir: string;
  dataDir: string;
  logger: Logger;
  /** the bot's database (the library's rows live there); opened in dataDir when absent */
  db?: Db;
  /** or the library's stores themselves (PostgreSQL: rows and files in the database) */
  stores?: { store: LibraryStore; blobs: BlobStore };
  clock?: Clock;
  /** PLEDGEWATCH_MAX_FILE_MB in bytes */
  maxFileBytes?: number;
  /** where the library notes the reading its documents were cut by (see READING in library/cut.ts) */
  reading?: { get(key: string): string | undefined; set(key: string, value: string): void };
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
  const stores = options.stores ?? {
    store: new SqliteLibraryStore(options.db ?? openDatabase(join(options.dataDir, 'pledgewatch.db'), libraryMigrations)),
    blobs: directoryBlobStore(join(options.dataDir, LIBRARY_FILES_DIR)),
  };
  rmSync(join(options.dataDir, LEGACY_INDEX_FILE), { force: true });
  return openLibrary({
    ...stores,
    glossary: Glossary.load(join(options.indexDataDir, 'glossary.json')),
    logger: options.logger,
    clock: options.clock ?? systemClock,
    corpusDir: options.corpusDir,
    metadataPath: join(options.indexDataDir, 'documents.json'),
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    ...(options.reading ? { reading: options.reading } : {}),
  });
}
