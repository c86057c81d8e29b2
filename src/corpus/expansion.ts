import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fold } from './clean.js';
import { foldKeepingLength, Glossary, type GlossaryEntry, type GlossaryMatch } from './glossary.js';
import { isStopWord, phrasingWeight, words, type Concept, type ParsedQuestion } from './question.js';
import { PhraseFinder, spanishWordNetPhrases, type SpanishWordNet } from './es-wordnet.js';
import type { Neighbours } from './neighbours.js';
import { spanishStem, spanishStemKeys } from './spanish-stem.js';
import { spelledAlike, type LibraryWords } from './spelled-alike.js';
import { WordNet } from './wordnet.js';

export { spelledAlike } from './spelled-alike.js';

/** How much a WordNet synonym counts in ranking beside the asker's own word (1) and a glossary term (0.7). */
export const SYNONYM_WEIGHT = 0.2;
/** How much a word one step from the asked word in WordNet's graph (more general, same root, similar) counts. */
export const RELATED_WEIGHT = 0.1;
/**
 * How much one of a word's three nearest GloVe neighbours (neighbours.ts) counts: the least of all, as they
 * include opposites; a passage holding one earns RELATED_COVERAGE of the concept, like a related word.
 */
export const NEIGHBOUR_WEIGHT = 0.03;
/** How much of a concept's weight a passage earns when it holds only such a related word. */
export const RELATED_COVERAGE = 0.5;
/** How much a WordNet synonym of a phrase of several words ("carried out" → implement) counts. */
export const PHRASE_WEIGHT = 0.7;
/** How much of a concept's weight a passage earns when it holds only a synonym of the asked word. */
export const SYNONYM_COVERAGE = 0.6;
/** How much an English word the Spanish WordNet gives for a Spanish word counts (the field lexicon's count 0.7). */
export const SPANISH_WORDNET_WEIGHT = 0.5;

const lexiconFile = z.object({ entries: z.array(z.tuple([z.string().min(1), z.string().min(1)])) });

/**
 * The Spanish–English lexicon of the field (lexicon/es-en.json, its source named there) as a glossary whose
 * Spanish forms find their English equivalents; applied to Spanish questions only (see parseQuestion).
 */
export function loadLexicon(file = new URL('./lexicon/es-en.json', import.meta.url), phrases = spanishWordNetPhrases()): Glossary {
  const { entries } = lexiconFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  return new Lexicon(entries.map(([es, en]) => ({ terms: [...es.split('|'), ...en.split('|')].map((t) => t.trim()).filter(Boolean) })), new PhraseFinder(phrases));
}

/**
 * The lexicon's terms, and the Spanish WordNet's phrases as one concept each ("pena de muerte", "sin papeles")
 * where no term of the lexicon is: a phrase's English comes from the WordNet when the question is expanded
 * (see Expander.spanishPhrase).
 */
class Lexicon extends Glossary {
  constructor(entries: GlossaryEntry[], private readonly phrases: PhraseFinder) {
    super(entries);
  }

  override find(question: string): GlossaryMatch[] {
    const all = [...super.find(question), ...this.phrases.find(foldKeepingLength(question)).map((p) => ({ ...p, alternatives: [] }))];
    // the longest first ("pena de muerte" over the lexicon's "muerte"), the lexicon's on a tie, never overlapping
    const chosen: GlossaryMatch[] = [];
    for (const m of all.map((m, i) => ({ m, i })).sort((a, b) => b.m.end - b.m.start - (a.m.end - a.m.start) || a.i - b.i)) {
      if (!chosen.some((c) => c.start < m.m.end && m.m.start < c.end)) chosen.push(m.m);
    }
    return chosen.sort((a, b) => a.start - b.start);
  }
}

/**
 * The English field lexicon (lexicon/en-field.json, its source named there): everyday English for the field's formal
 * terms ("locked up" → detention, "payback" → reprisals). Applied to English questions only, one way: a question's
 * everyday phrase also looks for the formal terms, while a question in the formal terms is read as it is.
 */
export function loadEverydayLexicon(file = new URL('./lexicon/en-field.json', import.meta.url)): Glossary {
  const { entries } = lexiconFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const forms = (s: string) => s.split('|').map((t) => t.trim()).filter(Boolean);
  return new Glossary(entries.map(([everyday, field]) => ({ terms: [...forms(everyday), ...forms(field)], asked: forms(everyday) })));
}

