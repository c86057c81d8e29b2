import { MONTH_NAMES } from './passages.js';
import { isStopWord } from './question.js';

/**
 * Reviews a question names: a year it gives to a review ("its 2010 review", "el EPU de 2010") and a review
 * cycle by its ordinal ("the second UPR cycle", "el primer ciclo del EPU", "its third review"). Words are plain
 * (folded, see named-things.ts).
 */

/** words of reviewing (English and Spanish): review, UPR, cycle, session, examen, EPU, ciclo */
const REVIEW_WORDS = new Set(['review', 'reviews', 'reviewed', 'upr', 'cycle', 'cycles', 'periodic', 'session', 'examen', 'examenes', 'epu', 'ciclo', 'ciclos', 'periodico', 'sesion']);
/** words of the Council's elections, whose year is an event's too ("the 2023 Human Rights Council elections pledging event") */
const ELECTION_WORDS = new Set(['election', 'elections', 'elected', 'pledging', 'candidate', 'candidates', 'candidacy', 'candidature', 'eleccion', 'elecciones', 'electo', 'electa', 'electos', 'electas', 'elegido', 'elegida', 'elegidos', 'elegidas', 'candidato', 'candidatos', 'candidata', 'candidatas', 'candidatura']);
/** how many words apart an ordinal and a word of reviewing may be to belong together ("first UPR back in 2010") */
const REVIEW_SPAN = 3;
/** how many words of substance (not words of asking, articles, prepositions) apart a year and its event may be */
const EVENT_SPAN = 4;

/** ordinals of a review cycle, English and Spanish, in words and figures (PDF text has "4 th", joined below) */
const ORDINALS = new Map<string, number>([
  ...['first', '1st', 'primer', 'primero', 'primera'].map((w) => [w, 1] as const),
  ...['second', '2nd', 'segundo', 'segunda'].map((w) => [w, 2] as const),
  ...['third', '3rd', 'tercer', 'tercero', 'tercera'].map((w) => [w, 3] as const),
  ...['fourth', '4th', 'cuarto', 'cuarta'].map((w) => [w, 4] as const),
  ...['fifth', '5th', 'quinto', 'quinta'].map((w) => [w, 5] as const),
]);

/**
 * The years of each cycle of the universal periodic review (the Human Rights Council's resolutions 5/1 and
 * 16/21: the first cycle 2008–2011, the second 2012–2016, the third 2017–2022, the fourth from November 2022, each
 * four and a half years): a document of one of these years belongs to that cycle.
 */
const CYCLE_YEARS: Record<number, [number, number]> = { 1: [2008, 2011], 2: [2012, 2016], 3: [2017, 2022], 4: [2022, 2027], 5: [2027, 2032] };

/** "4 th" → "4th": how PDF text splits an ordinal's figure from its ending */
function joinOrdinals(ws: string[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    const last = out[out.length - 1];
    if (last && /^\d$/.test(last) && /^(st|nd|rd|th)$/.test(w)) out[out.length - 1] = `${last}${w}`;
    else out.push(w);
  }
  return out;
}

function nearReview(ws: string[], i: number): boolean {
  return ws.slice(Math.max(0, i - REVIEW_SPAN), i + REVIEW_SPAN + 1).some((v) => REVIEW_WORDS.has(v));
}

/**
 * Whether `year` stands in `ws` within EVENT_SPAN words of substance of a word of reviewing or of elections: the
 * year of a review or an election ("its 2010 review", "candidatos al Consejo de Derechos Humanos en 2023"), not
 * of anything else ("the 2010 law").
 */
export function besideReview(ws: string[], year: string): boolean {
  // a month is the year's own ("elected to the Council in October 2023"); a State's own elections are no event of the
  // Council's ("the 2022 parliamentary elections")
  const words = ws.filter((w, i) => w === year || (!isStopWord(w) && !MONTH.test(w) && !(ELECTION_WORDS.has(w) && besideNationalVote(ws, i))));
  return words.some((w, i) => w === year && words.slice(Math.max(0, i - EVENT_SPAN), i + EVENT_SPAN + 1).some(isEventWord));
}

