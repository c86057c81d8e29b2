import { FOOTNOTE_BREAK, fold } from './clean.js';
import { holdsAnswerType, namedInQuestion } from './answer-type.js';
import { actionWords } from './attribution.js';
import { asksHowManySigned, asksLetterDate, blockRoleAsked } from './letter-blocks.js';
import { withLetterBlock, withLetterDate, withSignatoryCount } from './letter-answers.js';
import { citedCodes, definitionOf } from './citations.js';
import { SpanishWordNet } from './es-wordnet.js';
import { Neighbours } from './neighbours.js';
import { ASKING_WORDS, everydaySpanishByStem, Expander, lexiconByStem, loadEverydayLexicon, loadLexicon, ranksOnly, RELATED_COVERAGE, RELATED_WEIGHT, spanishStem, SYNONYM_COVERAGE, SYNONYM_WEIGHT } from './expansion.js';
import { mentions, namedThings, plain } from './named-things.js';
import { isFieldWord } from './own-pick.js';
import { countryByEveryName, namesUnknown, oneConceptACountry, placeWeights } from './places.js';
import type { Glossary } from './glossary.js';
import { ImpactScorer } from './impact-scorer.js';
import { BOOSTS, FIELDS } from './term-index.js';
import { loadRankWeights, rankScore, type Features } from './rank-model.js';
import { LibraryWords } from './spelled-alike.js';
import { englishAndSpanish, lunr } from './lunr-setup.js';
import type { IndexedPassage } from './passages.js';
import { countedWord, parseQuestion, phrasingWeight, words, type AnswerType, type Concept } from './question.js';
import { askerOf, splitSentences, tidyQuote } from './quotes.js';
import { WordNet } from './wordnet.js';

export interface Hit {
  passage: IndexedPassage;
  quote: string;
  score: number;
  /** the share of what was asked (weighted by rarity) the passage holds */
  coverage: number;
  /** what the ranking read of the passage (rank-model.ts) */
  features?: Features;
}

interface Reading {
  tokens: Set<string>;
  /** the passage's heading, label, words and document title and author, plain (see named-things.ts), space-padded */
  plain: string;
  sentences: { text: string; tokens: Set<string> }[];
}

export interface SearchOptions {
  /**
   * The share of what a question asks about (weighted by how rare each word is) a passage must contain to
   * count as an answer. Below it, "nothing found" is the honest reply.
   */
  minCoverage: number;
  /** the share that is enough when at least SEVERAL of the question's concepts are in the passage */
  minCoverageWhenSeveral: number;
  /** 'impact' (default) sums lunr's own term weights from cached per-term lists; 'lunr' runs lunr's query */
  scorer: 'impact' | 'lunr';
  /** English questions also look for WordNet synonyms of their words */
  synonyms: boolean;
  /** Spanish questions are read with the Spanish–English lexicon and English cognates */
  spanish: boolean;
  /** "how many" prefers passages and sentences with a number, "when" with a date, "who" with a name */
  answerTypes: boolean;
  /** countries and years the question names must be named by the passage (or its heading, its document's title) */
  namedThings: boolean;
  /** a passage scores each concept by its best phrasing, not the sum of all the ways of saying it it holds */
  bestPhrasing: boolean;
  /**
   * Once one passage clears the coverage threshold (the question is about something the library holds), the
   * others need only this share to be listed, ranked by their score: the threshold decides between an answer
   * and "nothing found", not which passages may follow the first.
   */
  listCoverage: number;
  /** "who" questions also get the entry of a document's list of sources for a code the best passages cite */
  citations: boolean;
  /** Spanish words the field lexicon does not hold are read through the Spanish WordNet (es-wordnet.ts) */
  spanishWordNet: boolean;
  /** English words also look for their nearest GloVe neighbours (neighbours.ts), weighed least */
  neighbours: boolean;
  /** English questions' everyday phrases also look for the field's formal terms (lexicon/en-field.json) */
  everyday: boolean;
  /** a question none of whose words is of the field (or a name the library holds) gets nothing (see ofTheField) */
  fieldGate: boolean;
  /** the ranking model's weights (rank-model.ts); those in rank-weights.json by default */
  rankWeights?: Features;
}

