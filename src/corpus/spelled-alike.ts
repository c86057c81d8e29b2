import { distance } from 'fastest-levenshtein';
import { fold } from './clean.js';

/** two words a letter or so apart for every three or four (Levenshtein distance at most `share` of the longer one, at least 1) */
export function spelledAlike(a: string, b: string, share = 0.3): boolean {
  return distance(a, b) <= Math.max(1, Math.floor(share * Math.max(a.length, b.length)));
}

/**
 * How far apart a word and a library word may be spelt, as a share of the longer: closer than a WordNet translation
 * needs (spelledAlike's 0.3), since nothing but the spelling says they mean the same (demencia → dementia is one
 * letter; "honduras" → honours, two, is not)
 */
const LIBRARY_SHARE = 0.2;

/**
 * The library's own words, found by spelling: a Spanish word nothing else translates is looked for as the library's
 * words spelt like it (demencia → dementia, cero → zero). Words are kept by first letter, so a lookup compares a
 * few hundred words, not the whole vocabulary.
 */
export class LibraryWords {
  private byInitial: Map<string, string[]> | undefined;

  /** `texts`: read when the first word is looked up (or `warm` is called) */
  constructor(private readonly texts: () => Iterable<string>) {}

  /** the library's common words (of 4+ letters, written in lower case) spelt like `word`, the nearest first; [] for a word under 5 letters */
  alike(word: string): string[] {
    if (word.length < 5) return [];
    const candidates = this.words().get(word[0]!) ?? [];
    return candidates
      .filter((w) => w !== word && Math.abs(w.length - word.length) <= 2 && spelledAlike(word, w, LIBRARY_SHARE))
      .sort((a, b) => distance(word, a) - distance(word, b));
  }

  /** reads the library's words now rather than during the first question that needs them */
  warm(): void {
    this.words();
  }

  private words(): Map<string, string[]> {
    if (this.byInitial) return this.byInitial;
    // words the library writes in lower case somewhere: a name (Croatia, Ljubljana) is no word to spell a Spanish one
    // by ("Croacia" asks about another country, which named-things.ts decides)
    const raw = new Set<string>();
    for (const text of this.texts()) for (const w of text.split(/[^\p{L}]+/u)) if (w.length >= 4) raw.add(w);
    const seen = new Set<string>();
    for (const w of raw) if (w === w.toLowerCase()) seen.add(fold(w));
    const byInitial = new Map<string, string[]>();
    for (const w of seen) {
      const list = byInitial.get(w[0]!);
      if (list) list.push(w);
      else byInitial.set(w[0]!, [w]);
    }
    return (this.byInitial = byInitial);
  }
}
