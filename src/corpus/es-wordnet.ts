import { readFileSync } from 'node:fs';
import { spanishStemKeys } from './spanish-stem.js';
import type { Pos, WordNet } from './wordnet.js';

const POS: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/**
 * English for Spanish words from the Spanish WordNet (MCR 3.0, linked to WordNet 3.1 through the
 * interlingual index; lexicon/es-wordnet.tsv, built by bin/build-es-wordnet.ts, sources in lexicon/README.md):
 * "secuestraron" → kidnap, abduct; "cárcel" → jail, prison; "desaparición" → disappearance. A word is read
 * through the lemmas that share its Snowball stem, so inflected forms ("encarceladas") find their lemma
 * ("encarcelar"); the English words are those of the lemma's most common senses.
 */
export class SpanishWordNet {
  private readonly byStem = new Map<string, string[]>();
  private readonly cache = new Map<string, string[]>();

  constructor(
    private readonly wordnet: WordNet,
    private readonly stem: (word: string) => string,
    /** how many of a lemma's synsets (most common English sense first) give English words */
    private readonly senses = 3,
    file = new URL('./lexicon/es-wordnet.tsv', import.meta.url),
  ) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      const lemma = line.slice(0, tab);
      if (/\s/.test(lemma)) continue; // phrases are not read yet: a question's words are looked up one by one
      const synsets = line.slice(tab + 1).split(' ').slice(0, this.senses);
      const key = this.stem(lemma);
      if (key.length < 4) continue; // short stems join unrelated words
      this.byStem.set(key, [...(this.byStem.get(key) ?? []), ...synsets]);
    }
  }

  /** English words and phrases for a Spanish word, most common senses first ([] when the WordNet has none). */
  english(word: string): string[] {
    const key = spanishStemKeys(word).find((k) => this.byStem.has(k));
    if (key === undefined) return [];
    let found = this.cache.get(key);
    if (found) return found;
    const out = new Set<string>();
    for (const synset of this.byStem.get(key) ?? []) {
      const [letter, offset] = synset.split(':') as [string, string];
      const pos = POS[letter];
      if (pos) for (const w of this.wordnet.synsetWords(pos, offset, true)) out.add(w);
    }
    found = [...out];
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(key, found);
    return found;
  }
}