export { spanishStem } from './spanish-stem.js';

/**
 * The lexicon's one-word Spanish forms by their Spanish stem, each with its English forms: a Spanish word the
 * lexicon does not list as such ("detenida", "hacinadas") is read through a form that shares its stem.
 */
export function lexiconByStem(file: URL = new URL('./lexicon/es-en.json', import.meta.url)): Map<string, string[]> {
  const { entries } = lexiconFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const byStem = new Map<string, Set<string>>();
  for (const [es, en] of entries) {
    const english = en.split('|').map((t) => t.trim()).filter(Boolean);
    for (const form of es.split('|').map((t) => t.trim())) {
      if (!form || /\s/.test(form)) continue;
      const stem = spanishStem(form);
      if (stem.length < 4) continue; // short stems join unrelated words
      const set = byStem.get(stem) ?? new Set<string>();
      english.forEach((e) => set.add(e));
      byStem.set(stem, set);
    }
  }
  return new Map([...byStem].map(([stem, set]) => [stem, [...set]]));
}

/**
 * Everyday Spanish of the field (lexicon/es-everyday.json, its source named there) by Spanish stem, each with its
 * English forms: for a Spanish word es-en.json does not hold; its English ranks but does not decide (RANK_ONLY).
 */
export function everydaySpanishByStem(file = new URL('./lexicon/es-everyday.json', import.meta.url)): Map<string, string[]> {
  return lexiconByStem(file);
}

/**
 * The weight of a way of saying a thing that ranks a passage almost as the lexicon's does, but never counts towards
 * deciding that the library answers (see PassageSearch.search): the everyday Spanish lexicon's English.
 */
export const RANK_ONLY = 0.69;

/** Whether a concept's way of saying it only ranks (RANK_ONLY): it never counts towards deciding that the library answers. */
export function ranksOnly(c: Concept, pi: number): boolean {
  return phrasingWeight(c, pi) === RANK_ONLY;
}

let sharedSpanishForms: Set<string> | undefined;
/** The Spanish words of the field lexicon (lexicon/es-en.json), folded ("niños" → ninos, "pidió" → pidio) */
function spanishForms(file = new URL('./lexicon/es-en.json', import.meta.url)): Set<string> {
  const { entries } = lexiconFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  return new Set(entries.flatMap(([es]) => es.split('|').flatMap((t) => words(t))));
}

/** Verbs of asking: a list of questions rarely says "ask"; who asked is its answer (see PassageSearch.search) */
export const ASKING_WORDS = new Set(['ask', 'asked', 'asks', 'asking', 'pose', 'posed', 'pregunto', 'preguntaron', 'planteo', 'formulo', 'hizo', 'submitted']);

/** A synonym's words without its stop words ("carry out" → carry out, "pull the leg of" → pull leg). */
function contentWords(phrase: string): string[] {
  return words(phrase).filter((w) => !isStopWord(w));
}

