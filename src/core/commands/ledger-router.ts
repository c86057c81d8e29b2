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
  /** who asked the tracked questions, as the letters name them ("I(dh)eas, Litigio Estratégico…"): "what does Mexico owe I(dh)eas?" */
  askers?: string[];
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

/** "what changed this week?", "¿qué cambió esta semana?": the audit log's recent entries. */
const CHANGED = [
  /\b(what|anything)\b.{0,20}\b(changed|happened|new|updated?)\b.{0,30}\b(this|last|past) (week|few days|days)\b/,
  /\b(changes|updates|news)\b.{0,30}\b(this|last|past) week\b/,
  /\bwhat (changed|has changed|is new|s new) in the ledger\b/,
  /\b(que|algo)\b.{0,20}\b(cambio|cambiado|cambiaron|paso|hay de nuevo|novedades)\b.{0,30}\b(esta|la ultima|la pasada) semana\b/,
  /\b(cambios|novedades)\b.{0,30}\b(esta|la ultima|la pasada) semana\b/,
];

/** "questions about disappearance", "preguntas sobre desaparición": the topic a ledger question names. */
const TOPIC = [
  /\b(?:about|on|regarding|concerning|related to)\s+(?:the\s+)?(?<topic>[a-z][a-z ]{2,40}?)\s+(?:are|is|that|which|remain\w*|still|has|have|not|does|do|did)\b/,
  /\b(?:about|on|regarding|concerning)\s+(?:the\s+)?(?<topic>[a-z][a-z ]{2,40}?)$/,
  /\b(?:sobre|acerca de|relativas? a|en materia de)\s+(?:la |el |los |las )?(?<topic>[a-z][a-z ]{2,40}?)\s+(?:siguen|sigue|estan|esta|quedan|queda|no|que|faltan|falta|aun|todavia)\b/,
  /\b(?:sobre|acerca de|relativas? a|en materia de)\s+(?:la |el |los |las )?(?<topic>[a-z][a-z ]{2,40}?)$/,
];

/** A value for a command line: quoted when it has spaces or characters the line splitter would take apart. */
export const arg = (v: string) => (/^[\p{L}\p{N}().'-]+$/u.test(v) ? v : `"${v.replace(/"/g, '')}"`);

export function routeToLedger(question: string, ctx: LedgerRouteContext): string | undefined {
  const t = fold(question);
  if (CHANGED.some((re) => re.test(t))) return 'changes';
  const state = findState(t, ctx);
  const only = ctx.tracked.length === 1 ? ctx.tracked[0] : undefined;
  for (const re of WHO_ASKED) {
    const m = re.exec(t);
    const n = m?.groups?.n;
    const who = state ?? only;
    if (n && who) return `question ${arg(who)} ${n}`;
  }
  if (DEADLINE.some((re) => re.test(t))) return 'deadlines';
  if (OWED.some((re) => re.test(t))) {
    const base = state ? `outstanding ${arg(state)}` : 'outstanding';
    const asker = findAsker(question, ctx.askers ?? []);
    if (asker) return `${base} --asker ${arg(asker)}`;
    const topic = TOPIC.map((re) => re.exec(t)?.groups?.topic?.trim()).find((x) => x && !isStateWords(x, ctx) && !/^(questions?|preguntas?|it|them|this|that|mexico)$/.test(x));
    if (topic) return `${base} --topic ${arg(topic)}`;
    return base;
  }
  return undefined;
}

const isStateWords = (words: string, ctx: LedgerRouteContext) => ctx.stateOf(words) !== undefined;

/** An asker the question names: any part of an asker's name (between commas) of five letters or more, punctuation aside. */
function findAsker(question: string, askers: string[]): string | undefined {
  const squash = (s: string) => foldAccents(s).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const q = ` ${foldAccents(question).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const qs = squash(question);
  for (const asker of askers) {
    for (const part of asker.split(/[,;]/).map((x) => x.trim()).filter(Boolean)) {
      const words = ` ${foldAccents(part).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
      const squashed = squash(part);
      if (squashed.length >= 5 && (q.includes(words) || (/[()]/.test(part) && qs.includes(squashed)))) return part;
    }
  }
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
