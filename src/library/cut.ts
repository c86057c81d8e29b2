import type { Document } from '../corpus/corpus.js';
import { splitPassages, type IndexedPassage } from '../corpus/passages.js';
import { fieldsOf } from '../corpus/search-index.js';
import { FIELDS, type PassageTerms, type Tokenizer } from '../corpus/term-index.js';
import type { TextBlock } from './model.js';
import { blocksToText } from './blocks.js';

/**
 * The way documents are read into passages and index terms. Change it with any change to the splitter
 * (corpus/passages.ts), the tokenizer or the fields that changes a document's passages or terms: a library whose
 * documents were cut by another reading cuts them again at its next start, so an upgrade reaches the documents a
 * coalition already holds (test/library/reading.test.ts pins the test library's cut to this value).
 */
export const READING = '2026-12-02.2';

export interface CutPassage {
  passage: IndexedPassage;
  terms: PassageTerms;
}

/** A document's passages, each with the page it starts on (where the document has pages) and its index terms. */
export function cutPassages(doc: Document, blocks: TextBlock[] | null, tokenizer: Tokenizer): CutPassage[] {
  const passages = splitPassages(doc);
  if (blocks?.some((b) => b.page !== undefined)) {
    const { starts } = blocksToText(blocks);
    let cursor = 0;
    let b = 0;
    for (const p of passages) {
      const at = doc.text.indexOf(p.text, cursor);
      if (at < 0) continue;
      cursor = at;
      while (b + 1 < starts.length && starts[b + 1]! <= at) b++;
      const page = blocks[b]?.page;
      if (page !== undefined) p.page = page;
    }
  }
  return passages.map((passage) => ({ passage, terms: tokenizer.terms(fieldsOf(passage)) }));
}

/** Whether stored index terms have the shape the index reads (a saved index can be mangled on disk). */
export function validTerms(value: unknown): value is PassageTerms {
  if (!value || typeof value !== 'object') return false;
  const t = value as Partial<PassageTerms>;
  if (!Array.isArray(t.tf) || !Array.isArray(t.len) || t.tf.length !== FIELDS.length || t.len.length !== FIELDS.length) return false;
  if (!t.len.every((n) => Number.isInteger(n) && n >= 0)) return false;
  // each field's term counts add up to its length
  return t.tf.every((m, f) => m && typeof m === 'object' && !Array.isArray(m) && Object.values(m).every((n) => Number.isInteger(n) && (n as number) > 0) && Object.values(m).reduce((a: number, b) => a + (b as number), 0) === t.len![f]);
}

/** Whether a stored passage has the fields search and citations read, and its words are its text's words. */
export function validPassage(value: unknown, doc: string): value is IndexedPassage {
  if (!value || typeof value !== 'object') return false;
  const p = value as Partial<IndexedPassage>;
  if (p.doc !== doc || typeof p.id !== 'string' || typeof p.text !== 'string' || typeof p.body !== 'string' || typeof p.where !== 'string' || !p.body.length) return false;
  // the body is the text with markup and footnote markers taken out: never a word the text lacks
  const words = new Set(p.text.toLowerCase().match(/\p{L}+/gu) ?? []);
  return (p.body.toLowerCase().match(/\p{L}+/gu) ?? []).every((w) => words.has(w));
}
