import { asksForActor } from './attribution.js';
import { fold } from './clean.js';
import type { Glossary } from './glossary.js';
import { foldKeepingLength } from './glossary.js';
import { isLunrStopWord } from './lunr-setup.js';

/**
 * Words that make a sentence a question but say nothing about its subject, in English and Spanish ("How
 * many…", "Who asked…", "What does … say about", "¿Qué dijo…"). Left in, they would outweigh the words that
 * matter, since they are rare in the documents themselves. The last lines are the Spanish for lunr's English
 * stop words that its Spanish list lacks (después/tras: after, cada: each, every, toda(s): all, tan: so, tal: such,
 * mientras: while, mismo: same, además: also, luego: then, solo: only, cualquier: any, casi: almost, cuyo: whose,
 * propio: own …), and the verbs of "think" (piensa, cree, opina) and of asking, with the
 * pronoun they carry ("dígame", "explíqueme", "cuénteme"): a Spanish question's "after" or "tell me" should weigh
 * what an English one's does, not count as a word no passage holds. The last line is chat shorthand ("q" and "k"
 * for qué, "xq"/"pq" for por qué, "tb" for también, "pls", "thx").
 */
const QUESTION_WORDS = new Set(
  `how many much what which who whom whose when where why does did do done say says said tell told about
   there is are was were be been being any some please show find give me us know want would could should
   mention mentions mentioned regarding concerning happen happened happens reply replied find found work works
   finally eventually mean means explain describe think anyone anybody someone somebody get gets got getting gotten go goes going went gone doing having saying telling
   make makes made making put puts putting set take takes took taking give gives gave giving kind sort
   pasa pasó paso ocurre ocurrió queda quedan hay según segun
   que qué cual cuál cuales cuáles quien quién quienes quiénes como cómo cuando cuándo donde dónde cuanto
   cuánto cuantos cuántos cuanta cuánta cuantas cuántas dice dicen dijo decir dijeron sobre acerca hay
   fue fueron son es era eran entre segun según respecto dime decirme favor
   puede pueden puedo podemos podria podrian pueda puedan poder pudo pudieron
   quiere quieren quiero queremos quiera quieran queria querer
   debe deben deberia deberian
   tiene tienen tengo tenga tengan tener tenia tenian tuvo
   hace hacen hacer hizo hicieron haga hagan
   va van vaya vayan ir iba iban voy vamos da dan dar dio dieron pone ponen poner puso pusieron
   sabe saben sabes saber sabia anda andan andar lei leido oi escuche vi
   menciona mencionan menciono mencionaron explica explican explicar cuentame
   algo alguien alguna alguno algun algunas algunos nadie nada ninguna ninguno ningun ningunas ningunos cosa cosas tipo ya todavia aun ahora eso esto acaso realmente
   despues tras cada toda todas tan tal tales mientras mismo misma mismos mismas ademas entonces luego solo solamente
   unicamente cualquier cualquiera casi cuyo cuya cuyos cuyas asi alli alla ahi aunque propio propia propios propias
   demas traves obstante demasiado
   piensa piensan pensar penso pensaba creer cree creen creo creia creyo opina opinan opinar opino
   diga digan dijera dijeran digame diganme dime decime decinos expliqueme explicame explicanos cuenteme contame
   muestrame muestreme indiqueme indicame ayudame ayudeme
   hacia debajo encima afuera adentro arriba abajo delante detras dentro cerca lejos alrededor mediante bastante
   decia decian u
   q k xq pq porq tb tmb tmbn pls plz thx incl pa pal x`
    .split(/\s+/)
    .filter(Boolean)
    .map(fold),
);

/** A thing the question asks about: the word as asked, and the other ways the glossary knows to say it. */
export interface Concept {
  /** the word or glossary term as asked, folded */
  asked: string;
  /** a single word as typed, lower case, accents kept (a Spanish word's stem needs them: "cumplió" → cumpl) */
  typed?: string;
  /** typed with a capital, as a name is ("Croacia", "Honduras") */
  capitalized?: boolean;
  /** each way of saying it, as words (the first is the asked one) */
  phrasings: string[][];
  /**
   * how much each phrasing counts beside the asked words (1): the glossary's and the lexicon's 0.7 unless
   * said otherwise; a WordNet synonym less (see expansion.ts)
   */
  weights?: number[];
  /** true when the concept came from a glossary or lexicon term (not expanded again) */
  fromGlossary?: boolean;
  /** an everyday English word or phrase the field lexicon reads as the field's terms (a word of it still gets its synonyms) */
  everyday?: boolean;
}

