import { wordsAfterPersonCues } from './persons.js';
import { fold } from './clean.js';
import { isCountryName, plain, type NamedThing } from './named-things.js';
import { phrasingWeight, words, type Concept } from './question.js';

/**
 * Places and names in a question, as the ranking reads them (search-index.ts): a country named in several words is
 * one concept; a country named weighs less than the question's other words; a name the library never mentions
 * leaves an English question unanswered.
 */

/** how much a country the question names weighs in the coverage, beside its other concepts */
const PLACE_WEIGHT = 0.5;

/**
 * A country named in several words ("United Kingdom", "Costa Rica") is one thing asked, not two: its words
 * become one concept, said as asked, so that they count once among the things a passage holds.
 */
export function oneConceptACountry(concepts: Concept[], things: NamedThing[]): Concept[] {
  let out = concepts;
  for (const thing of things) {
    if (thing.kind !== 'country') continue;
    for (const name of thing.names) {
      const ws = name.split(' ');
      if (ws.length < 2) continue;
      const at = out.findIndex((_, k) => ws.every((w, j) => fold(out[k + j]?.asked ?? '') === w));
      if (at < 0) continue;
      const merged: Concept = { asked: out.slice(at, at + ws.length).map((c) => c.asked).join(' '), phrasings: [ws] };
      out = [...out.slice(0, at), merged, ...out.slice(at + ws.length)];
      break;
    }
  }
  return out;
}

/** how much another name of a country counts beside the one asked (as the lexicon's translations count) */
const OTHER_NAME_WEIGHT = 0.7;

/**
 * A country is asked by one of its names and named by the library with another: "Turkey" / "Turquía" for the
 * Türkiye of a UN report, "Brasil" for Brazil, "Países Bajos" for the Netherlands. A concept that is a country's name
 * (not a nationality adjective: "German" in "German-speaking" stays a word) is also said by the country's other names
 * (English and Spanish, from i18n-iso-countries) that the library writes, so that what the country recommended or said
 * ranks. `held`: whether the library holds a phrasing's words.
 */
export function countryByEveryName(concepts: Concept[], things: NamedThing[], held: (words: string[]) => boolean = () => true): Concept[] {
  const countries = things.filter((t) => t.kind === 'country');
  if (!countries.length) return concepts;
  return concepts.map((c) => {
    const asked = plain(c.asked);
    const country = countries.find((t) => t.names.includes(asked));
    // only a name the library does not write needs the others (each of them a list of passages to score)
    if (!country || !isCountryName(asked) || held(c.phrasings[0]!)) return c;
    const said = new Set(c.phrasings.map((p) => plain(p.join(' '))));
    const others = country.names.filter((n) => !said.has(n) && isCountryName(n) && held(n.split(' ')));
    if (!others.length) return c;
    return {
      ...c,
      phrasings: [...c.phrasings, ...others.map((n) => n.split(' '))],
      weights: [...c.phrasings.map((_, pi) => phrasingWeight(c, pi)), ...others.map(() => OTHER_NAME_WEIGHT)],
    };
  });
}

/**
 * What each concept's weight is multiplied by: a country the question names must be named by the passage anyway
 * (named-things.ts), which every passage of that country's documents does, so its name says less of what was asked
 * than the question's other words (PLACE_WEIGHT); 1 for the others, and for all when the question names nothing else.
 */
export function placeWeights(concepts: Concept[], things: NamedThing[]): number[] {
  const placeWords = new Set(things.filter((t) => t.kind === 'country').flatMap((t) => t.names.flatMap((n) => n.split(' '))));
  const isPlace = (c: Concept) => placeWords.size > 0 && c.asked.split(' ').every((w) => placeWords.has(fold(w)));
  if (concepts.every(isPlace)) return concepts.map(() => 1);
  return concepts.map((c) => (isPlace(c) ? PLACE_WEIGHT : 1));
}

/**
 * An English question that names, in mid-sentence, a place, person or thing the library never mentions
 * ("the Slovene minority in Carinthia", "a hotel near Barcelona airport", "Secretary Antony Blinken") asks about
 * something the library does not hold: whatever passage its other words meet answers another question. A
 * capitalised word counts when it is a concept of its own (not part of a glossary term) and no way of saying it
 * in the asker's or the glossary's words is in any passage (`df`: in how many passages a stemmed term is);
 * acronyms (all capitals) do not count. In a question typed all in lower case, the word after a title counts.
 */
export function namesUnknown(question: string, stemmed: { concept: Concept; phrasings: string[][] }[], df: (term: string) => number, inDictionary: (word: string) => boolean = () => false): boolean {
  const capitalised = [...question.slice(0, 2000).matchAll(/(?<=[^\s.?!:;¿¡"“]\s+)(\p{Lu}\p{Ll}+)(?:['’]s)?(?![\p{L}\d])/gu)].map((m) => m[1]!);
  // typed all in lower case: the word after a title ("secretary blinken") is the name, unless the dictionary knows it
  // ("when was the letter to the minister sent")
  for (const name of [...capitalised, ...wordsAfterPersonCues(question.slice(0, 2000)).filter((w) => !inDictionary(w))]) {
    const word = words(name)[0];
    const concept = stemmed.find((s) => !s.concept.fromGlossary && s.concept.asked === word);
    if (concept && concept.phrasings.every((p, pi) => phrasingWeight(concept.concept, pi) < 0.7 || p.some((t) => df(t) === 0))) return true;
  }
  return false;
}
