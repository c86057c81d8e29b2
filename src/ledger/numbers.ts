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
    if (!m) throw new UserError('bad-numbers', `"${part.slice(0, 40)}" is not a question number.`, 'Use numbers like `5`, `5,7,9` or `19-36`.', { part: part.slice(0, 40) });
    // Labels are compared as written, so "1-999999999" costs one lookup, never a billion-step loop.
    if (part.length > 20) throw new UserError('range-too-long', `"${part.slice(0, 40)}" is not a range of questions in ${letterId}.`, `Its questions are ${range}.`);
    const [from, to] = [m[1]!, m[2]];
    const fromIndex = known.indexOf(from);
    if (fromIndex < 0) throw new UserError('no-such-question', `There is no question ${from.slice(0, 20)} in ${letterId}.`, `Its questions are ${range}.`, { label: from.slice(0, 20), letter: letterId, range });
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

/**
 * Question labels as runs of consecutive numbers, within a section for section-qualified labels:
 * ["1","2","3","5"] → "1–3, 5"; ["2.1","2.2","2.3","3.1"] → "2.1–2.3, 3.1". A run of two reads "7, 8", or
 * "7–8" with `pairsAsRange` (how a letter's whole numbering is described).
 */
export function labelRanges(labels: string[], { pairsAsRange = false } = {}): string {
  const parts = labels.map((l) => /^(.*?)(\d+)$/.exec(l));
  const follows = (a: number, b: number) => {
    const x = parts[a];
    const y = parts[b];
    return !!x && !!y && x[1] === y[1] && Number(y[2]) === Number(x[2]) + 1;
  };
  const out: string[] = [];
  let i = 0;
  while (i < labels.length) {
    let j = i;
    while (j + 1 < labels.length && follows(j, j + 1)) j++;
    out.push(j > i + 1 || (j === i + 1 && pairsAsRange) ? `${labels[i]}–${labels[j]}` : j === i + 1 ? `${labels[i]}, ${labels[j]}` : labels[i]!);
    i = j + 1;
  }
  return out.join(', ');
}

/** A letter's questions: "1–36", or "1.1–1.5, 2.1–2.11, 3.1–3.2" for a letter numbered by section; "none". */
export const describeRange = (labels: string[]): string => (labels.length ? labelRanges(labels, { pairsAsRange: true }) : 'none');

/** Whether a word reads as question numbers (so what follows it is a note). */
export const looksLikeNumbers = (word: string) => /^[\d.,\-–]+$/.test(word) && /\d/.test(word);