/** how much a phrasing of a concept counts: the asked words 1, the glossary's other terms 0.7, synonyms less */
export function phrasingWeight(c: Concept, pi: number): number {
  return c.weights?.[pi] ?? (pi === 0 ? 1 : 0.7);
}

/** What kind of answer the question wants: a number, a name (person, organisation, State), a date, or anything */
/** 'by-when': a date by which something is to happen ("by when will Slovenia send…", "¿para qué año piensa…?") */
/** 'where': a place ("where are the overcrowded asylum centres?", "¿dónde…?") */
export type AnswerType = 'how-many' | 'who' | 'when' | 'by-when' | 'why' | 'where' | 'what';

export interface ParsedQuestion {
  concepts: Concept[];
  /** "question 7", "pregunta 7", "recommendation 3": the item number the question names */
  itemNumber?: string;
  /** "Who asked question 7?": the answer is who posed it */
  asksWho: boolean;
  /** the question's language, as its words tell */
  lang: 'en' | 'es';
  answerType: AnswerType;
}

const SPANISH_WORDS = new Set('el la los las del de que qué cual cuál cuántos cuántas cuántas cuanto cuánto quién quiénes quien cómo como cuándo dónde por para con una uno sobre hay están esta está es son fue fueron se su sus al lo le y o en ha han dijo según'.split(' ').map(fold));
const ENGLISH_WORDS = new Set('the of and to in what who how when which is are was were did does do about on for with by has have many much'.split(' '));

/** Spanish when it opens with ¿/¡ or has more of Spanish's common words than of English's. */
export function languageOf(question: string): 'en' | 'es' {
  if (/[¿¡ñ]/.test(question)) return 'es';
  const ws = fold(question).match(/\p{L}+/gu) ?? [];
  const es = ws.filter((w) => SPANISH_WORDS.has(w)).length;
  const en = ws.filter((w) => ENGLISH_WORDS.has(w)).length;
  return es > en ? 'es' : 'en';
}

/**
 * "Why…", "how come…", "on what grounds…", "¿por qué…?" (the accent marks the question word; "porque" is because,
 * except at the question's start, where chat writes it, "xq" or "pq" for "por qué")
 */
const WHY = /^\W*(?:(?:and|so|but|then|y|pero)\s+)?(?:why|how come|por que|porque|porq|xq|pq)\b|\b(?:why (?:did|does|do|is|are|was|were|has|have|had|would|will|wont|won t|didn t|doesn t|don t|isn t|hasn t|haven t|can t|cannot)|what (?:is|was|were|are) the reasons?|for what reasons?|on what grounds|what reasons?)\b/;

/**
 * A date asked as a deadline or a target, not as when something happened: "by when", "by what year", "para cuándo",
 * "para qué año", "hasta cuándo", "deadline", "plazo", or a plan or promise ("when is Slovenia going to…", "when
 * does it plan to…", "¿para cuándo prometió…?", "piensa", "se comprometió").
 */
const DEADLINE = /\b(?:by (?:when|what (?:year|date|month|time))|para (?:cuando|que (?:ano|fecha|mes))|hasta (?:cuando|que (?:ano|fecha))|deadline|target (?:date|year)|plazo|fecha limite|(?:plans?|planning|planned|intends?|intending|promised?|promising|pledged?|committed|supposed|expected|due|going|aims?|aiming) to|(?:is|are) (?:\p{L}+ )?getting off|piensa|pensaba|planea|planeaba|prometio|se comprometio|va a|iba a|tiene que)\b/u;

/**
 * What a "how many" question counts: the word after "how many", "¿cuántos/as…?", "number of" ("how many
 * recommendations…", "¿cuántas recomendaciones…?", "how many of the journalists…"), folded; none when it asks "how
 * much" of no thing.
 */
