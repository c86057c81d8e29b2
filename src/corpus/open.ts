import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Corpus } from './corpus.js';
import { loadDocuments } from './documents.js';

export interface CorpusOptions {
  corpusDir: string;
  indexDataDir: string;
  dataDir: string;
  logger: Logger;
}

/** Placeholder until the search issue lands: documents load, nothing is found. */
export function openCorpus(options: CorpusOptions): Corpus {
  const docs = loadDocuments(options.corpusDir, join(options.indexDataDir, 'documents.json'));
  return {
    documents: () => docs.map(({ text: _text, ...meta }) => meta),
    document: (id) => docs.find((d) => d.id === id),
    answer: () => [],
  };
}
