import { loadLexicon } from '../../corpus/expansion.js';
import type { Glossary } from '../../corpus/glossary.js';
import { foldAccents } from '../../kernel/text.js';

/**
 * "desaparición", "disappearance", "journalists": whether a question is on a topic. A topic matches a question
 * that holds one of its words (from the fifth letter on, a word's stem: "disappear" finds "disappearances"), or,
 * through the Spanish–English lexicon of the field, one of its translations: the ledger's questions are written
 * in the letter's language, the asker may use the other one.
 */
let lexicon: Glossary | undefined;

const fold = (s: string) => foldAccents(s).toLowerCase();
const STOP = new Set('the of and or on about for to in a an la el los las de del sobre y o en un una que'.split(' '));

function stem(word: string): string {
  return word.length > 6 ? word.slice(0, Math.max(5, word.length - 3)) : word;
}

export function topicMatcher(topic: string): (text: string) => boolean {
  lexicon ??= loadLexicon();
  const typed = fold(topic);
  const alternatives = lexicon.find(topic).flatMap((m) => m.alternatives.map(fold));
  // A translation is kept when another way of saying it shares its first letters ("desaparición" → disappeared,
  // disappearance), which drops a loose sense of the word ("missing") that would pull in unrelated questions.
  const head = (w: string) => w.slice(0, 4);
  const all = [typed, ...alternatives];
  const phrasings = new Set<string>([typed, ...alternatives.filter((a) => all.some((b) => b !== a && head(b) === head(a)))]);
  // each phrasing: every one of its words (stemmed) must be in the question
  const wanted = [...phrasings].map((p) => (p.match(/\p{L}+|\p{N}+/gu) ?? []).filter((w) => !STOP.has(w)).map(stem)).filter((ws) => ws.length);
  return (text) => {
    const words = fold(text).match(/\p{L}+|\p{N}+/gu) ?? [];
    return wanted.some((ws) => ws.every((w) => words.some((x) => x.startsWith(w))));
  };
}
