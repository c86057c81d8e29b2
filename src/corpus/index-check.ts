import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFingerprint, loadDocuments } from './documents.js';
import { lunr } from './lunr-setup.js';
import { INDEX_FILE, INDEX_FORMAT } from './open.js';
import { splitPassages } from './passages.js';

export type SavedIndexState =
  | { state: 'fresh' }
  | { state: 'missing' }
  /** written for other documents, or by another version */
  | { state: 'stale' }
  /** it claims to match the documents but does not hold what they hold: answers would find nothing */
  | { state: 'mangled'; reason: string };

interface SerializedIndex {
  fields: string[];
  fieldVectors: [string, number[]][];
  invertedIndex: [string, { _index: number } & Record<string, Record<string, unknown>>][];
}

/**
 * Checks the index saved in the data dir against the documents, without building one: the fingerprint and
 * format first, then that its passages are the documents' passages and that its lunr index is whole (every
 * passage has its vectors, and every vector entry its posting in the inverted index, and nothing more).
 */
export function checkSavedIndex(options: { corpusDir: string; indexDataDir: string; dataDir: string }): SavedIndexState {
  let raw: string;
  try {
    raw = readFileSync(join(options.dataDir, INDEX_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'mangled', reason: `it cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let saved: { format?: unknown; fingerprint?: unknown; passages?: unknown; index?: unknown };
  try {
    saved = JSON.parse(raw);
  } catch {
    return { state: 'mangled', reason: 'it is not valid JSON' };
  }
  const metadataPath = join(options.indexDataDir, 'documents.json');
  if (saved?.format !== INDEX_FORMAT || saved.fingerprint !== corpusFingerprint(options.corpusDir, metadataPath)) return { state: 'stale' };
  const passages = loadDocuments(options.corpusDir, metadataPath).flatMap(splitPassages);
  if (!Array.isArray(saved.passages) || JSON.stringify(saved.passages) !== JSON.stringify(passages)) {
    return { state: 'mangled', reason: `its passages are not the documents' ${passages.length} passages` };
  }
  const problem = indexProblem(saved.index, passages.length);
  return problem ? { state: 'mangled', reason: problem } : { state: 'fresh' };
}

/** What is wrong with a serialized lunr index over `n` passages (refs "0".."n-1"), or undefined. */
export function indexProblem(index: unknown, n: number): string | undefined {
  try {
    lunr.Index.load(index as object);
  } catch {
    return 'its search index does not load';
  }
  const { fields, fieldVectors, invertedIndex } = index as SerializedIndex;
  if (!Array.isArray(fields) || !Array.isArray(fieldVectors) || !Array.isArray(invertedIndex)) return 'its search index is incomplete';
  if (fieldVectors.length !== fields.length * n) return `its search index covers ${Math.floor(fieldVectors.length / Math.max(fields.length, 1))} passages, not ${n}`;
  const byIndex = new Map<number, Record<string, Record<string, unknown>>>();
  let postings = 0;
  for (const [, entry] of invertedIndex) {
    byIndex.set(entry._index, entry);
    for (const field of fields) postings += Object.keys(entry[field] ?? {}).length;
  }
  let entries = 0;
  for (const [key, vector] of fieldVectors) {
    const slash = key.indexOf('/');
    const [field, ref] = [key.slice(0, slash), key.slice(slash + 1)];
    if (!fields.includes(field) || !/^\d+$/.test(ref) || Number(ref) >= n) return `its search index names a passage that does not exist (${key.slice(0, 40)})`;
    for (let i = 0; i < vector.length; i += 2) {
      entries++;
      if (!byIndex.get(vector[i]!)?.[field]?.[ref]) return 'its search index has words without their passages';
    }
  }
  return postings === entries ? undefined : 'its search index has passages without their words';
}