const DEFAULTS: SearchOptions = { minCoverage: 0.5, minCoverageWhenSeveral: 0.35, scorer: 'impact', synonyms: true, spanish: true, answerTypes: true, namedThings: true, bestPhrasing: false, listCoverage: 0.25, citations: true, spanishWordNet: true, neighbours: true, everyday: true, fieldGate: true };
/** how much more a sentence holding the kind of answer asked for (a number for "how many") counts in choosing the quote */
const TYPE_SENTENCE_BOOST = 1.3;
let sharedWordNet: WordNet | undefined;
let sharedLexicon: Glossary | undefined;
let sharedEveryday: Glossary | undefined;
let sharedLexiconStems: Map<string, string[]> | undefined;
let sharedEverydaySpanish: Map<string, string[]> | undefined;
let sharedSpanishWordNet: SpanishWordNet | undefined;
let sharedNeighbours: Neighbours | undefined;
let sharedRankWeights: Features | undefined;

/** how much of a concept a passage holding that phrasing covers */
const phrasingCredit = (c: Concept, pi: number) => (phrasingWeight(c, pi) >= 0.7 ? 1 : phrasingWeight(c, pi) > RELATED_WEIGHT ? SYNONYM_COVERAGE : RELATED_COVERAGE);
/** how many of a question's concepts a passage must hold for minCoverageWhenSeveral to be enough */
const SEVERAL = 3;
/** how many of the best-ranked passages the coverage check and sentence focus look at */
const CANDIDATES = 80;
/** how many of them may decide that the library answers (the rest may only rank, once one of these has) */
const DECIDING = 40;
/** a synonym in more than this share of passages is not sent to lunr (see search) */
const SYNONYM_SHARE = 0.02;
/** a related word (see RELATED_WEIGHT) in more than this share of passages is left out of the question */
const RELATED_SHARE = 0.05;
/** a word in no more than this many passages is what they are about (see ofTheField) */
const RARE_PASSAGES = 2;
/** a term in more than this share of passages is not sent to lunr (see search) */
const COMMON_SHARE = 0.35;

/**
 * The text a passage is indexed under: heading, label ("question 7"), words, and its document's title and
 * author (so "What did the Special Rapporteur recommend…" reaches a recommendation that never names him).
 */
export function fieldsOf(p: IndexedPassage) {
  if (p.dateLine) return { heading: '', label: '', text: '', source: '' }; // found by the letter's answers, never ranked
  const label = p.number ? p.where.replace(/^.*· /, '') : '';
  const heading = STRUCTURAL_HEADING.test(p.heading ?? '') ? '' : fold(p.heading ?? '');
  return { heading, label: fold(label), text: fold(p.body.replaceAll(FOOTNOTE_BREAK, ' ')), source: fold(p.source ?? '') };
}

/**
 * A heading that says where a passage stands in the document, not what it is about ("Notes" over the footnotes,
 * "Addendum", "Original: English", "Annex", "Contents"): read as the passage's words, "Notes" made every footnote
 * answer "how many recommendations did Slovenia support and how many did it note".
 */
const STRUCTURAL_HEADING = /^\s*(?:notes|footnotes|endnotes|references|bibliography|addendum|annex(?:es)?|contents|table of contents|original:\s*\p{L}+|notas|anexo|indice)\s*$/iu;

export function buildLunrIndex(passages: IndexedPassage[]): lunr.Index {
  return lunr(function () {
    this.use(englishAndSpanish);
    this.ref('i');
    for (const field of FIELDS) this.field(field, { boost: BOOSTS[field] });
    this.metadataWhitelist = [];
    // a letter's date line has no words to rank: not in the index (its position stays its own)
    passages.forEach((p, i) => !p.dateLine && this.add({ i: String(i), ...fieldsOf(p) }));
  });
}

/**
 * Answers questions from a lunr index of passages: the glossary widens the question, lunr ranks, and a
 * coverage check (how much of what was asked a passage holds) keeps unrelated passages out.
 */
/** What ranks passages: per-term weight lists (TermIndex, or ImpactScorer over a lunr index). */
export interface Scorer {
  documentFrequency(term: string): number;
  top(terms: Map<string, number>, limit: number, labelTerms?: Map<string, number>): [number, number][];
}

export class PassageSearch {
  private readonly stem: (word: string) => string;
  private readonly readings = new Map<number, Reading>();
  private readonly idfCache = new Map<string, number>();
  private readonly options: SearchOptions;
  private readonly weights: Features;
  private readonly impacts: Scorer;
  private lunrIndex: lunr.Index | undefined;
  private readonly expander: Expander;
  private readonly lexicon: Glossary | undefined;
  private readonly everyday: Glossary | undefined;
  private readonly byDoc = new Map<string, IndexedPassage[]>();

