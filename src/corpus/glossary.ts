import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { fold } from './clean.js';

const glossaryFile = z.object({
  entries: z.array(z.object({ terms: z.array(z.string().min(1)).min(1) })),
});

/** One set of words that mean the same thing in this corpus (an acronym and its expansions, a Spanish term and its English ones). */
export interface GlossaryEntry {
  terms: string[];
  /** the terms a question is matched on, when not all of them (an everyday phrase finds the field's term, not the reverse) */
  asked?: string[];
}

export interface GlossaryMatch {
  /** where in the folded question the term was found */
  start: number;
  end: number;
  /** the term as the question has it, folded */
  found: string;
  /** every other way of saying it, folded */
  alternatives: string[];
}

/**
 * The domain glossary (index-data/glossary.json), kept as data so coordinators can extend it. Terms match
 * whole words, accents and case aside; an acronym of one or two capitals ("UN", "SR") only when typed in
 * capitals, so the Spanish article "un" is not read as the United Nations.
 */
export class Glossary {
  private readonly patterns: Pattern[] = [];
  /** patterns by the first word of their term, so a question is only tried against terms that may match */
  private readonly byFirstWord = new Map<string, Pattern[]>();
  /** each entry's terms, folded, that a match may be said as instead (for an everyday entry: its field terms) */
  private readonly folded: string[][];

  constructor(readonly entries: GlossaryEntry[]) {
    // an everyday phrase's alternatives are the field's terms, not the other everyday ways of saying it
    this.folded = entries.map((e) => {
      const asked = new Set((e.asked ?? []).map(fold));
      return e.terms.map(fold).filter((t) => !asked.has(t));
    });
    entries.forEach((e, entry) => {
      for (const term of e.asked ?? e.terms) {
        const caseSensitive = /^[A-Z]{1,2}$/.test(term);
        const body = (caseSensitive ? term : fold(term)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, "(?:['’]s)?[\\s-]+");
        const pattern: Pattern = { order: 0, words: fold(term).match(/[\p{L}\p{N}]+/gu) ?? [], source: `(?<![\\p{L}\\p{N}])${body}(?:['’]s)?(?![\\p{L}\\p{N}])`, caseSensitive, term, entry };
        this.patterns.push(pattern);
        const first = firstWord(fold(term));
        const list = this.byFirstWord.get(first);
        if (list) list.push(pattern);
        else this.byFirstWord.set(first, [pattern]);
      }
    });
    // longest first, so "National Human Rights Commission" wins over "Human Rights Council"'s shorter pieces
    this.patterns.sort((a, b) => b.term.length - a.term.length);
    this.patterns.forEach((p, order) => (p.order = order));
  }

  static load(file: string): Glossary {
    if (!existsSync(file)) return new Glossary([]);
    return new Glossary(glossaryFile.parse(JSON.parse(readFileSync(file, 'utf8'))).entries);
  }

  /**
   * The glossary terms a question holds, longest first and never overlapping. `question` must be the
   * original text (for case-sensitive acronyms); positions refer to `fold(question)`, which keeps its length
   * for the characters that matter here.
   */
  find(question: string): GlossaryMatch[] {
    const folded = foldKeepingLength(question);
    const taken: boolean[] = new Array(folded.length).fill(false);
    const matches: GlossaryMatch[] = [];
    const present = new Set(folded.match(/[\p{L}\p{N}]+/gu) ?? []);
    // only the terms whose first word the question holds, in the glossary's order (the longest first)
    // (and all of whose words it holds: the regular expression then says whether they stand together)
    const candidates = [...new Set([...present].flatMap((w) => this.byFirstWord.get(w) ?? []))].filter((p) => p.words.every((w) => present.has(w))).sort((a, b) => a.order - b.order);
    for (const p of candidates) {
      const haystack = p.caseSensitive ? question : folded;
      // compiled the first time a question may hold the term: thousands of lexicon forms are never asked
      const re = (p.re ??= new RegExp(p.source, p.caseSensitive ? 'gu' : 'giu'));
      re.lastIndex = 0;
      for (let m = re.exec(haystack); m; m = re.exec(haystack)) {
        const start = m.index;
        const end = start + m[0].length;
        if (taken.slice(start, end).some(Boolean)) continue;
        for (let i = start; i < end; i++) taken[i] = true;
        // a possessive after the term is the term's ("the last round's recommendations")
        const found = folded.slice(start, end).replace(/['’]s$/u, '');
        const alternatives = this.folded[p.entry]!.filter((t) => t !== fold(found));
        matches.push({ start, end, found, alternatives: [...new Set(alternatives)] });
      }
    }
    return matches.sort((a, b) => a.start - b.start);
  }
}

interface Pattern {
  /** its place among the glossary's patterns, the longest term first */
  order: number;
  /** its term's words, folded */
  words: string[];
  /** the regular expression's source; `re` is compiled from it when first needed */
  source: string;
  re?: RegExp;
  caseSensitive: boolean;
  term: string;
  entry: number;
}

const firstWord = (folded: string) => (folded.match(/[\p{L}\p{N}]+/u) ?? [''])[0];

/** fold() character by character, so offsets in the folded text are offsets in the original. */
export function foldKeepingLength(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) {
    const f = fold(ch);
    out += f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}
