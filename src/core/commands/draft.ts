import { z } from 'zod';
import { maskedLedger } from '../../ledger/privacy.js';
import { UserError } from '../../kernel/errors.js';
import { takeState } from '../../ledger/state-words.js';
import type { LetterForState } from '../../ledger/service.js';
import { reply } from '../../kernel/reply.js';
import { longDay } from '../../kernel/i18n.js';
import type { Command } from '../registry.js';
import { firstLine } from './ledger-views.js';

type Lang = 'en' | 'es';

const WORDS: Record<Lang, { greeting: string; intro: (title: string, date: string) => string; deadline: (d: string) => string; open: string; list: (n: number) => string; close: string; asked: string; sent: string }> = {
  en: {
    greeting: 'Your Excellency,',
    intro: (title, date) => `We write further to our letter “${title}”${date ? ` of ${date}` : ''}.`,
    deadline: (d) => `We had asked for your answers by ${d}.`,
    open: 'We would be grateful for your answers at your earliest convenience.',
    list: (n) => `The following ${n === 1 ? 'question remains' : `${n} questions remain`} unanswered:`,
    close: 'We remain at your disposal and look forward to your answers.\n\nYours sincerely,',
    asked: 'asked by',
    sent: 'A draft to copy: nothing was sent.',
  },
  es: {
    greeting: 'Excelencia:',
    intro: (title, date) => `Nos dirigimos a usted en seguimiento a nuestra carta «${title}»${date ? ` del ${date}` : ''}.`,
    deadline: (d) => `Habíamos solicitado sus respuestas a más tardar el ${d}.`,
    open: 'Le agradeceríamos recibir sus respuestas a la mayor brevedad.',
    list: (n) => (n === 1 ? 'La siguiente pregunta sigue sin respuesta:' : `Las siguientes ${n} preguntas siguen sin respuesta:`),
    close: 'Quedamos a su disposición y en espera de sus respuestas.\n\nAtentamente,',
    asked: 'formulada por',
    sent: 'Un borrador para copiar: no se envió nada.',
  },
};

const longDate = (iso: string, lang: Lang) => longDay(iso, lang);

/** The chase-up message a coordinator sends a Permanent Mission, in English or Spanish: text to copy, never sent. */
export function draftText(l: LetterForState, lang: Lang): string {
  const w = WORDS[lang];
  const owed = l.questions.filter((q) => q.status === 'outstanding');
  const lines = [
    w.greeting,
    '',
    `${w.intro(l.letter.title, l.letter.date ? longDate(l.letter.date, lang) : '')} ${l.deadline ? w.deadline(longDate(l.deadline, lang)) : w.open}`,
    '',
    w.list(owed.length),
    '',
    ...owed.map((q) => `${q.label}. ${firstLine(q.text, 300)}${q.askedBy.length ? ` (${w.asked} ${q.askedBy.join('; ')})` : ''}`),
    '',
    w.close,
  ];
  return lines.join('\n');
}

export const draftCommand: Command<{ words: string[]; letter?: string; lang?: string }> = {
  name: 'draft',
  aliases: ['borrador'],
  summary: 'A chase-up message to a State’s Permanent Mission with the questions still outstanding, in English or Spanish (nothing is sent).',
  usage: 'draft <State> [--lang en|es] [--letter <id>]',
  examples: ['draft Mexico', 'draft México --lang es', 'borrador México'],
  role: 'member',
  flags: { letter: 'value', lang: 'value' },
  args: z.object({ words: z.array(z.string()).min(1, 'Name a State, such as `draft Mexico`.'), letter: z.string().optional(), lang: z.string().optional() }),
  parse: (line) => ({ words: line.words, letter: line.flags.letter, lang: line.flags.lang ?? (line.name === 'borrador' ? 'es' : undefined) }),
  run({ words, letter, lang }, { services: seen, incoming, lang: spoken }) {
    // A draft leaves the coalition (it goes to a Permanent Mission): sensitive askers are masked for everyone.
    const services = seen.privacy ? { ...seen, ledger: maskedLedger(seen.ledger, seen.privacy) } : seen;
    const language = (lang ?? (/^borrador\b/i.test(incoming.text.trim()) ? 'es' : spoken ?? 'en')).toLowerCase();
    if (language !== 'en' && language !== 'es') throw new UserError('bad-language', `I write drafts in English (en) or Spanish (es), not "${language.slice(0, 10)}".`, 'Such as `draft Mexico --lang es`.', { language: language.slice(0, 10) });
    const { state, rest } = takeState(words, (n) => services.ledger.resolveState(n));
    if (rest.length) throw new UserError('extra-words', `I don't know what "${rest.join(' ').slice(0, 40)}" means here.`, 'Type `draft <State>`, with --letter <id> for one letter.', { words: rest.join(' ').slice(0, 40), usage: 'borrador <Estado>' });
    const l = services.ledger.letterOf(state.id, letter);
    if (!l.questions.some((q) => q.status === 'outstanding')) {
      const done = language === 'es' ? `${state.name} ha respondido todas las preguntas de ${l.letter.id}: no hay nada que reclamar.` : `${state.name} has answered every question of ${l.letter.id}: there is nothing to chase.`;
      return reply([{ kind: 'text', text: done }], { data: { state: state.name, letter: l.letter.id, language, text: null } });
    }
    const text = draftText(l, language);
    return reply([{ kind: 'text', text }, { kind: 'text', text: WORDS[language].sent, tone: 'muted' }], { data: { state: state.name, letter: l.letter.id, language, text } });
  },
};