  /** the passages with words to rank (not a letter's date line): the N of every share and idf */
  private readonly rankable: number;

  /** `source`: a lunr index (the bench compares with it), or a scorer and the search pipeline that stems questions */
  constructor(
    source: lunr.Index | { scorer: Scorer; pipeline: lunr.Pipeline },
    readonly passages: IndexedPassage[],
    private readonly glossary: Glossary,
    options: Partial<SearchOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.rankable = passages.filter((p) => !p.dateLine).length;
    this.weights = this.options.rankWeights ?? (sharedRankWeights ??= loadRankWeights());
    let pipeline: lunr.Pipeline;
    if ('scorer' in source) {
      this.impacts = source.scorer;
      pipeline = source.pipeline;
    } else {
      const impacts = new ImpactScorer(source, passages.length);
      if (this.options.scorer === 'lunr') this.lunrIndex = source;
      else impacts.compact(); // lunr's structures go; the per-term lists hold what ranking needs
      this.impacts = impacts;
      // the index's search pipeline (the stemmers), which lunr keeps but does not declare
      pipeline = (source as unknown as { pipeline: lunr.Pipeline }).pipeline;
    }
    const stemCache = new Map<string, string>();
    this.stem = (word) => {
      let s = stemCache.get(word);
      if (s === undefined) {
        s = pipeline.runString(word)[0] ?? word;
        if (stemCache.size > 50_000) stemCache.clear();
        stemCache.set(word, s);
      }
      return s;
    };
    const wordnet = this.options.synonyms ? (sharedWordNet ??= new WordNet()) : undefined;
    wordnet?.synonyms('warm'); // reads WordNet's index files now rather than during the first question
    this.lexicon = this.options.spanish ? (sharedLexicon ??= loadLexicon()) : undefined;
    this.everyday = this.options.everyday ? (sharedEveryday ??= loadEverydayLexicon()) : undefined;
    const byStem = this.options.spanish ? (sharedLexiconStems ??= lexiconByStem()) : undefined;
    const spanishWordNet = this.options.spanish && this.options.spanishWordNet ? (sharedSpanishWordNet ??= new SpanishWordNet(sharedWordNet ??= new WordNet(), spanishStem)) : undefined;
    const neighbours = this.options.synonyms && this.options.neighbours ? (sharedNeighbours ??= new Neighbours()) : undefined;
    const libraryWords = this.options.spanish ? new LibraryWords(() => this.passages.map((p) => p.body)) : undefined;
    libraryWords?.warm(); // as WordNet above: the library's words are read now, not during the first Spanish question
    const everydaySpanish = this.options.spanish ? (sharedEverydaySpanish ??= everydaySpanishByStem()) : undefined;
    this.expander = new Expander(wordnet, (ws) => ws.every((w) => this.df(this.stem(w)) > 0), byStem, spanishWordNet, neighbours, libraryWords, everydaySpanish);
  }

