/**
 * A UserError is a mistake the user can fix: it becomes a one-sentence reply with a hint, changes nothing,
 * and is not logged as a fault. Anything else thrown while handling a command is a bug: logged with its
 * cause and context (never the message text), and the user gets a short apology.
 */
export class UserError extends Error implements CodedError {
  constructor(
    readonly code: string,
    readonly sentence: string,
    readonly hint?: string,
    /** the values the sentence names, for its other languages (locales' `errors.<code>`): { state: 'Mexico' } */
    readonly params?: Record<string, string | number>,
  ) {
    super(sentence);
    this.name = 'UserError';
  }
}

/**
 * An error with a code a log can carry without its message (messages may hold user text, names or paths
 * an operator did not ask to log). Modelled on Bolt's CodedError and asCodedError.
 */
export interface CodedError extends Error {
  code: string;
  /** the error this one stands for, when it was given a code afterwards */
  original?: unknown;
  /** the file or folder an operating-system error is about */
  path?: string;
}

/**
 * Any thrown value as a CodedError: one with a code already is returned as it is; anything else gets the
 * first code it carries (a Node errno code, a Matrix errcode, a Slack API error), else its name, else
 * `fallback`.
 */
export function asCodedError(err: unknown, fallback = 'unknown'): CodedError {
  if (err instanceof Error && typeof (err as Partial<CodedError>).code === 'string') return err as CodedError;
  const e = (err ?? {}) as { errcode?: unknown; data?: { error?: unknown }; name?: unknown; message?: unknown; path?: unknown };
  const code = [e.errcode, e.data?.error, err instanceof Error ? err.name : undefined].find((c): c is string => typeof c === 'string' && c.length > 0) ?? fallback;
  const coded = new Error(err instanceof Error ? err.message : String(err)) as CodedError;
  coded.name = 'CodedError';
  coded.code = code;
  coded.original = err;
  if (typeof e.path === 'string') coded.path = e.path;
  return coded;
}

/** What someone typed, as a reply may quote it: never more than `max` characters (a reply must not echo a flood). */
export const typed = (s: string, max = 40): string => (s.length > max ? `${Array.from(s.slice(0, max * 2)).slice(0, max).join('')}…` : s);
