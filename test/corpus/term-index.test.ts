import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/corpus/documents.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { splitPassages } from '../../src/corpus/passages.js';
import { buildLunrIndex, fieldsOf, PassageSearch } from '../../src/corpus/search-index.js';
import { TermIndex, Tokenizer } from '../../src/corpus/term-index.js';
import { evaluationSet } from './evaluation-set.js';

const indexData = join(import.meta.dirname, '..', '..', 'index-data');
const docs = loadDocuments(join(indexData, 'corpus'), join(indexData, 'documents.json'));
const glossary = Glossary.load(join(indexData, 'glossary.json'));
const tokenizer = new Tokenizer();

describe('the incremental index', () => {
  it('ranks exactly as a lunr index of the same passages (same weights, same ties)', () => {
    const passages = docs.flatMap(splitPassages);
    const viaLunr = new PassageSearch(buildLunrIndex(passages), passages, glossary);
    const index = new TermIndex();
    // added one document at a time, as the library does
    for (const d of docs) index.add(splitPassages(d).map((p) => tokenizer.terms(fieldsOf(p))));
    const incremental = new PassageSearch({ scorer: index, pipeline: tokenizer.searchPipeline }, passages, glossary);
    for (const e of evaluationSet) expect(incremental.search(e.q, 5), e.q).toEqual(viaLunr.search(e.q, 5));
  });

  it('after a document is taken out, ranks as an index built without it', () => {
    const passages = docs.flatMap(splitPassages);
    const index = new TermIndex();
    index.add(passages.map((p) => tokenizer.terms(fieldsOf(p))));
    index.retain((i) => passages[i]!.doc !== 'ngo-2013-open-letter');
    const kept = passages.filter((p) => p.doc !== 'ngo-2013-open-letter');
    const fresh = new TermIndex();
    fresh.add(kept.map((p) => tokenizer.terms(fieldsOf(p))));
    const a = new PassageSearch({ scorer: index, pipeline: tokenizer.searchPipeline }, kept, glossary);
    const b = new PassageSearch({ scorer: fresh, pipeline: tokenizer.searchPipeline }, kept, glossary);
    for (const e of evaluationSet) expect(a.search(e.q, 5), e.q).toEqual(b.search(e.q, 5));
  });
});
