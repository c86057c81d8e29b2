import { UserError } from '../kernel/errors.js';

/**
 * How State names are read out of typed words. A name may be several words ("Costa Rica", "Saint Vincent and
 * the Grenadines"): the longest run of words that names a State wins.
 */

/** At least as many words as the longest name or alias of a State has (9 today, in Spanish and French); a test checks it. */
export const MAX_STATE_NAME_WORDS = 10;

/**
 * The State named at the start of `words`, and the words after it. When no run of words names a State, the
 * error is `resolve`'s for the first word alone, so it names what was typed.
 */
export function takeState<S>(words: string[], resolve: (name: string) => S): { state: S; rest: string[] } {
  if (!words.length) throw new UserError('no-state', 'Which State?', 'Name it first, such as `Mexico`.');
  for (let n = Math.min(MAX_STATE_NAME_WORDS, words.length); n > 1; n--) {
    try {
      return { state: resolve(words.slice(0, n).join(' ')), rest: words.slice(n) };
    } catch {
      // not a State under this many words; try fewer
    }
  }
  return { state: resolve(words[0]!), rest: words.slice(1) };
}

/** Every State named in `words`, one after another: "Costa Rica Mexico" names two. */
export function statesIn<S>(words: string[], resolve: (name: string) => S): S[] {
  const found: S[] = [];
  for (let rest = words; rest.length; ) {
    const taken = takeState(rest, resolve);
    found.push(taken.state);
    rest = taken.rest;
  }
  return found;
}