  search(question: string, limit: number): Hit[] {
    const parsed = parseQuestion(question, this.glossary, this.lexicon, this.everyday);
    let concepts = this.expander.expand(parsed, question.slice(0, 2000));
    const things = this.options.namedThings ? namedThings(question.slice(0, 2000)) : [];
    concepts = countryByEveryName(oneConceptACountry(concepts, things), things, (ws) => ws.every((w) => this.df(this.stem(w)) > 0));
    // "Who asked…", "Did anyone ask…": a list of questions rarely says "ask"; who asked is its answer
    concepts = concepts.filter((c) => !ASKING_WORDS.has(c.asked) && !(parsed.asksWho && c.phrasings.some((p) => p.some((w) => ASKING_WORDS.has(w)))));
    let stemmed = concepts.map((c) => ({ concept: c, phrasings: c.phrasings.map((p) => p.map(this.stem)) }));
    // a related word (a more general one, a word of the same root) that many passages hold ("act", "pass")
    // says nothing about this question: it neither ranks nor counts as covering what was asked
    const relatedShare = this.rankable * RELATED_SHARE;
    stemmed = stemmed.map(({ concept, phrasings }) => {
      const keep = phrasings.map((p, pi) => phrasingWeight(concept, pi) > RELATED_WEIGHT || p.every((t) => this.df(t) <= relatedShare));
      if (keep.every(Boolean)) return { concept, phrasings };
      const c = { ...concept, phrasings: concept.phrasings.filter((_, pi) => keep[pi]), weights: concept.weights?.filter((_, pi) => keep[pi]) };
      return { concept: c, phrasings: phrasings.filter((_, pi) => keep[pi]) };
    });
    stemmed = withoutOthersWords(stemmed);
    // a synonym does not make a concept rarer or commoner than the asker's own words say
    // (in an English question, the glossary's Spanish terms, which the asker did not write, do not say how rare it is:
    // "recomendaciones", found once, made "recommendations", in two passages of three, weigh as the rarest word)
    const english = parsed.lang === 'en';
    const weights = stemmed.map((s) => this.conceptIdf(s.phrasings.filter((_, pi) => phrasingWeight(s.concept, pi) >= 0.7 && !(english && pi > 0 && this.expander.spanish(s.concept.phrasings[pi]!))), english));
    // "Who suggested…", "¿Quién firmó…": the verb says a name is wanted; it ranks, but a passage need not hold it (attribution.ts)
    const action = parsed.answerType === 'who' && this.options.answerTypes ? new Set(actionWords(question)) : undefined;
    const places = placeWeights(stemmed.map((s) => s.concept), things);
    places.forEach((w, ci) => (weights[ci] = weights[ci]! * w));
    const evidence = weights.map(() => 0);
    if (action?.size) stemmed.forEach((s, ci) => action.has(s.concept.asked) && ((evidence[ci] = weights[ci]!), (weights[ci] = 0)));
    const item = parsed.itemNumber;
    const answerType = this.options.answerTypes ? parsed.answerType : 'what';
    if (!stemmed.length && !item) return [];
    // a question with nothing of the field in it (no word of the field lexicon or the glossary, no name the library
    // holds, no State, body, year or item named) asks about something else, however its common words meet a passage
    if (this.options.fieldGate && !item && !things.length && !stemmed.some((st) => this.ofTheField(st))) return [];
    if (parsed.lang === 'en' && namesUnknown(question, stemmed, (t) => this.df(t), (w) => (sharedWordNet ??= new WordNet()).knows(w))) return [];

    // Terms found in most passages ("human", "rights", "mexico") rank nothing but make lunr score nearly
    // every passage; they are left to the coverage check, which still requires them.
    const boosts = new Map<string, number>();
    stemmed.forEach((s, ci) => {
      // a word no passage holds ranks through its other ways of saying it as through the asker's own: the best of them
      // counts 1 (in English: a Spanish question's words are never in the library, and its translations rank as they are)
      const known = s.phrasings.map((p, pi) => (p.every((t) => this.df(t) > 0) ? phrasingWeight(s.concept, pi) : 0));
      const lift = parsed.lang === 'en' && known[0] === 0 && Math.max(...known) > 0 ? 1 / Math.max(...known) : 1;
      s.phrasings.forEach((phrasing, pi) => {
        for (const term of phrasing) {
          // a synonym found in many passages ranks little and costs a long list: the coverage check still counts it
          if (phrasingWeight(s.concept, pi) < 0.7 && this.df(term) > this.rankable * SYNONYM_SHARE) continue;
          const boost = (lift * phrasingWeight(s.concept, pi) * (weights[ci]! > 0 ? 1 : 0.5)) / phrasing.length;
          boosts.set(term, (boosts.get(term) ?? 0) + boost); // a term in several phrasings counts for each
        }
      });
    });
    const byRarity = [...boosts.keys()].filter((t) => this.df(t) > 0).sort((a, b) => this.df(a) - this.df(b));
    const common = this.rankable * COMMON_SHARE;
    // what a "how many" question counts ("recommendations"): the sentence that puts a figure just before it ("Slovenia
    // received 254 recommendations") is the answer (see bestSentence). Queried too even where most passages hold it, it
    // moved one question one place and cost a third of the ×100 p99
    const counted = answerType === 'how-many' ? this.countedStems(question, stemmed) : new Set<string>();
    let queried = byRarity.filter((t) => this.df(t) <= common);
    if (!queried.length) queried = byRarity.slice(0, 2);
    if (!queried.length && !item) return [];
    const results =
      this.options.scorer === 'lunr'
        ? this.rankWithLunrQuery(queried, boosts, item)
        : this.impacts.top(new Map(queried.map((t) => [t, boosts.get(t)!])), CANDIDATES, item ? new Map([[item, 10]]) : undefined);

    const totalWeight = weights.reduce((a, b) => a + b, 0) + (item ? this.maxIdf() : 0);
    const conceptWeight = weights.reduce((a, b) => a + b, 0);
    const hits: Hit[] = [];
    let answered = false;
    // (a verb of signing or saying, which a who-question's passage need not hold, binds nothing)
    const bound = boundPairs(question.slice(0, 2000), stemmed.map((s) => s.concept)).filter(([a, b]) => weights[a]! > 0 && weights[b]! > 0);
    // the figures and dates the question names are not what it asks for
    const asked = answerType === 'how-many' || answerType === 'when' || answerType === 'by-when' ? namedInQuestion(question.slice(0, 2000)) : new Set<string>();
    // another way of saying a thing asked that much of the library holds may rank a passage but does not decide
    // that the library answers: a synonym or Spanish WordNet translation in a twentieth of the passages ("public"
    // for "mundo"), a glossary or lexicon term in more than COMMON_SHARE ("report" for "queja"); the asker's own words always count
    const weakShare = this.rankable * RELATED_SHARE;
    const commonShare = this.rankable * COMMON_SHARE;
    for (const [k, [i, lunrScore]] of results.entries()) {
      const passage = this.passages[i]!;
      const tokens = this.tokensOf(i);
      let covered = 0;
      let decided = 0;
      let coveredCount = 0;
      let own = 0;
      const credits: number[] = [];
      stemmed.forEach((s, ci) => {
        let credit = 0;
        let decisive = 0;
        s.phrasings.forEach((p, pi) => {
          if (!p.every((t) => tokens.has(t))) return;
          if (pi === 0) own += weights[ci]! || evidence[ci]!;
          credit = Math.max(credit, phrasingCredit(s.concept, pi));
          // the everyday Spanish lexicon's English ranks but never decides (RANK_ONLY)
          if (!ranksOnly(s.concept, pi) && (pi === 0 || !p.every((t) => this.df(t) > (phrasingWeight(s.concept, pi) >= 0.7 ? commonShare : weakShare)))) decisive = Math.max(decisive, phrasingCredit(s.concept, pi));
        });
        credits[ci] = credit;
        covered += (weights[ci]! || evidence[ci]!) * credit;
        decided += (weights[ci]! || evidence[ci]!) * decisive;
        // in the asker's words (or the glossary's), not a synonym; and not a place, unless the question names nothing else
        // (placeWeights gives every concept 1 then): "What currency does Slovenia use?" is not answered by Slovenia alone
        if (credit >= 1 && weights[ci]! > 0 && places[ci] === 1) coveredCount++;
      });
      const itemMatch = item !== undefined && passage.number === item;
      if (itemMatch) covered += this.maxIdf();
      const coverage = totalWeight > 0 ? covered / totalWeight : 0;
      // the coverage that decides between an answer and "nothing found" (see weakShare)
      const decisive = totalWeight > 0 ? (decided + (itemMatch ? this.maxIdf() : 0)) / totalWeight : 0;
      // below minCoverage, a passage still answers when several of the question's things meet in it (a
      // paraphrase misses some words; an unrelated question's words meet by chance one or two at a time)
      // and at least one thing asked is in the passage as asked (or as the glossary says it): related words alone
      // are how an unrelated question ("a joke about cats") meets an unrelated passage
      const halfOfAPair = bound.some(([a, b]) => (credits[a]! > 0) !== (credits[b]! > 0));
      let clears =
        coveredCount >= 1 && !halfOfAPair &&
        (decisive >= this.options.minCoverage || (decisive >= this.options.minCoverageWhenSeveral && coveredCount >= SEVERAL));
      if (!clears && (coverage < this.options.listCoverage || k >= DECIDING)) continue;
      if (things.length && !things.every((t) => mentions(this.readingOf(i).plain, t, passage, () => this.passagesOf(passage.doc)))) continue;
      // a passage that says it all in one sentence answers better than one whose words are scattered
      const best = this.bestSentence(i, stemmed, weights, answerType, asked, counted);
      // several things asked meeting in one sentence (in any of their phrasings) is an answer in other words,
      // even below the coverage threshold: an unrelated question's words meet one or two at a time
      clears ||= coveredCount >= 1 && !halfOfAPair && best.together >= SEVERAL && decisive >= this.options.listCoverage;
      const focus = conceptWeight > 0 ? Math.min(1, best.score / conceptWeight) : 1;
      answered ||= clears && k < DECIDING;
      const n = Math.max(1, stemmed.length);
      const features: Features = {
        lunr: Math.log(Math.max(lunrScore, 1e-6)),
        coverage: Math.log(Math.max(coverage, 1e-3)),
        focus: Math.log(0.5 + focus),
        item: itemMatch ? 1 : 0,
        // a reason is the answer itself (a figure for "how many" may be any figure): it counts twice
        typed: answerType !== 'what' && best.typed ? (answerType === 'why' || best.counts ? 2 : 1) : 0,
        together: best.together / n,
        covered: coveredCount / n,
        own: totalWeight > 0 ? own / totalWeight : 0,
      };
      const score = rankScore(features, this.weights);
      hits.push({ passage, quote: tidyQuote(best.sentence, passage), score, coverage, features });
    }
    if (!answered) return [];
    hits.sort((a, b) => b.score - a.score);
    let top = hits.slice(0, limit);
    const role = answerType === 'who' && this.options.citations && top.length ? blockRoleAsked(question, [...(action ?? [])]) : undefined;
    const letters = { passagesOf: (doc: string) => this.passagesOf(doc), stem: this.stem };
    // what was asked in the asker's or the glossary's words (not a synonym's), by weight: what a letter's answers match
    const askedOwn = () => stemmed.map((st, ci) => ({ phrasings: st.phrasings.filter((_, pi) => phrasingWeight(st.concept, pi) >= 0.7), weight: weights[ci]! }));
    if (role) top = withLetterBlock(top, role, question, [...(action ?? [])], askedOwn(), limit, letters);
    else if (answerType === 'how-many' && this.options.citations && top.length && asksHowManySigned(question)) top = withSignatoryCount(top, question, limit, letters);
    else if ((answerType === 'when' || answerType === 'by-when') && this.options.citations && top.length && asksLetterDate(question)) top = withLetterDate(top, limit, letters, hits, askedOwn());
    if (parsed.asksWho && item !== undefined) for (const h of top) h.quote = askerOf(h.passage) ?? h.quote;
    else if (answerType === 'who' && this.options.citations) top = this.withSources(top, limit);
    return top.map((h) => ({ ...h, score: Math.round(h.score * 1000) / 1000 }));
  }

