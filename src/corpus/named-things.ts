import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import nationalities from 'i18n-nationality';
import { fold } from './clean.js';
import { bodiesNamed, bodyText, kindOnlyIn, namedIn, type Body } from './bodies.js';
import { asksOwnAffairs, asksWhatNoDocumentSays, asksWhoWroteATitle } from './own-affairs.js';
import { isFieldWord, ownPickOutsideField } from './own-pick.js';
import { personsNamed } from './persons.js';
import { isStopWord } from './question.js';
import { besideReview, cyclesNamed, datesDocument, isEventWord, isReviewWord, titledLetter, yearInCycle } from './reviews.js';

const require = createRequire(import.meta.url);
for (const lang of ['en', 'es']) {
  countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  nationalities.registerLocale(require(`i18n-nationality/langs/${lang}.json`));
}

/** folded, every run of other characters one space: how names are compared */
export function plain(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The forms of a nationality adjective (i18n-nationality gives the English one and the Spanish masculine
 * singular): English plural (Peruvians, Israelis); Spanish feminine and plural (hondureña, hondureños,
 * hondureñas; croatas; costarricenses; española, españoles).
 */
export function demonymForms(word: string, lang: 'en' | 'es'): string[] {
  const w = plain(word);
  if (lang === 'en') return /[ni]$/.test(w) ? [w, `${w}s`] : [w];
  if (w.endsWith('o')) return [w, `${w.slice(0, -1)}a`, `${w}s`, `${w.slice(0, -1)}as`];
  if (/[ae]$/.test(w)) return [w, `${w}s`];
  return [w, `${w}a`, `${w}es`, `${w}as`];
}

/** country names (English and Spanish, from i18n-iso-countries) and nationality adjectives → every name of that country */
let byName: Map<string, string[]> | undefined;
/** territories named by everyday words and never a State under review ("reunión" is a meeting; a jersey is worn) */
const COMMON_WORD_PLACES = new Set(['RE', 'JE']);
/** the names that are nationality adjectives (a language too: "in Spanish", and part of "Inter-American") */
const demonyms = new Set<string>();
let longest = 1;

function names(): Map<string, string[]> {
  if (byName) return byName;
  byName = new Map();
  const all = new Map<string, Set<string>>();
  for (const lang of ['en', 'es'] as const) {
    for (const [code, list] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      if (COMMON_WORD_PLACES.has(code)) continue;
      const set = all.get(code) ?? new Set<string>();
      for (const n of list) if (n.length >= 4) set.add(plain(n));
      all.set(code, set);
    }
    for (const [code, adjective] of Object.entries(nationalities.getNames(lang))) {
      const set = all.get(code);
      if (!set || adjective.length < 4) continue;
      for (const form of demonymForms(adjective, lang)) {
        if (set.has(form)) continue;
        set.add(form);
        demonyms.add(form);
      }
    }
  }
  for (const set of all.values()) {
    const list = [...set];
    for (const n of list) {
      byName.set(n, list);
      longest = Math.max(longest, n.split(' ').length);
    }
  }
  return byName;
}

/** a country's name, not a nationality adjective ("Türkiye", "Turquía", "países bajos"; not "German", "mexicanos"), plain */
export function isCountryName(name: string): boolean {
  return names().has(name) && !demonyms.has(name);
}

/** a word before a nationality adjective that makes it part of a wider name ("Inter-American", "Latin American") */
const NOT_A_NATIONALITY = new Set(['inter', 'latin', 'pan', 'afro', 'indo', 'north', 'south', 'central']);
/** a word before it that makes it a language when no noun follows ("in Spanish", "into English"; not "in Slovenian prisons") */
const IN_LANGUAGE = new Set(['in', 'into', 'en', 'al']);

/**
 * A place or year the question names: every way a passage may name it. A 'review' is a year the question gives
 * to a review ("its 2010 review", "el EPU de 2010"): a passage names it only beside a word of reviewing, or
 * when its document is of that year (a passage that mentions "the 2010 law" does not tell of the 2010 review).
 * A 'cycle' is a review cycle named by its ordinal ("the second UPR cycle"; names: its number): a passage names
 * it by the same ordinal beside a word of reviewing, or when its document's year falls in that cycle.
 */
export interface NamedThing {
  kind: 'country' | 'year' | 'review' | 'cycle' | 'pick' | 'body' | 'own-affairs' | 'person';
  /** every way of naming it; a 'pick' (see own-pick.ts) is named only with all of its words */
  names: string[];
  /** a treaty body, working group, regional commission or court (lexicon/bodies.json) */
  body?: Body;
  /**
   * a country named as the one reviewed or recommended to ("recommended to Croatia", "Spain's last UPR",
   * "¿qué recibió España?"): a passage names it only if its document is about that country (its title names it),
   * not where the country speaks at another State's review
   */
  reviewed?: boolean;
  /**
   * a year that dates a document the question names ("the 2016 open letter", "la carta de 2019"): only a passage of a
   * document of that year (a letter, when a letter is named) names it; another document's mention of the year is of
   * something else
   */
  ofDocument?: 'letter' | 'document';
}

/** words of recommending, and of receiving: a country after them is the one reviewed */
const RECOMMENDING = /^(recommend|recommends|recommended|recommendation|recommendations|recomend[a-z]*|suggest[a-z]*|suger[a-z]*)$/;
const RECEIVING = /^(receive|received|receives|receiving|get|got|recibio|recibieron|recibe|reciben|recibir|recibido|recibida)$/;
const OWN = new Set(['its', 'their', 'su', 'sus']);
/** what a State does with the recommendations made to it: "did Hungary accept …", "¿qué aceptó Chile?" */
const ANSWERING = /^(accept|accepts|accepted|support|supports|supported|reject|rejects|rejected|acepto|aceptaron|acepta|aceptar|apoyo|apoyaron|rechazo|rechazaron)$/;
/** a State's replies to the recommendations made to it */
const REPLYING = /^(replies|reply|responses|response|answers|respuestas|respuesta|contestaciones)$/;
/** the Spanish verb may stand before its subject: "¿cuántas aceptó Chile?" */
const ANSWERING_BEFORE = /^(acepto|aceptaron|acepta|apoyo|apoyaron|rechazo|rechazaron)$/;

/** whether the country at ws[i, i + n) is named as the one reviewed or recommended to (see NamedThing.reviewed) */
function namedAsReviewed(ws: string[], i: number, n: number, alone: boolean): boolean {
  const prev = ws[i - 1] ?? '';
  const after = ws.slice(i + n);
  // "recommended to Croatia", "¿qué le recomendó el relator de defensores a Colombia?" (the subject may stand between)
  if (['to', 'a', 'al'].includes(prev) && ws.slice(Math.max(0, i - 7), i - 1).some((w) => RECOMMENDING.test(w))) return true;
  // a State's own national report: "the national report of Austria", "el informe nacional de Austria", "Austria's national report"
  if (['of', 'de', 'del'].includes(prev) && /^(?:report|informe)$/.test(ws[i - 3] ?? '') && /^(?:national|nacional)$/.test(ws[i - 2] ?? '')) return true;
  if (after[0] === 's' && after[1] === 'national' && after[2] === 'report') return true;
  if (after[0] === 's' && after.slice(1, 4).some(isReviewWord)) return true; // "Croatia's (last) review", "Austria's next periodic review"
  if (['of', 'de', 'del'].includes(prev) && ws.slice(Math.max(0, i - 3), i - 1).some(isReviewWord)) return true; // "review of Spain", "el EPU de España"
  // the one that replies to recommendations is the State reviewed: "the replies of Croatia", "Croatia's responses", "las respuestas de Croacia"
  if (['of', 'de', 'del', 'from'].includes(prev) && ws.slice(Math.max(0, i - 3), i - 1).some((w) => REPLYING.test(w))) return true;
  if (after[0] === 's' && REPLYING.test(after[1] ?? '')) return true;
  if (ws.slice(Math.max(0, i - 2), i).some((w) => RECEIVING.test(w) || ANSWERING_BEFORE.test(w)) || after.slice(0, 2).some((w) => RECEIVING.test(w) || ANSWERING.test(w))) return true;
  // "… the Hungarian government … at its last UPR", "España en su último EPU", "at its last universal periodic review":
  // the only country named, and its own review
  return alone && after.some((w, k) => OWN.has(w) && after.slice(k + 1, k + 5).some(isReviewWord));
}

/** a document of the universal periodic review whose title does not say so: its symbol (A/HRC/WG.6/…), a compilation, a summary of stakeholders' submissions */
const UPR_DOCUMENT = / wg 6 | compilation | stakeholders /;

/** a passage's document's title (the first part of its source) names the country */
function titleNames(passage: Named, names: string[]): boolean {
  const title = ` ${plain((passage.source ?? '').split(' · ')[0] ?? '')} `;
  return names.some((n) => title.includes(` ${n} `));
}

/**
 * The countries and years a question names ("… in Peru in 2018?", "¿… a Croacia?"). A passage answers such
 * a question only if it (or its heading or its document's title, author or year) names them too: that is
 * what keeps a question about another country or year from being answered with this corpus's passages.
 */
export function namedThings(question: string): NamedThing[] {
  const ws = plain(question).split(' ');
  const found: NamedThing[] = [];
  const map = names();
  const spans: [number, number][] = [];
  for (let i = 0; i < ws.length; i++) {
    for (let n = Math.min(longest, ws.length - i); n >= 1; n--) {
      const name = ws.slice(i, i + n).join(' ');
      const list = map.get(name);
      // "in Spanish", "en inglés" name a language; "Inter-American", "Latin American" a region's body
      if (list && demonyms.has(name) && NOT_A_NATIONALITY.has(ws[i - 1] ?? '')) continue;
      if (list && demonyms.has(name) && IN_LANGUAGE.has(ws[i - 1] ?? '') && (ws[i + n] === undefined || isStopWord(ws[i + n]!))) continue;
      if (list) {
        found.push({ kind: 'country', names: list });
        spans.push([i, n]);
        i += n - 1;
        break;
      }
    }
  }
  spans.forEach(([i, n], k) => namedAsReviewed(ws, i, n, spans.length === 1) && (found[k]!.reviewed = true));
  const places = new Set(found.flatMap((t) => t.names.flatMap((n) => n.split(' '))));
  // a title's own words ("Secretario General") are no one's name: the field lexicon knows them
  for (const surname of personsNamed(question, (w) => places.has(w) || map.has(w) || isFieldWord(w))) found.push({ kind: 'person', names: [surname] });
  for (const body of bodiesNamed(question)) found.push({ kind: 'body', names: [...body.names, ...body.acronyms], body });
  const pick = ownPickOutsideField(ws, (w) => map.has(w));
  if (pick.length) found.push({ kind: 'pick', names: pick });
  for (const n of cyclesNamed(ws)) found.push({ kind: 'cycle', names: [String(n)] });
  for (const y of new Set(question.match(/(?<![\d/.-])(?:19|20)\d\d(?![\d/])/g) ?? [])) found.push({ kind: besideReview(ws, y) ? 'review' : 'year', names: [y], ...datedDocument(ws, y) });
  // the asker's own affairs ("my car insurance") naming no State, body or year: no passage names them
  if ((!found.some((t) => t.kind !== 'pick') && asksOwnAffairs(ws)) || asksWhatNoDocumentSays(ws) || asksWhoWroteATitle(question)) found.push({ kind: 'own-affairs', names: [] });
  return found;
}

function datedDocument(ws: string[], year: string): Pick<NamedThing, 'ofDocument'> {
  const dated = datesDocument(ws, year);
  return dated ? { ofDocument: dated } : {};
}

/** What a passage is read as for named things: its words, and the title, author and year of its document. */
export interface Named {
  heading?: string;
  where: string;
  body: string;
  source?: string;
}

/** a passage names a cycle by its ordinal beside a word of reviewing, or is of a document of that cycle's years */
function namesCycle(text: string, cycle: number, passage?: Named): boolean {
  const own = passage ? plain(`${passage.heading ?? ''} ${passage.where} ${passage.body}`) : text.trim();
  if (cyclesNamed(own.split(' ')).includes(cycle)) return true;
  const year = passage?.source?.match(/\b(?:19|20)\d\d$/)?.[0];
  return year !== undefined && yearInCycle(Number(year), cycle);
}

/** the bodies each document (its passages, as search-index.ts keeps them) names somewhere */
const bodiesOfDocument = new WeakMap<Named[], Map<Body, boolean>>();

function documentNames(passages: Named[], body: Body): boolean {
  let known = bodiesOfDocument.get(passages);
  if (!known) bodiesOfDocument.set(passages, (known = new Map()));
  let named = known.get(body);
  if (named === undefined) known.set(body, (named = passages.some((p) => namedIn(bodyPlain(p), body))));
  return named;
}

/** a passage's fields as bodyText reads them, kept for the passages questions meet most (a bounded cache) */
const plainFields = new Map<Named, string>();
function bodyPlain(p: Named): string {
  let t = plainFields.get(p);
  if (t === undefined) {
    if (plainFields.size >= 5_000) plainFields.clear();
    plainFields.set(p, (t = bodyText(fieldsText(p))));
  }
  return t;
}

/** a passage's heading, where, body and source, each its own clause (no name is read across two of them) */
function fieldsText(p: Named): string {
  return `${p.heading ?? ''} | ${p.where} | ${p.body} | ${p.source ?? ''}`;
}

/** a place named in another State's formal name that i18n-iso-countries does not list ("Northern Ireland" in the United Kingdom's) */
const PART_NAMES = ['northern ireland', 'irlanda del norte'];
/** the other countries' names that hold a country's name ("northern ireland" … for "ireland"), longest first */
const longerNames = new Map<string, string[]>();
function withoutLongerNames(text: string, name: string): string {
  let longer = longerNames.get(name);
  if (!longer) {
    const own = new Set(names().get(name) ?? []);
    longer = [...names().keys(), ...PART_NAMES].filter((n) => !own.has(n) && n !== name && ` ${n} `.includes(` ${name} `)).sort((a, b) => b.length - a.length);
    longerNames.set(name, longer);
  }
  let out = text;
  for (const n of longer) if (out.includes(` ${n} `)) out = out.split(` ${n} `).join('  ');
  return out;
}

/**
 * Whether `text` (already plain, with a space at each end: the passage's heading, where, body and source) names
 * the thing; a 'review' year also needs the passage itself (see NamedThing). A body is named by its name or
 * acronym, or by its kind ("The same Committee …") in a document (`document`: its passages) that names it.
 */
export function mentions(text: string, thing: NamedThing, passage?: Named, document?: () => Named[]): boolean {
  if (thing.body) {
    const own = passage ? bodyPlain(passage) : bodyText(text);
    return namedIn(own, thing.body) || (kindOnlyIn(own, thing.body) && !!document && documentNames(document(), thing.body));
  }
  if (thing.kind === 'own-affairs') return false;
  if (thing.kind === 'pick') return thing.names.every((n) => text.includes(` ${n} `));
  if (thing.kind === 'cycle') return namesCycle(text, Number(thing.names[0]), passage);
  if (!thing.names.some((n) => text.includes(` ${n} `))) return false;
  // a country's name inside another's longer one is not it: "Northern Ireland" in the United Kingdom's name, "Guinea"
  // in "Equatorial Guinea", "Sudan" in "South Sudan"
  if (thing.kind === 'country' && !thing.names.some((n) => withoutLongerNames(text, n).includes(` ${n} `))) return false;
  if (thing.reviewed && passage) return titleNames(passage, thing.names);
  if (thing.ofDocument && passage) {
    const source = ` ${plain(passage.source ?? '')} `;
    return source.includes(` ${thing.names[0]} `) && (thing.ofDocument !== 'letter' || titledLetter(plain((passage.source ?? '').split(' · ')[0] ?? '')));
  }
  if (thing.kind !== 'review' || !passage) return true;
  const year = thing.names[0]!;
  // the document's own year names the review only in a document of a review or of the Council's elections ("… Universal
  // Periodic Review: Slovenia · 2025", "Open Letter to candidates …· 2013"), not in a letter of that year ("Joint Letter:
  // Secretary Pompeo … · 2018")
  const source = plain(passage.source ?? '');
  if (` ${source} `.includes(` ${year} `) && (source.split(' ').some(isEventWord) || UPR_DOCUMENT.test(` ${source} `))) return true;
  return besideReview(plain(`${passage.heading ?? ''} ${passage.where} ${passage.body}`).split(' '), year);
}
