import { fold } from './clean.js';
import { isStopWord } from './question.js';

/**
 * Words that introduce a person (the longer cue first: "Secretary-General" is a title, not Mr General) by title or as the one a crime was done to: "Secretary of State Antony Blinken",
 * "la Relatora Especial Mary Lawlor", "el asesinato de Berta Cáceres" (folded word sequences).
 */
const CUES = [
  'secretary general', 'secretario general', 'secretaria general', 'secretary of state', 'secretary', 'president', 'minister', 'ambassador', 'rapporteur', 'senator', 'judge', 'commissioner',
  'mr', 'ms', 'mrs', 'dr', 'murder of', 'killing of', 'assassination of', 'disappearance of', 'case of',
  'secretario de estado', 'secretaria de estado', 'secretario', 'secretaria', 'presidente', 'presidenta', 'ministro', 'ministra',
  'embajador', 'embajadora', 'relator especial', 'relatora especial', 'relator', 'relatora', 'senador', 'senadora', 'juez', 'jueza',
  'comisionado', 'comisionada', 'sr', 'sra', 'asesinato de', 'homicidio de', 'desaparicion de', 'caso de',
].map((c) => c.split(' '));

/**
 * The surnames of the persons a question names after a title or a crime ("… Antony Blinken" → blinken): the
 * capitalised words that follow the cue (not words of asking, nor countries or words of the field: `isKnown`), the last of them. A
 * passage (or its document's title or author) must name that person for it to answer.
 */
export function personsNamed(question: string, isKnown: (word: string) => boolean): string[] {
  const { tokens, folded, cues } = readCues(question);
  const found = new Set<string>();
  let from = 0;
  for (const { at, end } of cues) {
    if (at < from) continue; // a cue's words inside the name after the previous cue
    let j = end;
    const name: string[] = [];
    while (j < tokens.length && /^\p{Lu}/u.test(tokens[j]!) && !isStopWord(folded[j]!) && !isKnown(folded[j]!) && name.length < 4) name.push(folded[j++]!);
    if (name.length) found.add(name[name.length - 1]!);
    from = j;
  }
  return [...found];
}

/** The question's words as typed and folded, and where each title or crime cue starts and ends (the word a name would start at). */
function readCues(question: string): { tokens: string[]; folded: string[]; cues: { at: number; end: number }[] } {
  const tokens = question.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const folded = tokens.map((t) => fold(t).replace(/['’-]/g, ''));
  const cues: { at: number; end: number }[] = [];
  for (let i = 0; i < folded.length; i++) {
    const cue = CUES.find((c) => c.every((w, k) => folded[i + k] === w));
    if (!cue) continue;
    cues.push({ at: i, end: i + cue.length });
    i += cue.length - 1;
  }
  return { tokens, folded, cues };
}

/**
 * In a question typed all in lower case ("what did secretary blinken ask"), the word after each title or crime cue:
 * capitals cannot say where a name is, the cue still can.
 */
export function wordsAfterPersonCues(question: string): string[] {
  if (/\p{Lu}/u.test(question)) return [];
  const { folded, cues } = readCues(question);
  return cues.map(({ end }) => folded[end]).filter((w): w is string => !!w && !isStopWord(w));
}
