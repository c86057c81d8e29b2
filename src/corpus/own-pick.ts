import { fold } from './clean.js';
import { lexiconByStem, loadLexicon, spanishStem } from './expansion.js';
import { lunr } from './lunr-setup.js';
import { isStopWord } from './question.js';

/**
 * "Can you recommend a good laptop…?", "¿Me recomiendas una serie…?", "What is the best phone…?", "¿Cuál es el
 * mejor restaurante…?": the asker wants the assistant's own pick of a thing, not what a body recommended. The
 * frame is the verb addressed to the assistant, or a question that opens by asking for the best (folded, plain).
 */
const OWN_PICK = new RegExp(
  [
    String.raw`\b(?:can|could|would|will|do) you (?:please )?(?:recommend|suggest)`,
    String.raw`\bwhat do you (?:recommend|suggest)`,
    String.raw`\b(?:recommend|suggest) me`,
    String.raw`^(?:please )?(?:recommend|suggest)`,
    // "¿me recomiendas…?" (tú), "¿me recomienda…?" (usted), "¿me recomiendan…?" (ustedes: the channel)
    String.raw`\b(?:me|nos) (?:recomiendas|recomienda|recomiendan|recomendarias|recomendaria|recomendarian|sugieres|sugiere|sugieren|aconsejas|aconseja|aconsejan)`,
    String.raw`\b(?:recomiendame|sugiereme|aconsejame)`,
    String.raw`^(?:what|which) (?:is|are|s) (?:the )?(?:very )?best`,
    String.raw`^best`,
    String.raw`^(?:cual|cuales) (?:es|son) (?:el|la|los|las) (?:mejor|mejores)`,
    String.raw`^(?:el|la|los|las) (?:mejor|mejores)`,
    // "where can I find the best tacos…", "¿dónde puedo comer los mejores tacos…?"
    String.raw`\bwhere (?:can|do|should|could) (?:i|we) (?:find|get|eat|buy|have) (?:the )?(?:best|good|a good|some good)`,
    String.raw`\bdonde (?:puedo|podemos|se puede|hay) (?:encontrar |comer |comprar |tomar )?(?:los |las |el |la |un |una |unos |unas )?(?:mejor|mejores|buen|buenos|buena|buenas)`,
  ].join('|') + String.raw`\b`,
);
/** the words that open a question naming the thing picked before the verb ("qué bloqueador solar me recomiendan") */
const PICK_FIRST = new Set(['que', 'cual', 'cuales', 'what', 'which']);
/** a thing that is no thing to pick: "the best way to report…" asks how, and is searched as asked */
const WAYS = new Set(['way', 'ways', 'manner', 'means', 'manera', 'maneras', 'forma', 'formas', 'modo', 'modos']);
/** what may stand between the verb and the thing picked: articles, "some", "a good" is kept (good is the asker's word) */
const DETERMINERS = new Set(['a', 'an', 'some', 'any', 'the', 'un', 'una', 'unos', 'unas', 'algun', 'alguna', 'algunos', 'algunas', 'algo', 'me', 'nos']);

let fieldForms: { words: Set<string>; english: Set<string>; spanish: Map<string, string[]> } | undefined;

/** The one-word forms of the field lexicon (lexicon/es-en.json): as written, by English stem, by Spanish stem. */
function field() {
  if (fieldForms) return fieldForms;
  const words = new Set<string>();
  const english = new Set<string>();
  for (const entry of loadLexicon().entries) {
    for (const term of entry.terms) {
      const w = plainWord(term);
      if (!w || w.includes(' ')) continue;
      words.add(w);
      english.add(englishStem(w));
    }
  }
  return (fieldForms = { words, english, spanish: lexiconByStem() });
}

function plainWord(term: string): string {
  return fold(term).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function englishStem(word: string): string {
  return (lunr.stemmer as unknown as (t: lunr.Token) => lunr.Token)(new lunr.Token(word, {})).toString();
}

/** Whether the field lexicon knows the word (as written, or a form of the same English or Spanish stem). */
export function isFieldWord(word: string): boolean {
  const f = field();
  return f.words.has(word) || f.english.has(englishStem(word)) || f.spanish.has(spanishStem(word));
}

/**
 * The words of the thing a request for the assistant's own pick asks for ("a good laptop" → good, laptop; "una
 * serie de Netflix" → serie), when none of them is a word of the field: such a request is answered only by a
 * passage that names that thing. Empty when the question is no such request, or when it asks for a thing of the
 * field ("can you recommend a report on torture"), or for a clause ("can you recommend what to ask Mexico").
 * `ws`: the question's words, plain (see named-things.ts); `isPlace`: whether a word names a country or its people.
 */
export function ownPickOutsideField(ws: string[], isPlace: (word: string) => boolean = () => false): string[] {
  const text = ws.join(' ');
  const m = OWN_PICK.exec(text);
  if (!m) return [];
  let i = (m.index === 0 ? 0 : text.slice(0, m.index).trim().split(' ').length) + m[0].split(' ').length;
  while (i < ws.length && DETERMINERS.has(ws[i]!)) i++;
  const thing: string[] = [];
  for (; i < ws.length && !isStopWord(ws[i]!) && !/^\d+$/.test(ws[i]!); i++) thing.push(ws[i]!);
  // the thing asked first ("¿qué bloqueador solar me recomiendan?", "which laptop would you recommend?")
  if (!thing.length && m.index > 0 && PICK_FIRST.has(ws[0]!)) for (let k = 1; k < ws.length && !isStopWord(ws[k]!) && !/^\d+$/.test(ws[k]!); k++) thing.push(ws[k]!);
  // a place's name or adjective is no thing of the field ("a good Italian restaurant")
  return thing.some((w) => (isFieldWord(w) && !isPlace(w)) || WAYS.has(w)) ? [] : thing;
}