  /**
   * "Who reported …?": after the first passage whose quote cites its source by code ("PTPR/JS3 reported …"),
   * the entry of the document's list of sources that says who that is.
   */
  private withSources(top: Hit[], limit: number): Hit[] {
    for (const [k, hit] of top.entries()) {
      for (const code of citedCodes(hit.quote)) {
        const found = definitionOf(code, this.passagesOf(hit.passage.doc), hit.passage);
        if (!found) continue;
        const rest = top.filter((h) => h.passage !== found.passage);
        const at = rest.indexOf(hit) + 1;
        return [...rest.slice(0, at), { passage: found.passage, quote: found.text, score: hit.score, coverage: hit.coverage }, ...rest.slice(at)].slice(0, limit);
      }
      if (k >= 2) break;
    }
    return top;
  }

  private passagesOf(doc: string): IndexedPassage[] {
    let list = this.byDoc.get(doc);
    if (!list) this.byDoc.set(doc, (list = this.passages.filter((p) => p.doc === doc)));
    return list;
  }

  /** lunr's own query, kept to compare with (bench/corpus-bench.ts): the same ranking, about 100× slower at 36 000 passages */
  private rankWithLunrQuery(terms: string[], boosts: Map<string, number>, item: string | undefined): [number, number][] {
    const results = this.lunrIndex!.query((q) => {
      for (const term of terms) q.term(term, { usePipeline: false, boost: boosts.get(term)! });
      if (item) q.term(item, { usePipeline: false, fields: ['label'], boost: 10 });
    });
    return results.slice(0, CANDIDATES).map((r) => [Number(r.ref), r.score]);
  }