export function countedWord(question: string): string | undefined {
  const m = /\b(?:how many|cuant[oa]s|number of|numero de|cantidad de)\s+(?:(?:of|de)\s+(?:the|its|their|los|las|sus)\s+)?([\p{L}\p{N}' ]+)/u.exec(fold(question.slice(0, 300)));
  if (!m) return undefined;
  // past the words that say which of them ("the last round's recs", "los últimos informes", "the 3rd cycle recs")
  const ws = m[1]!.split(' ').filter(Boolean).slice(0, 5);
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k]!;
    if (WHICH_OF_THEM.has(w) || /^\d+(?:st|nd|rd|th|o|a|do|to|vo)?$/.test(w)) continue;
    if (w.endsWith("'s") || ws[k + 1] === 's') {
      if (ws[k + 1] === 's') k++;
      continue;
    }
    return isStopWord(w) ? undefined : w;
  }
  return undefined;
}
/** the words between "how many" and what it counts that say which of them */
const WHICH_OF_THEM = new Set(['last', 'previous', 'past', 'first', 'second', 'third', 'fourth', 'new', 'total', 'different', 'other', 'ultimo', 'ultimos', 'ultima', 'ultimas', 'anterior', 'anteriores', 'pasado', 'pasados', 'pasada', 'pasadas', 'primer', 'primeros', 'primeras', 'nuevos', 'nuevas', 'otros', 'otras']);

/** "How many…", "¿Cuántos…" want a number; "Who…", "¿Quién…" a name; "When…", "¿Cuándo…" a date; "Why…" a reason. */
export function answerTypeOf(question: string): AnswerType {
  const type = answerTypeAsked(question);
  return type === 'when' && DEADLINE.test(fold(question)) ? 'by-when' : type;
}

function answerTypeAsked(question: string): AnswerType {
  const q = fold(question);
  // "what % of …", "¿qué % de la gente…?": a share is a number
  if (/(?:\b(?:what|which|que|q)\s*%|\bel \d+\s*%\s*\?)/.test(q) || /(?:what|which|qué|que|q)\s*%/iu.test(question)) return 'how-many';
  if (/\b(how (many|much)|cuant[oa]s?|what (number|percentage|share|proportion)|que (numero|porcentaje|cantidad)|how (big|large|high|low|packed|full|crowded|overcrowded|common|widespread|often|likely)|que tan(to|ta|tos|tas)?)\b/.test(q)) return 'how-many';
  const spanish = spanishAnswerType(question);
  if (spanish) return spanish;
  if (/\b(when|(what|which) (years?|dates?|months?|days?)|since when|by when|(?:que|q) (ano|fecha|mes|dia)|en que ano)\b/.test(q)) return 'when';
  if (/^\W*(who|whom|whose|quien|quienes)\b|(?:^|\s[-–—:;]\s*)(who|whom)\b|\bwhich (?:[a-z]+ )?(officials?|ministers?|ministry|ministries|ambassadors?|diplomats?|rapporteurs?|experts?)\b|\b(who|quien|quienes) (asked|signed|sent|wrote|gave|made|headed|led|submitted|posed|firmo|firmaron|pregunto|envio|escribio)\b|\bwhich (organi[sz]ations?|ngos?|groups?|countr(y|ies)|states?|body|bodies)\b|\bque (organizaciones?|ongs?|pais(es)?|estados?)\b/.test(q)) return 'who';
  if (asksForActor(question)) return 'who';
  if (WHY.test(q) || /(?<![\p{L}])por qué(?![\p{L}])/u.test(question.normalize('NFC').toLowerCase())) return 'why';
  if (/^\W*(?:(?:and|so|but|y|pero)\s+)?(?:where|in which (?:city|town|place|region)s?|donde|en que (?:ciudad|lugar|region)(?:es)?)\b/.test(q) || /(?<![\p{L}])dónde(?![\p{L}])/u.test(question.normalize('NFC').toLowerCase())) return 'where';
  return 'what';
}

/**
 * Spanish ways of asking for a date or a name that the shared patterns miss: "cuándo" (the accent marks the
 * question word; an unaccented "cuando" asks only where the question opens with it, elsewhere it is "when
 * they want to visit"); "quién" likewise; "¿a quién…?", "¿por quién…?"; "¿qué organización / qué tres países / a qué
 * embajadores…?".
 */
