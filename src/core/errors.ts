/**
 * A UserError is a mistake the user can fix: it becomes a one-sentence reply with a hint, changes nothing,
 * and is not logged as a fault. Anything else thrown while handling a command is a bug: logged with its
 * cause and context (never the message text), and the user gets a short apology.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    readonly sentence: string,
    readonly hint?: string,
  ) {
    super(sentence);
    this.name = 'UserError';
  }
}

/** What someone typed, as a reply may quote it: never more than `max` characters (a reply must not echo a flood). */
export const typed = (s: string, max = 40): string => (s.length > max ? `${Array.from(s.slice(0, max * 2)).slice(0, max).join('')}…` : s);