  /**
   * Whether a thing asked is of the field: a glossary or lexicon term, a word of the field lexicon (lexicon/es-en.json,
   * either side), a word few passages hold, or a name the library holds (typed with a capital, or a word no English
   * dictionary knows: "forst", "ayotzinapa"). "bitcoin", "photo", "poster", "recipe" are not; nor are "simple", "words".
   */
  private ofTheField(st: { concept: Concept; phrasings: string[][] }): boolean {
    const c = st.concept;
    if (c.fromGlossary || c.asked.split(' ').some((w) => isFieldWord(fold(w)))) return true;
    if (!st.phrasings[0]!.every((t) => this.df(t) > 0)) return false;
    // a word few passages hold is what those passages are about ("guacamole" in the coalition's own notes)
    if (st.phrasings[0]!.every((t) => this.df(t) <= RARE_PASSAGES)) return true;
    return !!c.capitalized || !(sharedWordNet ??= new WordNet()).knows(c.asked);
  }

  /** the stems of what a "how many" question counts, in every way the question's concept for it is said */
  private countedStems(question: string, stemmed: { concept: Concept; phrasings: string[][] }[]): Set<string> {
    const word = countedWord(question);
    if (!word) return new Set();
    const s = stemmed.find((c) => c.concept.asked.split(' ').includes(word) || c.concept.typed === word);
    return new Set(s ? s.phrasings.filter((p, pi) => p.length === 1 && phrasingWeight(s.concept, pi) >= 0.7).map((p) => p[0]!) : []);
  }