function spanishAnswerType(question: string): AnswerType | undefined {
  const lower = question.normalize('NFC').toLowerCase();
  if (/(?<![\p{L}])cuándo(?![\p{L}])/u.test(lower) || /^[\s¿¡]*(?:(?:y|pero|desde|hasta|para|de) )?cuando\b/u.test(lower)) return 'when';
  // "quién" with its accent is the question word wherever it stands ("la carta de 2013, ¿quién la firmó?"), as is
  // an unaccented one after "¿"; elsewhere "quien" is a relative ("la persona quien firmó")
  if (/(?<![\p{L}])quién(?:es)?(?![\p{L}])/u.test(lower) || /¿\s*(?:y\s+)?quien(?:es)?\b/u.test(lower)) return 'who';
  const q = fold(question);
  if (/\b(a|de|con|por|para) (quien|quienes)\b/.test(q)) return 'who';
  // "¿cómo se llamaba el funcionario…?", "¿cuál es el nombre de…?": a name is wanted
  if (/\b(como se llama(ba|n|ban)?|cual (es|era|fue) (el|su) nombre)\b/.test(q)) return 'who';
  const numeral = '(?:(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|\\d+) )?';
  const askedWho = 'organizacion(?:es)?|ongs?|pais(?:es)?|estados?|ministerios?|ministros?|ministras?|institucion(?:es)?|organismos?|embajador(?:es|as)?|relator(?:es|as)?|autoridad(?:es)?|comites?|funcionari[oa]s?|personas?|redes?|grupos?|delegacion(?:es)?';
  if (new RegExp(`\\bque ${numeral}(?:${askedWho})\\b`).test(q)) return 'who';
  return undefined;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * An English possessive in a question read as its word ("Forst's" → forst, "Slovenia's" → slovenia): kept whole,
 * "Forst's" was a word no passage holds, the rarest of the question. Other apostrophes belong to the word ("O'Brien",
 * "d'Ivoire"). Passages' words are read as they stand (read the same way, they moved the first evaluation set's
 * ranks by chance, −1 at the top).
 * A question word's contraction ("what's", "who's", "it's") stays whole, as before: read as "what", it let four
 * off-topic questions of the tuning sets meet passages by chance ("what's the weather in Ljubljana this weekend";
 * test/corpus/heldout/LEVERS.md, seventh session).
 */
