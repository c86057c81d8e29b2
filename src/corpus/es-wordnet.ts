import { readFileSync } from 'node:fs';
import { fold } from './clean.js';
import { spanishStemKeys, undiminished } from './spanish-stem.js';
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
  /** the WordNet's lemmas of several words ("pena de muerte", "sin papeles"), folded, with their synsets */
  private readonly phrases = new Map<string, string[]>();
  private readonly cache = new Map<string, string[]>();
  /**
   * every one-word lemma, folded, with its synsets: a word no stem finds (a short stem: vida, década, vivir, ganar; a
   * form Snowball stems apart from its lemma: entró, cambió) is read through the lemmas it may be a form of
   */
  private readonly lemmas = new Map<string, string[]>();
  /** the same, their accents folded (a word typed without them) */
  private readonly folded = new Map<string, string[]>();

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
      const synsets = line.slice(tab + 1).split(' ').slice(0, this.senses);
      if (/\s/.test(lemma)) {
        this.phrases.set(phraseKey(lemma), synsets);
        continue;
      }
      const key = this.stem(lemma);
      for (const [table, form] of [[this.lemmas, lemma.normalize('NFC').toLowerCase()], [this.folded, fold(lemma)]] as const) {
        table.set(form, [...(table.get(form) ?? []), ...synsets]);
      }
      // short stems join unrelated words (creer, crear → cre): such a lemma is found only by its own forms (see lemmasOf)
      if (key.length >= 4) this.byStem.set(key, [...(this.byStem.get(key) ?? []), ...synsets]);
    }
  }

  /**
   * English words and phrases for a Spanish word, or for a phrase the WordNet holds as one lemma ("pena de
   * muerte" → death penalty, capital punishment), most common senses first ([] when the WordNet has none).
   */
  english(word: string): string[] {
    const phrase = /\s/.test(word.trim());
    let key = phrase ? phraseKey(word) : spanishStemKeys(word).find((k) => this.byStem.has(k));
    let table = phrase ? this.phrases : this.byStem;
    if (key === undefined && !phrase) {
      const found = this.lemmaOf(word);
      if (found) [key, table] = found;
    }
    if (key === undefined) return [];
    const cacheKey = table === this.byStem || table === this.phrases ? key : `${table === this.lemmas ? '=' : '~'}${key}`;
    let found = this.cache.get(cacheKey);
    if (found) return found;
    const out = new Set<string>();
    for (const synset of table.get(key) ?? []) {
      const [letter, offset] = synset.split(':') as [string, string];
      const pos = POS[letter];
      if (pos) for (const w of this.wordnet.synsetWords(pos, offset, true)) out.add(w);
    }
    found = [...out];
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(cacheKey, found);
    return found;
  }

  /**
   * The lemma a word no stem finds is a form of: as typed (accents kept: "sacó" is sacar's, "saco" a bag), then folded;
   * the word itself, then its singular and masculine, then a verb's infinitive; none where two lemmas fit equally
   * ("cree": creer, crear).
   */
  private lemmaOf(word: string): [string, Map<string, string[]>] | undefined {
    const lower = word.normalize('NFC').toLowerCase();
    for (const [table, form] of [[this.lemmas, lower], [this.folded, fold(lower)]] as const) {
      for (const tier of lemmaTiers(form)) {
        const fits = [...new Set(tier.filter((l) => table.has(l)))];
        if (fits.length === 1) return [fits[0]!, table];
        if (fits.length > 1) return undefined;
      }
    }
    return undefined;
  }
}

/** a verb's regular endings (-ar, -er and -ir verbs), with and without their accents, the longest first */
const VERB_ENDINGS = (() => {
  const accented = `aríamos eríamos iríamos aríais eríais iríais áramos iéramos ásemos iésemos ábamos aremos eremos iremos
    asteis isteis arían erían irían arías erías irías aseis ieseis arais ierais ieron abais abas aban arás erás irás
    arán erán irán aría ería iría aron aste iste aba ara iera ase iese ando iendo ado ido ada ida ados idos adas idas
    amos emos imos áis éis ís ará erá irá aré eré iré ían ías ía as es an en ió ó é í o a e`.split(/\s+/).filter(Boolean);
  return [...new Set([...accented, ...accented.map(fold)])].sort((a, b) => b.length - a.length);
})();

