import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Answer, Corpus, Document, IndexReport } from './corpus.js';
import { corpusFingerprint, loadDocuments } from './documents.js';
import { Glossary } from './glossary.js';
import { lunr } from './lunr-setup.js';
import { splitPassages, type IndexedPassage } from './passages.js';
import { buildLunrIndex, PassageSearch } from './search-index.js';

export interface CorpusOptions {
  corpusDir: string;
  indexDataDir: string;
  dataDir: string;
  logger: Logger;
}

/** Bumped whenever the splitter or the index fields change, so an old saved index is rebuilt. */
export const INDEX_FORMAT = 6;
export const INDEX_FILE = 'corpus-index.json';

interface SavedIndex {
  format: number;
  fingerprint: string;
  passages: IndexedPassage[];
  index: object;
}

/**
 * The corpus as shipped in index-data/ (or PLEDGEWATCH_CORPUS_DIR): documents, passages and a lunr index,
 * saved in the data dir with the corpus fingerprint and rebuilt at start only when a document changed.
 */
export function openCorpus(options: CorpusOptions): Corpus {
  const metadataPath = join(options.indexDataDir, 'documents.json');
  const glossary = Glossary.load(join(options.indexDataDir, 'glossary.json'));
  const log = options.logger;
  let docs: Document[] = [];
  let search: PassageSearch;

  const load = (force: boolean): IndexReport => {
    const started = performance.now();
    const fingerprint = corpusFingerprint(options.corpusDir, metadataPath);
    docs = loadDocuments(options.corpusDir, metadataPath);
    const file = join(options.dataDir, INDEX_FILE);
    const saved = force ? undefined : readSaved(file, fingerprint);
    if (saved) {
      search = new PassageSearch(lunr.Index.load(saved.index), saved.passages, glossary);
      log.info({ code: 'corpus-index-loaded', passages: saved.passages.length, ms: Math.round(performance.now() - started) }, 'saved index loaded');
      return report(docs, saved.passages, false);
    }
    const passages = docs.flatMap(splitPassages);
    const index = buildLunrIndex(passages);
    search = new PassageSearch(index, passages, glossary);
    try {
      mkdirSync(options.dataDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: INDEX_FORMAT, fingerprint, passages, index } satisfies SavedIndex));
      renameSync(tmp, file); // a reader never sees half a file
    } catch (err) {
      log.warn({ code: 'corpus-index-not-saved', err: (err as NodeJS.ErrnoException).code }, 'the index could not be saved; it will be rebuilt at the next start');
    }
    log.info({ code: 'corpus-index-built', documents: docs.length, passages: passages.length, ms: Math.round(performance.now() - started) }, 'index built');
    return report(docs, passages, true);
  };
  load(false);

  return {
    documents: () => docs.map(({ text: _text, ...meta }) => meta),
    document: (id) => docs.find((d) => d.id === id),
    answer(question, limit): Answer[] {
      return search.search(question, limit).map((h) => {
        const { text: _text, ...document } = docs.find((d) => d.id === h.passage.doc)!;
        const { body: _body, ...passage } = h.passage;
        return { document, passage, quote: h.quote, score: h.score };
      });
    },
    reindex: () => load(true),
  };
}

/** Whether the index saved in the data dir matches the documents (doctor asks; start-up rebuilds a stale one). */
export function savedIndexIsFresh(options: Pick<CorpusOptions, 'corpusDir' | 'indexDataDir' | 'dataDir'>): boolean {
  const fingerprint = corpusFingerprint(options.corpusDir, join(options.indexDataDir, 'documents.json'));
  return readSaved(join(options.dataDir, INDEX_FILE), fingerprint) !== undefined;
}

function readSaved(file: string, fingerprint: string): SavedIndex | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedIndex;
    return saved.format === INDEX_FORMAT && saved.fingerprint === fingerprint ? saved : undefined;
  } catch {
    return undefined; // missing or unreadable: rebuild
  }
}

function report(docs: Document[], passages: IndexedPassage[], rebuilt: boolean): IndexReport {
  return {
    rebuilt,
    documents: docs.map((d) => ({ id: d.id, title: d.title, file: d.file, passages: passages.filter((p) => p.doc === d.id).length })),
    passages: passages.length,
  };
}