  /** The sentence of the passage that holds most of what was asked (rarer words weigh more). */
  private bestSentence(i: number, stemmed: { concept: Concept; phrasings: string[][] }[], weights: number[], type: AnswerType, asked: Set<string>, counted: Set<string> = new Set()): { sentence: string; score: number; typed: boolean; together: number; counts?: boolean } {
    // together: the most concepts one sentence holds whole, in the asked words, the glossary's or a synonym,
    // of which at least two in the asked words or the glossary's
    const { sentences } = this.readingOf(i);
    if (!sentences.length) return { sentence: this.passages[i]!.body, score: 0, typed: holdsAnswerType(this.passages[i]!.body, type, asked), together: 0 };
    let together = 0;
    let best = sentences[0]!.text;
    let bestScore = -1;
    let bestRank = -1;
    let bestTyped = false;
    for (const { text: s, tokens } of sentences) {
      let score = 0;
      let held = 0;
      let own = 0;
      stemmed.forEach((c, ci) => {
        let best = 0;
        let whole = false;
        let ownWhole = false;
        c.phrasings.forEach((phrasing, pi) => {
          const hit = phrasing.filter((t) => tokens.has(t)).length / phrasing.length;
          best = Math.max(best, hit * phrasingCredit(c.concept, pi));
          whole ||= hit === 1 && phrasingWeight(c.concept, pi) >= SYNONYM_WEIGHT && !ranksOnly(c.concept, pi);
          ownWhole ||= hit === 1 && phrasingWeight(c.concept, pi) >= 0.7;
        });
        score += weights[ci]! * best;
        if (whole) held++;
        if (ownWhole) own++;
      });
      // synonyms alone meet by chance ("won … last … champions": gain, close, defend): two things must be as asked
      together = Math.max(together, own >= 2 ? held : 0);
      const typed = type !== 'what' && score > 0 && holdsAnswerType(s, type, asked);
      // the quote is the sentence that holds the kind of answer asked for, unless another says much more
      const rank = typed ? score * TYPE_SENTENCE_BOOST : score;
      if (rank > bestRank + 1e-9) {
        best = s;
        bestRank = rank;
        bestScore = score;
        bestTyped = typed;
      }
    }
    // the quoted sentence counts the thing asked: a figure just before its word ("254 recommendations", "180 of the 182 recommendations")
    const counts = bestTyped && counted.size > 0 && countsThing(best, counted, this.stem);
    return { sentence: best, score: Math.max(0, bestScore), typed: bestTyped, together, counts };
  }

  private tokensOf(i: number): Set<string> {
    return this.readingOf(i).tokens;
  }

