import { namesActor } from './attribution.js';
import { MONTH_NAMES } from './passages.js';
import type { AnswerType } from './question.js';

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|twice|majority|per cent|percent';

/** a figure: digits that are not a year or a document symbol's part, a percentage, or a number word */
const NUMBER = new RegExp(`(?<![\\p{L}/.\\d-])(?!(?:19|20)\\d\\d(?!\\d))\\d[\\d,. ]*\\d*(?:\\s?%| per ?cent)?(?![\\p{L}/\\d])|\\b(?:${NUMBER_WORDS})\\b`, 'iu');
/** a date: a year, or a month's name */
const DATE = new RegExp(`(?<![\\d/.-])(?:19|20)\\d\\d(?![\\d/])|\\b(?:${MONTH_NAMES})\\b`, 'i');
/**
 * a name of who did something: an asker or signatory before a colon or a comma ("Amnesty International USA,
 * Marselha …", "I(dh)eas, Litigio Estratégico …:"), not a phrase that opens with a preposition ("Under the Act, …"), or a sentence that attributes (see attribution.ts). Two
 * capitalised words in a row are not enough: nearly every sentence of a UN document has them ("Human Rights")
 */
const NAME = /(?:^|[.;:]\s)(?!(?:Under|In|On|At|For|With|By|After|Before|During|Since|As|Although|While|When|If|According|Despite|Following|Through|Within|Among|Upon|Regarding|En|Con|Por|Para|Según|Desde|Durante|Tras|Ante)\s)[\p{Lu}][\p{L}'’.-]+(?:\s(?:of|for|the|and|de|la|del|y|on|in)?\s?[\p{Lu}][\p{L}'’.-]+)+\s?[:,(]/u;

/** a place named: a capitalised name after "in", "at", "near" ("the asylum centres in Ljubljana and Logatec", "en Liubliana") */
const PLACE = /\b(?:in|at|near|en|cerca de)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Slovenia|Mexico|Eslovenia|México)\b)\p{Lu}\p{Ll}+/u;

/** a reason given: "because", "due to", "as the current legislation already guarantees …", "is not a priority", "porque" */
const REASON = /\b(?:because|due to|owing to|given that|in view of|on the grounds|the reasons?|reasons? (?:for|why)|not a priority|as (?:the|it|its|they|their|there|this|such|current|existing|national)\b|since (?:the|it|its|they|there|this)\b|therefore|porque|ya que|debido a|dado que|puesto que)\b/i;

/**
 * a date by which something is to happen: "phasing out coal by 2033", "submitted, preferably by 2027", "no later
 * than 2030", "until 2025", "hasta 2030" (what a 'by-when' question asks for); the date alone is its key
 */
const DEADLINES = new RegExp(`(?<=\\b(?:by|before|until|till|no later than|not later than|in time for|target of|hasta|para|antes de)\\s+(?:the end of |end of |the end of the year |early |late |mid-)?(?:\\d{1,2}(?:st|nd|rd|th)? (?:of )?)?)(?:${DATE.source})`, 'gi');

/** a number after the word of what it numbers: a label, not a count ("Recommendation 15", "articles 5 and 7", "question 12") */
const LABELLED = /\b(?:recommendations?|recomendaci[oó]n(?:es)?|paragraphs?|p[aá]rrafos?|articles?|art[ií]culos?|resolutions?|resoluci[oó]n(?:es)?|questions?|preguntas?|items?|sessions?|footnotes?|annex(?:es)?|anexos?)\s+\d+(?:\s*(?:[,–-]|and|y)\s*\d+)*/giu;

/** the same, to find every one (matchAll) */
const NUMBERS = new RegExp(NUMBER.source, 'giu');
const DATES = new RegExp(DATE.source, 'gi');

/** a figure or date as compared with the question's: lower case, digits without their separators ("8,335" → 8335) */
const key = (found: string) => found.toLowerCase().replace(/(\d)[,. ](?=\d)/g, '$1').trim();

/** The figures and dates a question names itself ("the 1961 treaty", "of the 182 recommendations"): not its answer. */
export function namedInQuestion(question: string): Set<string> {
  const all = [...question.matchAll(NUMBERS), ...question.matchAll(DATES)];
  return new Set(all.map((m) => key(m[0])));
}

/**
 * Whether a piece of text holds the kind of thing the question wants (always true for a "what" question). A figure
 * or date the question itself names (`asked`) is not the answer: "when did Slovenia join the 1961 treaty" is not
 * answered by a sentence whose only date is 1961.
 */
export function holdsAnswerType(text: string, type: AnswerType, asked: Set<string> = new Set()): boolean {
  const other = (all: RegExp, within = text) => [...within.matchAll(all)].some((m) => !asked.has(key(m[0])));
  switch (type) {
    case 'how-many': {
      // a number that names a thing ("Recommendation 15", "(Recommendations 1, 5, 7–9)", "article 19") counts nothing
      const counted = text.replace(LABELLED, ' ');
      return asked.size ? other(NUMBERS, counted) : NUMBER.test(counted);
    }
    case 'when':
      return asked.size ? other(DATES) : DATE.test(text);
    case 'by-when':
      return other(DEADLINES);
    case 'who':
      return NAME.test(text) || namesActor(text);
    case 'why':
      return REASON.test(text);
    case 'where':
      return PLACE.test(text);
    default:
      return true;
  }
}
