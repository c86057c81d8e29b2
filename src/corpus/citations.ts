import type { IndexedPassage } from './passages.js';

/**
 * UN summaries cite their sources by code ("PTPR/JS3 reported on …", "AI noted …") and say who each code is
 * in a list under the notes ("AI   Amnesty International, London …;", "JS3 Joint submission 3 submitted by:
 * …;"). A "who" question is answered by that list's entry, which shares no word with the question: this
 * finds the entry for the codes a passage's sentence cites.
 */

/** a source code: two or more capitals or digits, maybe joined by / or - ("AI", "JS2", "PTPR/JS3", "CoE-ECRI") */
const CODE = /(?<![\p{L}\p{N}/-])([A-Z][A-Za-z]*[A-Z0-9](?:[/-][A-Za-z]*[A-Z0-9][A-Za-z0-9]*)*)(?![\p{L}\p{N}/-])/gu;

/** The codes a sentence cites, in order of appearance. */
export function citedCodes(sentence: string): string[] {
  return [...new Set([...sentence.matchAll(CODE)].map((m) => m[1]!))];
}

export interface Definition {
  passage: IndexedPassage;
  /** the entry: the code and who it stands for, up to the entry's end */
  text: string;
}

/**
 * Where, among a document's passages, a code is defined: the code followed by a name (a capital), the entry
 * running to a semicolon and saying who submitted it or where its author is based, in a passage other than
 * `citing`. Undefined when the document lists no such entry.
 */
export function definitionOf(code: string, passages: IndexedPassage[], citing: IndexedPassage): Definition | undefined {
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const entry = new RegExp(`(?<![\\p{L}\\p{N}/-])${escaped}\\s+(?=\\p{Lu})([^;]{4,400}?)(?:;|$)`, 'u');
  for (const p of passages) {
    if (p === citing) continue;
    const m = entry.exec(p.text);
    // an entry of the list: who submitted it, or a name and where it is based ("…, London (United Kingdom …)")
    if (m && (/\bsubmitted by\b/i.test(m[1]!) || /^[^.]*,[^.,]*\([^()]+\)\s*$/.test(m[1]!))) {
      return { passage: p, text: `${code} ${m[1]!.replace(/\s+/g, ' ').trim()}` };
    }
  }
  return undefined;
}