/**
 * The lemmas a word may be a form of, likeliest first, in tiers: the word itself; a noun's or adjective's singular
 * and masculine (netas → neta, neto); a diminutive's plain word (niñitos → niño); a verb's infinitive (viven →
 * vivir, sacó → sacar, ganaron → ganar).
 */
export function lemmaTiers(word: string): string[][] {
  const singular = word.replace(/(?<=[^aeiouáéíóú])es$|(?<=[aeiouáéíóú])s$/u, '');
  const verbs: string[] = [];
  // a stem-changing verb's forms (niega → negar, cuenta → contar, pide → pedir): the last such vowel, once; a tier below
  const changed: string[] = [];
  const infinitives = (stem: string) => [`${stem}ar`, `${stem}er`, `${stem}ir`];
  for (const ending of VERB_ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < 2) continue;
    const base = word.slice(0, -ending.length);
    verbs.push(...infinitives(base));
    for (const [from, to] of [['ie', 'e'], ['ue', 'o'], ['i', 'e']] as const) {
      const at = base.lastIndexOf(from);
      if (at > 0) changed.push(...infinitives(base.slice(0, at) + to + base.slice(at + from.length)));
    }
  }
  const plain = undiminished(word).flatMap((w) => {
    const one = w.replace(/(?<=[^aeiouáéíóú])es$|(?<=[aeiouáéíóú])s$/u, '');
    return [w, one, one.replace(/a$/, 'o')];
  });
  return [[word], [singular, singular.replace(/a$/, 'o')], plain, verbs, changed];
}

/** a phrase as looked up: folded, its words one space apart ("Pena  de-muerte" → pena de muerte) */
const phraseKey = (phrase: string) => fold(phrase.trim()).split(/[\s-]+/).join(' ');

/**
 * Finds phrases in a folded text word by word (a lookup per word and phrase length, not a pattern per phrase:
 * the WordNet has some 14 000 of them).
 */
export class PhraseFinder {
  private readonly keys = new Set<string>();
  private readonly longest: number;

  constructor(phrases: string[]) {
    let longest = 0;
    for (const p of phrases) {
      const ws = fold(p).match(WORD) ?? [];
      if (ws.length < 2) continue;
      this.keys.add(ws.join(' '));
      longest = Math.max(longest, ws.length);
    }
    this.longest = longest;
  }

  /** the phrases `folded` holds, longest first where they overlap, never overlapping; positions in `folded` */
  find(folded: string): { start: number; end: number; found: string }[] {
    const ws = [...folded.matchAll(WORD)].map((m) => ({ w: m[0], start: m.index, end: m.index + m[0].length }));
    const out: { start: number; end: number; found: string }[] = [];
    for (let i = 0; i < ws.length; i++) {
      for (let n = Math.min(this.longest, ws.length - i); n >= 2; n--) {
        const key = ws.slice(i, i + n).map((x) => x.w).join(' ');
        if (!this.keys.has(key)) continue;
        out.push({ start: ws[i]!.start, end: ws[i + n - 1]!.end, found: key });
        i += n - 1;
        break;
      }
    }
    return out;
  }
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The Spanish WordNet's lemmas of several words that name a thing, an act or a quality (adverbial phrases such
 * as "sin embargo" left out: they say how, not what), for a Spanish question to read each as one concept.
 */
export function spanishWordNetPhrases(senses = 3, file = new URL('./lexicon/es-wordnet.tsv', import.meta.url)): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    const lemma = line.slice(0, tab);
    if (!/\s/.test(lemma) || /\d/.test(lemma)) continue;
    if (line.slice(tab + 1).split(' ').slice(0, senses).every((s) => s.startsWith('r:'))) continue;
    out.push(lemma);
  }
  return out;
}