export function baseWord(word: string): string {
  const base = word.replace(/['’]s$/u, '');
  return base !== word && !QUESTION_WORDS.has(base) && !isLunrStopWord(base) ? base : word;
}

/** The words of a text as the index sees them: folded, split on anything that is not a letter or digit. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

export function isStopWord(word: string): boolean {
  return QUESTION_WORDS.has(word) || isLunrStopWord(word);
}

/** chat's "w/o" (without) and "w/" (with), which the tokenizer would split into letters no passage holds */
function withoutChatShorthand(text: string): string {
  return text.replace(/(?<![\p{L}])w\/o(?![\p{L}])/giu, 'without').replace(/(?<![\p{L}])w\/(?=\s)/giu, 'with');
}

/**
 * Spanish phrases that say when, how much or in what respect, not what is asked: "a la hora de condenar" (when it
 * comes to), "a principios / finales / mediados de 2024", "por lo menos", "en cuanto a", "en vez de", and "bajo" as a
 * preposition ("bajo la coordinación de", under; not "un salario bajo", low). Read word by word, "hora", "principios"
 * or "vez" were words no passage holds, the rarest of the question.
 */
const SPANISH_STOP_PHRASES = /(?<![\p{L}])(?:a la hora de|a (?:principios|finales|fines|mediados|comienzos) de|al (?:principio|final|comienzo) de|por lo (?:menos|tanto|general)|al menos|en cuanto a|en (?:vez|lugar) de|a pesar de|sin embargo|de hecho|o sea|por fin|hoy en dia|a veces|bajo (?:la|el|los|las|su|sus)|(?:como|cual es el nombre de|cual era el nombre de) (?:se )?llama(?:ba|n|ban)?|(?:en |para |desde |hasta )?(?:que|cual|cuales) (?:fecha|ano|dia|mes)s?)(?![\p{L}])/gu;

/** Where in a folded question its stop phrases' words stand (see SPANISH_STOP_PHRASES, ENGLISH_STOP_PHRASES). */
/**
 * English phrases that say something happened, not what ("when did the visit take place" asks when the visit was; "so
 * far", "as far as": read word by word, "far" was a concept no answer holds), and
 * the frame of a question for a date ("on what date", "which month"), which the answer type says (a passage rarely
 * writes "date"); Spanish's "¿en qué fecha / año …?" is in SPANISH_STOP_PHRASES
 */
const ENGLISH_STOP_PHRASES = /(?<![\p{L}])(?:(?:take|takes|took|taken|taking) place|so far|thus far|as far as|by far|(?:on |in )?(?:what|which) (?:exact )?(?:date|day|month)s?|(?<!by )(?:in )?(?:what|which) years?)(?![\p{L}])/gu;

function stopPhraseSpans(folded: string, phrases: RegExp): (at: number) => boolean {
  const spans = [...folded.matchAll(phrases)].map((m) => [m.index, m.index + m[0].length] as const);
  return (at) => spans.some(([a, b]) => at >= a && at < b);
}

/**
 * Turns what a person typed into concepts to look for. Nothing the user types reaches lunr's query parser,
 * so its syntax (: ^ ~ + - *) can never make a question fail.
 */
export function parseQuestion(question: string, glossary: Glossary, lexicon?: Glossary, everyday?: Glossary): ParsedQuestion {
  const text = withoutChatShorthand(question.slice(0, 2000));
  const folded = foldKeepingLength(text);
  const concepts: Concept[] = [];
  const item = /(?:question|pregunta|recommendation|recomendacion|recomendación|item|punto|point|numero|número|no\.?|#)\s*(\d{1,3})(?!\d)/iu.exec(folded);
  const asksWho = /\b(who|quien|quién|quienes|quiénes)\b[^?]*\b(ask|asked|pose|posed|submit|submitted|pregunto|preguntó|hizo|formulo|formuló|planteo|planteó)/iu.test(folded)
    || /\bwhich (organi[sz]ation|ngo|group)s?\b/iu.test(folded);

  const lang = languageOf(text);
  let glossaryMatches = glossary.find(text);
  const everydayMatches = new Set<(typeof glossaryMatches)[number]>();
  // the glossary's and the language's lexicon's terms together (Spanish: the bilingual lexicon; English: everyday
  // English for the field's terms), the longest first, never overlapping
  const byLanguage = lang === 'es' ? lexicon : everyday;
  if (byLanguage) {
    const chosen: typeof glossaryMatches = [];
    const ofLexicon = byLanguage.find(text);
    for (const m of [...glossaryMatches, ...ofLexicon].sort((a, b) => b.end - b.start - (a.end - a.start))) {
      if (!chosen.some((c) => c.start < m.end && m.start < c.end)) chosen.push(m);
    }
    glossaryMatches = chosen.sort((a, b) => a.start - b.start);
    if (lang === 'en') for (const m of ofLexicon) everydayMatches.add(m);
  }
  // a Spanish phrase that says when or how, not what ("a la hora de", "a principios de"): its words are no concepts
  const inStopPhrase = stopPhraseSpans(folded, lang === 'es' ? SPANISH_STOP_PHRASES : ENGLISH_STOP_PHRASES);
  let cursor = 0;
  const addWords = (from: number, to: number) => {
    for (const found of folded.slice(from, to).matchAll(WORD)) {
      const at = from + found.index;
      const typed = text.slice(at, at + found[0].length);
      // an acronym's plural is the acronym ("GPs", "NHRIs", "CSOs"), not another word ("gps" is a positioning system)
      const w = /^\p{Lu}{2,}s$/u.test(typed) ? fold(typed).slice(0, -1) : baseWord(fold(found[0]));
      if (isStopWord(w) || inStopPhrase(from + found.index)) continue;
      if (item && w === item[1]) continue; // the number is looked up as an item number, not as a word
      concepts.push({ asked: w, typed: typed.toLowerCase(), phrasings: [[w]], ...(/^\p{Lu}/u.test(typed) ? { capitalized: true } : {}) });
    }
  };
  for (const m of glossaryMatches) {
    addWords(cursor, m.start);
    cursor = m.end;
    // a lexicon word inside a stop phrase is the phrase's ("bajo" in "bajo la coordinación de" is under, not low)
    if (inStopPhrase(m.start) && inStopPhrase(m.end - 1)) continue;
    const seen = new Set<string>();
    const phrasings = [m.found, ...m.alternatives]
      .map((p) => words(p).filter((w) => !isStopWord(w)))
      .filter((p) => p.length > 0 && !seen.has(p.join(' ')) && (seen.add(p.join(' ')), true));
    if (phrasings.length) concepts.push({ asked: m.found, typed: text.slice(m.start, m.end).toLowerCase(), phrasings, fromGlossary: true, ...(everydayMatches.has(m) ? { everyday: true } : {}) });
  }
  addWords(cursor, folded.length);

  // the same concept asked twice counts once
  const seen = new Set<string>();
  const unique = concepts.filter((c) => (seen.has(c.asked) ? false : (seen.add(c.asked), true)));
  return { concepts: unique, itemNumber: item?.[1], asksWho, lang, answerType: answerTypeOf(text) };
}