  /** A passage's stemmed words, and each quotable sentence's, kept for the passages questions keep reaching. */
  private readingOf(i: number): Reading {
    let r = this.readings.get(i);
    if (!r) {
      const p = this.passages[i]!;
      const f = fieldsOf(p);
      // what the heading, the item label or the document's title say holds for every sentence under them
      const context = words(`${f.heading} ${f.label} ${f.source}`).map(this.stem);
      const sentences = splitSentences(p.body)
        // a reference ("… accessed 3 May 2024", "Ibid.", a bare link) is no quote; a sentence that gives a link in
        // passing is one, and is quoted whole
        .filter((s) => !/\baccessed\b|^Ibid\b/i.test(s) && !(/https?:\/\//i.test(s) && words(s.replace(/https?:\/\/\S+/g, ' ')).length < 8))
        .map((text) => ({ text, tokens: new Set([...words(text).map(this.stem), ...context]) }));
      r = { tokens: new Set([...words(f.text).map(this.stem), ...context]), sentences, plain: ` ${plain(`${p.heading ?? ''} ${p.where} ${p.body} ${p.source ?? ''}`)} ` };
      if (this.readings.size > 5000) this.readings.clear();
      this.readings.set(i, r);
    }
    return r;
  }

  /**
   * How rare a concept is: the rarest of its phrasings found in the corpus; an asked word the corpus does not hold
   * counts as rarest. In an English question, a glossary term the corpus does not hold (the glossary's Spanish
   * "gente" for "people", "ley" for "law") says nothing of how rare the concept is: it made "people" weigh as
   * much as a word no passage holds.
   */
  private conceptIdf(phrasings: string[][], english: boolean): number {
    let best = 0;
    for (const [pi, p] of phrasings.entries()) {
      if (english && pi > 0 && p.some((t) => this.df(t) === 0)) continue;
      const idf = Math.min(...p.map((t) => this.idf(t)));
      best = Math.max(best, idf);
    }
    return best;
  }

  private idf(term: string): number {
    let v = this.idfCache.get(term);
    if (v === undefined) {
      const df = this.df(term);
      const n = this.rankable;
      v = df === 0 ? this.maxIdf() : Math.log(1 + (n - df + 0.5) / (df + 0.5));
      if (this.idfCache.size > 50_000) this.idfCache.clear(); // questions never seen before must not grow it forever
      this.idfCache.set(term, v);
    }
    return v;
  }

  /** In how many passages the term occurs, in any field. */
  private df(term: string): number {
    return this.impacts.documentFrequency(term);
  }

  private maxIdf(): number {
    const n = this.rankable;
    return Math.log(1 + (n - 0.5) / 1.5);
  }
}

/**
 * A word the asker wrote for one thing is no synonym of another thing they asked about: in "my rights as a tenant
 * if the landlord raises the rent", WordNet's "rent" for "tenant" and the neighbour "rent" of "landlord" would let
 * one passage word cover three things asked. A phrasing below the glossary's weight (a WordNet synonym, a related
 * word, a neighbour, a Spanish WordNet translation) whose words are all another concept's own words is dropped.
 */
export function withoutOthersWords<S extends { concept: Concept; phrasings: string[][] }>(stemmed: S[]): S[] {
  const own = stemmed.map((s) => new Set(s.phrasings[0] ?? []));
  return stemmed.map((s, ci) => {
    const keep = s.phrasings.map((p, pi) => phrasingWeight(s.concept, pi) >= 0.7 || !p.every((t) => own.some((set, cj) => cj !== ci && set.has(t))));
    if (keep.every(Boolean)) return s;
    const concept = { ...s.concept, phrasings: s.concept.phrasings.filter((_, pi) => keep[pi]), weights: s.concept.weights?.filter((_, pi) => keep[pi]) };
    return { ...s, concept, phrasings: s.phrasings.filter((_, pi) => keep[pi]) };
  });
}

export type { Concept };

/** whether a sentence puts a figure just before a word of what is counted ("254 recommendations", "of the 182 recommendations") */
function countsThing(sentence: string, counted: Set<string>, stem: (w: string) => string): boolean {
  const ws = words(sentence);
  return ws.some((w, k) => /^\d[\d,.]*$/.test(w) && ws.slice(k + 1, k + 3).some((next) => counted.has(stem(next))));
}

/** "the speed of light", "the capital of France": the two things of such a phrase, as indexes of the question's concepts */
function boundPairs(question: string, concepts: Concept[]): [number, number][] {
  const pairs: [number, number][] = [];
  const at = (w: string) => concepts.findIndex((c) => c.asked.split(' ')[0] === fold(w));
  for (const m of question.matchAll(/(?<![\p{L}])the\s+(\p{L}+)\s+of\s+(?:(?:the|a|an)\s+)?(\p{L}+)/giu)) {
    const a = at(m[1]!), b = at(m[2]!);
    if (a >= 0 && b >= 0 && a !== b) pairs.push([a, b]);
  }
  return pairs;
}