const MONTH = new RegExp(`^(?:${MONTH_NAMES})$`);
/** what makes an election a State's own: parliamentary, presidential, local … (English before it, Spanish after) */
const NATIONAL_VOTE = new Set(['parliamentary', 'presidential', 'local', 'municipal', 'general', 'legislative', 'national', 'regional', 'european', 'parlamentarias', 'parlamentaria', 'presidenciales', 'presidencial', 'locales', 'municipales', 'generales', 'legislativas', 'nacionales', 'regionales', 'europeas']);
function besideNationalVote(ws: string[], i: number): boolean {
  return NATIONAL_VOTE.has(ws[i - 1] ?? '') || NATIONAL_VOTE.has(ws[i + 1] ?? '');
}

/** the things a document is called: a year beside one dates the document ("the 2016 open letter", "la carta de 2019") */
const DOCUMENT_NOUNS = new Set(['letter', 'letters', 'report', 'statement', 'submission', 'carta', 'informe', 'declaracion', 'comunicado']);
/** a letter named by its year is answered only by a letter of that year, not by another document of it */
const LETTER_NOUNS = new Set(['letter', 'letters', 'carta', 'cartas']);
/** Whether a document's title calls it a letter (its words, plain). */
export function titledLetter(title: string): boolean {
  return title.split(' ').some((w) => LETTER_NOUNS.has(w));
}
/** what may join a document's name to its year ("the letter of 2019", "el informe de Amnistía de 2023") */
const JOINING = new Set(['de', 'del', 'of', 'from']);
/** words that end a document's name: Spanish articles and prepositions other than "de", and "según" / "according" */
const ENDS_NAME = new Set(['la', 'el', 'los', 'las', 'en', 'segun', 'sobre', 'con', 'por', 'para', 'a', 'al', 'y', 'o', 'que', 'q', 'according']);

/**
 * What `year` in `ws` dates, if it dates a document the question names (a letter, or another document): "the 2016
 * open letter", "the 2021 ISHR letter", "the 2024 Rule of Law Report" (the year, at most two words of a name, the
 * document), "la carta abierta de 2019", "el informe anual de 2023", "World Report 2024" (the document, words of its
 * name, the year). Not "killed in 2017
 * according to the letter", "what the unit reported in February 2018", "la carta sobre los asesinatos de 2017", nor an
 * event's year ("the 2023 pledging event": a passage of another year's document may say what happened at it).
 */
export function datesDocument(ws: string[], year: string): 'letter' | 'document' | undefined {
  const at = ws.indexOf(year);
  if (at < 0) return undefined;
  const kind = (w: string) => (LETTER_NOUNS.has(w) ? 'letter' : 'document');
  for (let k = at + 1, named = 0; named < 3 && k < ws.length; k++) {
    if (DOCUMENT_NOUNS.has(ws[k]!)) return kind(ws[k]!);
    if (JOINING.has(ws[k]!) && named > 0) continue; // "the 2024 Rule of Law Report"
    if (isStopWord(ws[k]!) || ENDS_NAME.has(ws[k]!)) break;
    named++;
  }
  for (let k = at - 1; k >= Math.max(0, at - 6); k--) {
    const w = ws[k]!;
    if (DOCUMENT_NOUNS.has(w)) return kind(w);
    if (JOINING.has(w)) continue;
    if (isStopWord(w) || ENDS_NAME.has(w) || /^\d/.test(w)) return undefined;
  }
  return undefined;
}

/** a word of reviewing or of the Council's elections (review, UPR, election, candidates, pledging …): what makes a year an event's */
export function isEventWord(w: string): boolean {
  return REVIEW_WORDS.has(w) || ELECTION_WORDS.has(w);
}

/** a word of reviewing (review, UPR, examen, EPU, …) */
export function isReviewWord(w: string): boolean {
  return REVIEW_WORDS.has(w);
}

/** the cycles (1–5) the words name by an ordinal beside a word of reviewing */
export function cyclesNamed(ws: string[]): number[] {
  const words = joinOrdinals(ws);
  const found = new Set<number>();
  words.forEach((w, i) => {
    const n = ORDINALS.get(w);
    if (n !== undefined && nearReview(words, i)) found.add(n);
  });
  return [...found];
}

/** whether a document of `year` belongs to the cycle */
export function yearInCycle(year: number, cycle: number): boolean {
  const span = CYCLE_YEARS[cycle];
  return !!span && year >= span[0] && year <= span[1];
}
