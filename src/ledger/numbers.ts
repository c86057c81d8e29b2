import { UserError } from '../kernel/errors.js';

/** The most question numbers one command may name: a letter has dozens, never thousands. */
const MAX_SPAN = 500;

/**
 * Reads question numbers as people type them: `5`, `5,7,9`, `19-36`, `2.4`, `2.1-2.5`, or several of those
 * separated by commas or spaces. Returns the labels in the order given, without repeats; every label must
 * be one of `known` (the letter's labels, in order).
 */
export function parseQuestionNumbers(spec: string, known: string[], letterId: string): string[] {
  const parts = spec.split(/[\s,;]+/).filter(Boolean);
  if (!parts.length) throw new UserError('no-numbers', 'Which questions? Give their numbers.', 'For example `5`, `5,7,9` or `19-36`.');
  const out: string[] = [];
  const range = describeRange(known);
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)(?:\s*[-–]\s*(\d+(?:\.\d+)?))?$/.exec(part);
    if (!m) throw new UserError('bad-numbers', `"${part.slice(0, 40)}" is not a question number.`, 'Use numbers like `5`, `5,7,9` or `19-36`.');
    // Labels are compared as written, so "1-999999999" costs one lookup, never a billion-step loop.
    if (part.length > 20) throw new UserError('range-too-long', `"${part.slice(0, 40)}" is not a range of questions in ${letterId}.`, `Its questions are ${range}.`);
    const [from, to] = [m[1]!, m[2]];
    const fromIndex = known.indexOf(from);
    if (fromIndex < 0) throw new UserError('no-such-question', `There is no question ${from.slice(0, 20)} in ${letterId}.`, `Its questions are ${range}.`);
    if (to === undefined) {
      out.push(from);
      continue;
    }
    const toIndex = known.indexOf(to);
    if (toIndex < 0) throw new UserError('no-such-question', `The range ${part.slice(0, 40)} runs past the questions of ${letterId}: there is no question ${to.slice(0, 20)}.`, `Its questions are ${range}.`);
    if (toIndex < fromIndex) throw new UserError('backwards-range', `The range ${part} runs backwards.`, `Write it low to high, such as ${to}-${from}.`);
    if (toIndex - fromIndex >= MAX_SPAN) throw new UserError('range-too-long', `The range ${part} is too long.`, `Name at most ${MAX_SPAN} questions at once.`);
    out.push(...known.slice(fromIndex, toIndex + 1));
  }
  return [...new Set(out)];
}

/** "1–36", or "1.1–1.5, 2.1–2.11, 3.1–3.2" for a letter numbered by section */
export function describeRange(labels: string[]): string {
  if (!labels.length) return 'none';
  const groups = new Map<string, string[]>();
  for (const l of labels) {
    const key = l.includes('.') ? l.split('.')[0]! : '';
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.values()].map((g) => (g.length === 1 ? g[0] : `${g[0]}–${g.at(-1)}`)).join(', ');
}

/** Whether a word reads as question numbers (so what follows it is a note). */
export const looksLikeNumbers = (word: string) => /^[\d.,\-–]+$/.test(word) && /\d/.test(word);
