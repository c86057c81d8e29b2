import { readFileSync } from 'node:fs';

/**
 * Words used in the same contexts as an English word (its nearest neighbours among GloVe's word vectors:
 * "jobless" → unemployment, "sewers" → sewage, "dangers" → risks, "libel" → defamation), from
 * lexicon/en-neighbours.tsv (built by bin/build-en-neighbours.py; sources in lexicon/README.md). They reach
 * paraphrases WordNet's relations do not, and also opposites ("praise" → criticism): weighed like related words.
 */
export class Neighbours {
  private readonly table = new Map<string, string[]>();

  constructor(file = new URL('./lexicon/en-neighbours.tsv', import.meta.url)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      this.table.set(line.slice(0, tab), line.slice(tab + 1).split(' '));
    }
  }

  /** The word's neighbours, nearest first ([] for a word the table does not hold). */
  of(word: string): string[] {
    return this.table.get(word.toLowerCase()) ?? [];
  }
}
