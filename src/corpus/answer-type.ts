import type { AnswerType } from './question.js';

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|twice|majority|per cent|percent';
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';

/** a figure: digits that are not a year or a document symbol's part, a percentage, or a number word */
const NUMBER = new RegExp(`(?<![\\p{L}/.\\d-])(?!(?:19|20)\\d\\d(?!\\d))\\d[\\d,. ]*\\d*(?:\\s?%| per ?cent)?(?![\\p{L}/\\d])|\\b(?:${NUMBER_WORDS})\\b`, 'iu');
/** a date: a year, or a month's name */
const DATE = new RegExp(`(?<![\\d/.-])(?:19|20)\\d\\d(?![\\d/])|\\b(?:${MONTHS})\\b`, 'i');
/**
 * a name of who did something: an asker or signatory before a colon or a comma ("Amnesty International USA,
 * Marselha …"), a State in brackets after a recommendation ("(Ireland);"), or two capitalised words in a row
 */
const NAME = /(?:^|[.;:]\s)[\p{Lu}][\p{L}'’.-]+(?:\s(?:of|for|the|and|de|la|del|y|on|in)?\s?[\p{Lu}][\p{L}'’.-]+)+\s?[:,(]|\((?:[\p{Lu}][\p{L}-]+\s?){1,4}\)[;.]?$|submitted by|signed by|on behalf of|\b[\p{Lu}][\p{Ll}]+\s[\p{Lu}][\p{Ll}]+/u;

/** Whether a piece of text holds the kind of thing the question wants (always true for a "what" question). */
export function holdsAnswerType(text: string, type: AnswerType): boolean {
  switch (type) {
    case 'how-many':
      return NUMBER.test(text);
    case 'when':
      return DATE.test(text);
    case 'who':
      return NAME.test(text);
    default:
      return true;
  }
}