/** An English word's clitic ("Slovenia's", "what's", "won't"): the word without it (null when there is none). */
function withoutClitic(word: string): string | null {
  const m = /^(\p{L}+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$/u.exec(word);
  if (!m) return null;
  const base = m[1]!;
  if (m[2]!.startsWith('n')) return base === 'wo' ? 'will' : base === 'ca' ? 'can' : base === 'sha' ? 'shall' : base;
  return base;
}

/**
 * "Slovenia's", "Israel's": the word is asked without its clitic (Slovenia, Israel). As one word no passage
 * holds, it weighed as much as the rarest word and left less of the question for any passage to cover. A question
 * word with one ("what's", "won't") stays as asked: dropped, it let "What's 17% of 2,350?" meet a passage on 17 July.
 */
function withoutClitics(concepts: Concept[]): Concept[] {
  return concepts.flatMap((c) => {
    if (c.fromGlossary || c.phrasings.length !== 1 || c.phrasings[0]!.length !== 1) return [c];
    const base = withoutClitic(c.asked);
    if (base === null) return [c];
    if (isStopWord(base) || base.length < 2) return [c];
    return [{ ...c, asked: base, typed: base, phrasings: [[base]] }];
  });
}

/** Spanish endings and their English cognates' ("discriminación" → discrimination, "libertad" → liberty). */
const COGNATES: [RegExp, string][] = [
  [/ciones$/, 'tions'], [/cion$/, 'tion'], [/siones$/, 'sions'], [/sion$/, 'sion'], [/siones$/, 'ssions'], [/sion$/, 'ssion'],
  [/dades$/, 'ties'], [/dad$/, 'ty'], [/mente$/, 'ly'], [/ismo$/, 'ism'], [/istas?$/, 'ist'],
  [/encias?$/, 'ence'], [/ancias?$/, 'ance'], [/cia$/, 'cy'], [/ia$/, 'y'], [/icos?$|icas?$/, 'ic'], [/icos?$|icas?$/, 'ical'],
  [/ivos?$|ivas?$/, 'ive'], [/arios?$|arias?$/, 'ary'], [/osos?$|osas?$/, 'ous'], [/entes?$/, 'ent'], [/antes?$/, 'ant'],
  [/ales$/, 'al'], [/ados?$|adas?$/, 'ated'], [/ar$/, 'ate'], [/os$|as$|es$|s$/, ''], [/[oa]$/, ''], [/[oa]$/, 'e'],
];

/**
 * Widens a parsed question: an English word also looks for its WordNet synonyms (weighted below the
 * asker's own word); a Spanish word the lexicon does not know looks for its English cognates. Only ways of
 * saying it that the corpus holds are kept (`known`), so nothing is searched for in vain.
 */
export class Expander {
  private readonly spanishCache = new Map<string, boolean>();

  constructor(
    private readonly wordnet: WordNet | undefined,
    private readonly known: (words: string[]) => boolean,
    private readonly byStem: Map<string, string[]> = new Map(),
    private readonly spanishWordNet?: SpanishWordNet,
    private readonly neighbours?: Neighbours,
    /** the library's words by spelling, for a Spanish word nothing else translates */
    private readonly libraryWords?: LibraryWords,
    /** everyday Spanish of the field by stem (everydaySpanishByStem): it ranks, never decides (RANK_ONLY) */
    private readonly everydaySpanish: Map<string, string[]> = new Map(),
  ) {}

  expand(parsed: ParsedQuestion, question = ''): Concept[] {
    const concepts = parsed.lang === 'en' ? this.phrases(this.particlePhrases(withoutClitics(parsed.concepts), question)) : parsed.concepts.flatMap((c) => this.spanishPhrase(c));
    return concepts.map((c) => {
      if (c.everyday) return this.everydayWord(c);
      if (c.fromGlossary || c.phrasings.length !== 1 || /\d/.test(c.asked)) return c;
      if (parsed.lang === 'es') return this.cognates(c);
      return this.synonyms(c);
    });
  }

  /**
   * A Spanish phrase the question holds as the Spanish WordNet has it ("pena de muerte", "sin papeles") is one
   * concept, found as its English ("death penalty", "undocumented"); when the library holds none of that
   * English, its words are read one by one as any other.
   */
  private spanishPhrase(c: Concept): Concept[] {
    if (!c.fromGlossary || c.phrasings.length !== 1 || !/\s/.test(c.asked)) return [c];
    const english = (this.spanishWordNet?.english(c.asked) ?? [])
      .map((e) => words(e).filter((x) => !isStopWord(x)))
      .filter((p) => p.length > 0 && p.join(' ') !== c.phrasings[0]!.join(' ') && this.known(p))
      .slice(0, 8);
    if (english.length) return [{ ...c, phrasings: [...c.phrasings, ...english], weights: [1, ...english.map(() => SPANISH_WORDNET_WEIGHT)] }];
    const typed = (c.typed ?? c.asked).match(/[\p{L}\p{N}]+/gu) ?? [];
    return words(c.asked).flatMap((w, i) => (isStopWord(w) ? [] : [{ asked: w, typed: typed[i], phrasings: [[w]] }]));
  }

  /**
   * A phrase WordNet knows whose verb or particle is a stop word ("wiped off" → erase, "set up" → establish, "get
   * married" → marry, "took part" → participate): the question kept only its other word ("wiped", "up"); it is one
   * concept, found as asked or as the phrase's synonyms. Not "ask for" and the like: asking is what the question does.
   */
  private particlePhrases(concepts: Concept[], question: string): Concept[] {
    if (!this.wordnet) return concepts;
    const ws = words(question);
    let out = concepts;
    for (let k = 0; k + 1 < ws.length; k++) {
      const [a, b] = [ws[k]!, ws[k + 1]!];
      if (isStopWord(a) === isStopWord(b)) continue;
      const content = isStopWord(a) ? b : a;
      if (ASKING_WORDS.has(content)) continue; // "ask for", "asked about": asking is what the question does
      const at = out.findIndex((c) => !c.fromGlossary && c.asked === content && c.phrasings.length === 1);
      if (at < 0) continue;
      const extra = this.wordnet
        .phraseSynonyms([a, b])
        .map((s) => contentWords(s))
        .filter((p) => p.length > 0 && this.known(p))
        .slice(0, 8);
      if (!extra.length) continue;
      out = [...out.slice(0, at), { asked: `${a} ${b}`, phrasings: [[a, b], ...extra], weights: [1, ...extra.map(() => PHRASE_WEIGHT)], fromGlossary: true }, ...out.slice(at + 1)];
    }
    return out;
  }

  /**
   * Two words in a row that WordNet knows as one phrase ("carried out", "took part", "locked up", "turned
   * down") are one concept, found as asked or as the phrase's synonyms (implement, participate, imprison, reject).
   */
  private phrases(concepts: Concept[]): Concept[] {
    if (!this.wordnet) return concepts;
    const out: Concept[] = [];
    for (let k = 0; k < concepts.length; k++) {
      const a = concepts[k]!;
      const b = concepts[k + 1];
      const plainWord = (c: Concept) => !c.fromGlossary && c.phrasings.length === 1 && c.phrasings[0]!.length === 1 && !/\d/.test(c.asked);
      if (b && plainWord(a) && plainWord(b)) {
        const extra = this.wordnet
          .phraseSynonyms([a.asked, b.asked])
          .map((s) => words(s).filter((w) => !isStopWord(w)))
          .filter((p) => p.length > 0 && this.known(p))
          .slice(0, 8);
        if (extra.length) {
          out.push({ asked: `${a.asked} ${b.asked}`, phrasings: [[a.asked, b.asked], ...extra], weights: [1, ...extra.map(() => PHRASE_WEIGHT)], fromGlossary: true });
          k++;
          continue;
        }
      }
      out.push(a);
    }
    return out;
  }

  /**
   * Whether a way of saying something is Spanish ("gente", "niños", "recomendaciones", "Comisión Nacional de los
   * Derechos Humanos"): it holds a word of the field lexicon or the Spanish WordNet that the English WordNet does not know.
   */
  spanish(phrasing: string[]): boolean {
    const key = phrasing.join(' ');
    let found = this.spanishCache.get(key);
    if (found === undefined) {
      const forms = (sharedSpanishForms ??= spanishForms());
      found = phrasing.some((w) => !this.wordnet?.knows(w) && (forms.has(w) || !!this.spanishWordNet?.english(w).length));
      if (this.spanishCache.size > 20_000) this.spanishCache.clear();
      this.spanishCache.set(key, found);
    }
    return found;
  }

  /**
   * An everyday word the English field lexicon reads as the field's terms ("jailed" → detention) keeps its own
   * synonyms too ("jailed" → imprisoned, convicted): the lexicon adds ways of saying it, it takes none away.
   */
  private everydayWord(c: Concept): Concept {
    // one word once its stop words are left out ("jailed", "in jail")
    const word = c.phrasings[0]?.length === 1 ? c.phrasings[0][0]! : undefined;
    if (!word) return c;
    const own = this.synonyms({ asked: word, typed: word, phrasings: [[word]] });
    const seen = new Set(own.phrasings.map((p) => p.join(' ')));
    const field = c.phrasings.map((p, pi) => ({ p, w: phrasingWeight(c, pi) })).slice(1).filter(({ p }) => !seen.has(p.join(' ')));
    return { ...c, phrasings: [...own.phrasings, ...field.map(({ p }) => p)], weights: [...own.phrasings.map((_, pi) => phrasingWeight(own, pi)), ...field.map(({ w }) => w)] };
  }

  private synonyms(c: Concept): Concept {
    if (!this.wordnet && !this.neighbours) return c;
    const seen = new Set([c.asked]);
    const usable = (list: string[], limit: number) =>
      list
        .map((s) => words(s).filter((w) => !isStopWord(w)))
        .filter((p) => p.length > 0 && !seen.has(p.join(' ')) && this.known(p) && (seen.add(p.join(' ')), true))
        .slice(0, limit);
    const extra = usable(this.wordnet?.synonyms(c.asked) ?? [], 8);
    // one-word related words only: a related phrase shorn of its stop words ("put one over" → one over) is noise
    const related = RELATED_WEIGHT > 0 ? usable((this.wordnet?.related(c.asked) ?? []).filter((w) => /^[a-z]{4,}$/.test(w)), 10) : [];
    const near = this.neighbours ? usable(this.neighbours.of(c.asked).filter((w) => /^[a-z]{4,}$/.test(w)), 3) : [];
    if (!extra.length && !related.length && !near.length) return c;
    return {
      ...c,
      phrasings: [...c.phrasings, ...extra, ...related, ...near],
      weights: [1, ...extra.map(() => SYNONYM_WEIGHT), ...related.map(() => RELATED_WEIGHT), ...near.map(() => NEIGHBOUR_WEIGHT)],
    };
  }

  /**
   * A Spanish adverb in -mente is its adjective's English translation spelt alike, made an adverb: "parcialmente" →
   * partially, "totalmente" → totally, "públicamente" → publicly (its WordNet senses are the adjective's, and
   * the wrong ones: "parcial" as biased).
   */
  private adverbs(w: string): string[][] {
    if (!/^.{4,}mente$/.test(w)) return [];
    const adjective = w.slice(0, -5); // the feminine form: "pública" + mente
    const forms = adjective.endsWith('a') ? [adjective, `${adjective.slice(0, -1)}o`] : [adjective];
    const english = new Set(forms.flatMap((a) => [a, ...(this.spanishWordNet?.english(a) ?? [])].filter((e) => /^[a-z]+$/.test(e) && spelledAlike(a, e))));
    const adverbs = (e: string) => (e.endsWith('le') ? [`${e.slice(0, -1)}y`] : e.endsWith('ic') ? [`${e}ally`, `${e}ly`] : e.endsWith('y') ? [`${e.slice(0, -1)}ily`] : e.endsWith('ll') ? [`${e}y`] : [`${e}ly`]);
    return [...new Set([...english].flatMap(adverbs))].filter((a) => this.known([a])).map((a) => [a]);
  }

  private cognates(c: Concept): Concept {
    const w = c.asked;
    if (w.length < 5) return c;
    const found = new Set<string>();
    for (const [ending, english] of COGNATES) if (ending.test(w)) found.add(w.replace(ending, english));
    const cognates = [...found].filter((f) => f !== w && f.length >= 4 && this.known([f])).map((f) => [f]);
    const stems = spanishStemKeys(c.typed ?? w);
    const viaStem = (stems.map((k) => this.byStem.get(k)).find(Boolean) ?? []).map((e) => words(e).filter((x) => !isStopWord(x))).filter((p) => p.length > 0 && this.known(p));
    const viaWordNet = (this.spanishWordNet?.english(c.typed ?? w) ?? [])
      .map((e) => words(e).filter((x) => !isStopWord(x)))
      .filter((p) => p.length > 0 && this.known(p))
      .slice(0, 8);
    const seen = new Set<string>();
    const unseen = (p: string[]) => (seen.has(p.join(' ')) ? false : (seen.add(p.join(' ')), true));
    // a WordNet translation spelt like the Spanish word (especial → special, caso → case, conexión → connection) is
    // that sense's word twice over: it counts as the lexicon's
    const twins = viaWordNet.filter((p) => p.length === 1 && spelledAlike(w, p[0]!));
    const adverbs = this.adverbs(w);
    const extra = [...viaStem, ...cognates, ...twins, ...adverbs].filter(unseen);
    const everyday = (stems.map((k) => this.everydaySpanish.get(k)).find(Boolean) ?? []).map((e) => words(e).filter((x) => !isStopWord(x))).filter((p) => p.length > 0 && this.known(p)).filter(unseen);
    const fromWordNet = adverbs.length ? [] : viaWordNet.filter(unseen);
    // nothing translates it: the library's words spelt like it (demencia → dementia), at the WordNet's weight; not
    // for a name ("Croacia" asks about another country: named-things.ts decides that)
    if (!extra.length && !fromWordNet.length && !c.capitalized && !this.known([w])) fromWordNet.push(...(this.libraryWords?.alike(w) ?? []).slice(0, 2).map((x) => [x]));
    if (!extra.length && !fromWordNet.length && !everyday.length) return c;
    return { ...c, phrasings: [...c.phrasings, ...extra, ...everyday, ...fromWordNet], weights: [1, ...extra.map(() => 0.7), ...everyday.map(() => RANK_ONLY), ...fromWordNet.map(() => SPANISH_WORDNET_WEIGHT)] };
  }
}
