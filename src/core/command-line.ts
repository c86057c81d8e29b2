import { typed, UserError } from '../kernel/errors.js';

/** A command line split into words and flags, the way people type it in any chat. */
export interface CommandLine {
  /** the command word as typed ('' when the line is free text for `ask`) */
  name: string;
  /** the words after the command, quotes removed */
  words: string[];
  /** --flag value / --flag=value / --flag */
  flags: Record<string, string | true>;
  /** the text after the command word, exactly as typed (for free-text arguments) */
  rest: string;
}

export type FlagSpec = Record<string, 'value' | 'boolean'>;

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '”': '”', "'": "'", '«': '»' };

/** Splits text into words, keeping "quoted phrases" (straight or typographic quotes) together. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const open = text[i]!;
    const close = QUOTES[open];
    if (close) {
      const end = text.indexOf(close, i + 1);
      if (end > i) {
        words.push(text.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) j++;
    words.push(text.slice(i, j));
    i = j;
  }
  return words;
}

/**
 * Reads the words after a command: flags the command declares are taken out, anything else that looks
 * like a flag is an error (so a typo never silently becomes an argument).
 */
export function parseArguments(name: string, rest: string, spec: FlagSpec): CommandLine {
  const words: string[] = [];
  const flags: Record<string, string | true> = {};
  const all = splitWords(rest);
  for (let i = 0; i < all.length; i++) {
    const w = all[i]!;
    // A command without options (ask) takes "--" as part of what was typed: a question may contain one.
    const m = Object.keys(spec).length ? /^--([a-z][a-z-]*)(?:=(.*))?$/i.exec(w) : null;
    if (!m) {
      words.push(w);
      continue;
    }
    const flag = m[1]!.toLowerCase();
    const kind = spec[flag];
    if (!kind) {
      const known = Object.keys(spec).map((f) => `--${f}`);
      throw new UserError(
        'unknown-flag',
        `\`${name}\` has no option --${flag}.`,
        known.length ? `Its options are ${known.join(', ')}.` : `Type \`help ${name}\` to see how to use it.`,
        { flag, command: name },
      );
    }
    if (kind === 'boolean') {
      flags[flag] = true;
    } else if (m[2] !== undefined) {
      flags[flag] = m[2];
    } else if (i + 1 < all.length) {
      flags[flag] = all[++i]!;
    } else {
      throw new UserError('missing-flag-value', `The option --${flag} needs a value.`, `Type \`help ${name}\` for an example.`, { flag, command: name });
    }
  }
  return { name, words, flags, rest: rest.trim() };
}

/**
 * `parse` for a command that takes nothing after its name: extra words are refused with a sentence, never
 * ignored (ignoring them does the broader thing: `reminders for Mexico` would list every State's).
 */
export function noWords(line: CommandLine): Record<string, never> {
  if (line.rest) {
    throw new UserError('extra-words', `\`${line.name}\` takes nothing after it, so I did not act on "${typed(line.rest)}".`, `Type \`${line.name}\` on its own (\`help ${line.name}\` says what it does).`, { words: typed(line.rest), usage: line.name });
  }
  return {};
}
