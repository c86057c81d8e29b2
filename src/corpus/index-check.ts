import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sha256 } from '../library/blobs.js';
import { validPassage, validTerms } from '../library/cut.js';
import { scanFolder } from '../library/folder.js';
import { defaultPgOptions, openPg, type PgSession } from '../storage/pg/session.js';

export type SavedIndexState =
  | { state: 'fresh' }
  | { state: 'missing' }
  /** written for other documents, or by another version */
  | { state: 'stale' }
  /** it claims to match the documents but does not hold what they hold: answers would find nothing */
  | { state: 'mangled'; reason: string };

const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

/**
 * Checks the search index the library keeps in the database (its documents, their passages and each passage's
 * index terms) against the corpus folder, without building anything and without writing: the database is
 * opened read-only (PostgreSQL: only read). Stale: a file of the folder is not in the library (start-up or `index` reads it). Mangled:
 * a document's passages are missing or do not parse, or their terms do not add up (start-up rebuilds them).
 */
export function checkSavedIndex(options: { corpusDir: string; indexDataDir: string; dataDir: string; maxFileBytes?: number; database?: { url: string; timeoutMs: number } }): SavedIndexState {
  if (options.database) return checkPostgresIndex(options, options.database);
  const file = join(options.dataDir, 'pledgewatch.db');
  if (!existsSync(file)) return { state: 'missing' };
  let db: Database.Database | undefined;
  try {
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.prepare('SELECT 1 FROM library_documents LIMIT 1').get();
    } catch {
      return { state: 'missing' }; // no library yet (or no database the doctor's database check does not already name)
    }
    const rows = db.prepare('SELECT seq, data, terms FROM library_passages WHERE doc = ? ORDER BY seq');
    return checkRows(
      {
        documents: () => db!.prepare('SELECT id, sha256, passages FROM library_documents WHERE removed_at IS NULL').all() as LiveDocument[],
        passages: (id) => rows.all(id) as StoredRow[],
      },
      options,
    );
  } finally {
    db?.close();
  }
}

/** The same check on PostgreSQL (DATABASE_URL): read only, on one connection. */
function checkPostgresIndex(options: { corpusDir: string; maxFileBytes?: number }, database: { url: string; timeoutMs: number }): SavedIndexState {
  let db: PgSession;
  try {
    db = openPg({ ...defaultPgOptions(database.url), poolMax: 1, statementTimeoutMs: database.timeoutMs, applicationName: 'pledgewatch doctor' });
  } catch {
    return { state: 'missing' }; // the doctor's database check names why
  }
  try {
    if (!db.get<{ t: string | null }>("SELECT to_regclass('library_documents')::text AS t")?.t) return { state: 'missing' };
    return checkRows(
      {
        documents: () => db.all<LiveDocument>('SELECT id, sha256, passages FROM library_documents WHERE removed_at IS NULL ORDER BY position'),
        passages: (id) => db.all<StoredRow>('SELECT seq, data, terms FROM library_passages WHERE doc = $1 ORDER BY seq', [id]),
      },
      options,
    );
  } finally {
    db.close();
  }
}

interface LiveDocument {
  id: string;
  sha256: string;
  passages: number;
}
interface StoredRow {
  seq: number;
  data: string;
  terms: string;
}

function checkRows(read: { documents(): LiveDocument[]; passages(id: string): StoredRow[] }, options: { corpusDir: string; maxFileBytes?: number }): SavedIndexState {
  const docs = read.documents();
  if (!docs.length) return { state: 'missing' };
  const live = new Set(docs.map((d) => d.sha256));
  const { files } = scanFolder(options.corpusDir, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (files.some((f) => !live.has(sha256(f.bytes)))) return { state: 'stale' };
  for (const d of docs) {
    const passages = read.passages(d.id);
    if (passages.length !== d.passages) return { state: 'mangled', reason: `${d.id} has ${passages.length} of its ${d.passages} passages` };
    for (const p of passages) {
      let data: unknown;
      let terms: unknown;
      try {
        data = JSON.parse(p.data);
        terms = JSON.parse(p.terms);
      } catch {
        return { state: 'mangled', reason: `passage ${p.seq} of ${d.id} does not parse` };
      }
      if (!validPassage(data, d.id)) return { state: 'mangled', reason: `passage ${p.seq} of ${d.id} is not a passage` };
      if (!validTerms(terms)) return { state: 'mangled', reason: `the words of passage ${p.seq} of ${d.id} are not indexed` };
    }
  }
  return { state: 'fresh' };
}
