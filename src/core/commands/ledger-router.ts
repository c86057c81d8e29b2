import { foldAccents } from '../../kernel/text.js';

/**
 * Questions about the ledger, however phrased, in English or Spanish ("which questions has Mexico not answered
 * yet?", "¿Qué le falta responder a México?", "When does Mexico have to reply?"), as the command that answers them.
 * A question about what documents say stays a document search: the router needs ledger words (owe, outstanding,
 * deadline, who asked question N…), not just a State or a date.
 */
export interface LedgerRouteContext {
  /** the State a word run names, or undefined */
  stateOf(words: string): string | undefined;
  /** the tracked States' names (a question with none named means the only one, when there is one) */
  tracked: string[];
}

const fold = (s: string) => foldAccents(s).toLowerCase().replace(/[¿?¡!.,;:()"“”']+/g, ' ').replace(/\s+/g, ' ').trim();

const WHO_ASKED = [
  /\b(who|which (organi[sz]ation|group|ngo|mission|member|state))\b.{0,30}\b(asked|posed|put|submitted|wrote|sent|raised)\b.{0,20}\b(question|q|n(o|umber)?)\s*(?<n>\d{1,3}(?:\.\d{1,2})?)\b/,
  /\b(quien|quienes|que (organizacion|grupo|ong|mision|estado))\b.{0,30}\b(hizo|formulo|planteo|pregunto|envio|escribio|pidio)\b.{0,20}\b(pregunta|la|n(o|umero)?)\s*(?<n>\d{1,3}(?:\.\d{1,2})?)\b/,
];
const DEADLINE = [
  /\b(deadlines?|due|overdue|late|by when|until when)\b/,
  /\bwhen\b.{0,40}\b(reply|replies|respond\w*|answer\w*)\b/,
  /\b(plazos?|fecha limite|vence\w*|vencid\w*|atrasad\w*|retrasad\w*|hasta cuando)\b/,
  /\bcuando\b.{0,40}\b(respond\w*|contest\w*)\b/,
];
const OWED = [
  /\b(owes?|owed|owing|outstanding|unanswered|pending|still missing|missing)\b/,
  /\b(not|n t|never|yet|still|so far|all|open|left)\b.{0,40}\b(answer\w*|repl\w*|respond\w*|questions?)\b/,
  /\b(answer\w*|repl\w*|respond\w*|questions?)\b.{0,40}\b(not|yet|still|so far|open|left|pending)\b/,
  /\bhow many\b.{0,30}\b(answer\w*|repl\w*|respon\w*|questions?)\b/,
  /\b(falta\w*|pendientes?|sin respuesta|sin responder|debe|deben|adeuda\w*)\b/,
  /\b(no ha|no han|aun no|todavia no|ya)\b.{0,30}\b(respond\w*|contest\w*)\b/,
  /\bcuant[ao]s\b.{0,30}\b(pregunta\w*|respuesta\w*|respond\w*|contest\w*)\b/,
];

export function routeToLedger(question: string, ctx: LedgerRouteContext): string | undefined {
  const t = fold(question);
  const state = findState(t, ctx);
  const only = ctx.tracked.length === 1 ? ctx.tracked[0] : undefined;
  for (const re of WHO_ASKED) {
    const m = re.exec(t);
    const n = m?.groups?.n;
    const who = state ?? only;
    if (n && who) return `question ${who} ${n}`;
  }
  if (DEADLINE.some((re) => re.test(t))) return 'deadlines';
  if (OWED.some((re) => re.test(t))) return state ? `outstanding ${state}` : 'outstanding';
  return undefined;
}

/** A State named in the text by a run of up to three words; short words ("us", "de", "no") are never taken for one. */
function findState(t: string, ctx: LedgerRouteContext): string | undefined {
  const words = t.split(' ');
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const run = words.slice(i, i + size).join(' ');
      if (run.length < 4) continue;
      const s = ctx.stateOf(run);
      if (s) return s;
    }
  }
  return undefined;
}
